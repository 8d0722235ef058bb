// Punctuality of the scheduler on real clocks and real timers: from a post's scheduled
// instant to its publishing request arriving at the network's fake (each answering in
// 50 ms). 500 posts over 2 minutes across X, Bluesky and Mastodon accounts, 50 of them —
// on all three networks — due in the same second.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createNodePorts } from '../main/core/adapters/node-ports.ts';
import { createPassphraseCipher } from '../main/core/adapters/passphrase-cipher.ts';
import { createCore, type Core } from '../main/core/create-core.ts';
import { createXRoute } from '../main/core/platforms/x/x-agent.ts';
import { makeJob } from '../tests/helpers/job-factories.ts';
import { makePost } from '../tests/helpers/post-factories.ts';
import { testPassphrase, type XTestCore } from '../tests/helpers/x-accounts.ts';
import { recordingLogger, recordEvents } from '../tests/helpers/core.ts';
import {
  blueskyNetwork,
  mastodonNetwork,
  xNetwork,
  type SoakNetwork,
} from '../tests/integration/soak-networks.ts';

export interface Punctuality {
  /** Every post's delay, in ms. */
  all: number[];
  /** Per network. */
  byNetwork: Record<string, number[]>;
}

export interface PunctualityHost {
  /** An existing data folder to publish from (kept afterwards); a fresh one by default. */
  dataDir?: string;
  /** Work the publishing core does meanwhile (a backup), started with the scheduler. */
  during?: (core: Core) => Promise<void>;
}

export async function measurePunctuality(
  options = { posts: 500, burst: 50, spreadMs: 120_000, accountsPerNetwork: 4 },
  only?: string,
  host: PunctualityHost = {},
): Promise<Punctuality> {
  const x = await xNetwork();
  const networks: SoakNetwork[] = [x, await blueskyNetwork(), await mastodonNetwork()];
  const posting = networks.filter((n) => only === undefined || n.name === only);
  const pump = setInterval(() => {
    for (const network of networks) network.follow(Date.now());
  }, 2);
  const dataDir = host.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'starling-punctuality-'));
  const logger = recordingLogger();
  const ports = createNodePorts(dataDir, {
    logger: {
      info: () => undefined,
      warn: (message, fields) => {
        logger.warn(message, fields);
      },
      error: (message, fields) => {
        logger.error(message, fields);
      },
    },
    localTimeZone: 'Europe/Berlin',
    cipher: createPassphraseCipher(dataDir, testPassphrase),
    xRoute: createXRoute({ STARLING_X_API_ORIGIN: x.origin }),
  });
  const core = await createCore({ dataDir, host: 'cli', ports });
  const seen = recordEvents(core.events);
  const setup: XTestCore = {
    ...core,
    dataDir,
    clock: { now: () => Date.now(), set: () => undefined, advance: () => undefined },
    logger,
    seen,
    advance: () => undefined,
  };
  try {
    const accounts: { id: string; clientId: string; network: string }[] = [];
    for (let i = 0; i < options.accountsPerNetwork; i += 1) {
      for (const network of posting) {
        const { account } = await network.connect(setup, i);
        accounts.push({ id: account.id, clientId: account.clientId, network: network.name });
      }
    }
    const db = core.database.db;
    const start = Date.now() + 5_000;
    const burstAt = start + options.spreadMs / 2;
    const dueOf = new Map<string, { at: number; network: string }>();
    const spread = options.posts - options.burst;
    for (let i = 0; i < options.posts; i += 1) {
      const account = accounts[i % accounts.length];
      if (account === undefined) throw new Error('no accounts');
      const runAt =
        i < spread
          ? start + Math.floor((i / spread) * options.spreadMs)
          : burstAt + Math.floor(((i - spread) / options.burst) * 1_000);
      const text = `Punctual ${String(i)}`;
      dueOf.set(text, { at: runAt, network: account.network });
      const made = await makePost(db, {
        clientId: account.clientId,
        accountIds: [account.id],
        parts: [text],
        scheduledAt: runAt,
      });
      await makeJob(db, { targetId: made.targets[account.id] ?? '', runAt });
    }
    for (const network of networks) network.slow(50);
    await core.scheduler.start();
    const during = host.during?.(core);
    await sleep(start + options.spreadMs + 5_000 - Date.now());
    await during;
    const all: number[] = [];
    const byNetwork: Record<string, number[]> = {};
    for (const network of networks) {
      for (const sent of network.sends()) {
        const due = dueOf.get(sent.text);
        if (due === undefined) continue;
        all.push(sent.at - due.at);
        (byNetwork[due.network] ??= []).push(sent.at - due.at);
      }
    }
    if (all.length < options.posts) {
      throw new Error(`only ${String(all.length)} of ${String(options.posts)} posts were sent`);
    }
    return { all, byNetwork };
  } finally {
    clearInterval(pump);
    await core.close();
    for (const network of networks) await network.close();
    if (host.dataDir === undefined) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
