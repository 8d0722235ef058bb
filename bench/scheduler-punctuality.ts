// Punctuality of the scheduler on real clocks and real timers: from a post's scheduled
// instant to its publishing request arriving at the network's fake (each answering in
// 50 ms). 500 posts over 2 minutes across X, Bluesky and Mastodon accounts, 50 of them —
// on all three networks — due in the same second.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
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
import { linkedinNetwork } from '../tests/integration/soak-linkedin.ts';
import type { LoggedRequest } from '../tests/fakes/http-kit/types.ts';

export interface Punctuality {
  /** Every post's delay, in ms. */
  all: number[];
  /** Per network. */
  byNetwork: Record<string, number[]>;
  /** Posts still waiting, at the end, for room within their network's posting limit. */
  paced: Record<string, number>;
  /** 429 answers the fakes gave. */
  rateLimited: number;
  /** Posts neither sent nor waiting for a limit when the run ended. */
  unsent: number;
  /** Posts sent per second from the first due time to the last send. */
  perSecond: number;
}

export interface PunctualityRun {
  posts: number;
  /** How many of them fall due within `burstWindowMs` (default 1 s) mid-way. */
  burst: number;
  spreadMs: number;
  accountsPerNetwork: number;
  /** LinkedIn joins the three when asked (it reads its origin from this process's env). */
  withLinkedIn?: boolean;
  burstWindowMs?: number;
  /** How long after the last due time unsent posts are still waited for (default none). */
  drainMs?: number;
}

export interface PunctualityHost {
  /** An existing data folder to publish from (kept afterwards); a fresh one by default. */
  dataDir?: string;
  /** Work the publishing core does meanwhile (a backup), started with the scheduler. */
  during?: (core: Core) => Promise<void>;
}

export async function measurePunctuality(
  options: PunctualityRun = { posts: 500, burst: 50, spreadMs: 120_000, accountsPerNetwork: 4 },
  only?: string,
  host: PunctualityHost = {},
): Promise<Punctuality> {
  const x = await xNetwork();
  const bluesky = await blueskyNetwork();
  const mastodon = await mastodonNetwork();
  const linkedin = options.withLinkedIn === true ? await linkedinNetwork() : null;
  const networks: SoakNetwork[] = [x, bluesky, mastodon, ...(linkedin === null ? [] : [linkedin])];
  const requests: (() => LoggedRequest[])[] = [
    () => x.fake.ledger.requests(),
    () => bluesky.fake.ledger.requests(),
    () => mastodon.fake.ledger.requests(),
    ...(linkedin === null ? [] : [() => linkedin.fake.ledger.requests()]),
  ];
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
  // As the app's startBackground does: a big database's start-up check holds writes.
  await core.database.verified;
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
    let start = Date.now() + 5_000;
    const burstAt = start + options.spreadMs / 2;
    const burstWindowMs = options.burstWindowMs ?? 1_000;
    const dueOf = new Map<string, { at: number; network: string }>();
    const spread = options.posts - options.burst;
    for (let i = 0; i < options.posts; i += 1) {
      const account = accounts[i % accounts.length];
      if (account === undefined) throw new Error('no accounts');
      const runAt =
        i < spread
          ? start + Math.floor((i / spread) * options.spreadMs)
          : burstAt + Math.floor(((i - spread) / options.burst) * burstWindowMs);
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
    // Making thousands of posts can outlast the 5 s lead: move them all later together.
    const late = Date.now() + 2_000 - start;
    if (late > 0) {
      await sql`UPDATE posts SET scheduled_at = scheduled_at + ${late}`.execute(db);
      await sql`UPDATE publish_jobs SET run_at = run_at + ${late}`.execute(db);
      for (const due of dueOf.values()) due.at += late;
      start += late;
    }
    for (const network of networks) network.slow(50);
    await core.scheduler.start();
    const during = host.during?.(core);
    const lastDue = Math.max(
      start + options.spreadMs,
      start + options.spreadMs / 2 + burstWindowMs,
    );
    await sleep(lastDue + 5_000 - Date.now());
    // Slower than due: give the rest up to `drainMs` more, so their lateness is measured
    // rather than the run failing; what is still unsent then is reported.
    const sentCount = () => networks.reduce((n, network) => n + network.sends().length, 0);
    while (sentCount() < options.posts && Date.now() < lastDue + (options.drainMs ?? 0)) {
      await sleep(1_000);
    }
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
    // Posts beyond a network's posting limit wait for its window by design; any other
    // post not sent is a failure of the run.
    const pacedRows = await db
      .selectFrom('post_targets as t')
      .innerJoin('social_accounts as a', 'a.id', 't.account_id')
      .select(['a.platform', (eb) => eb.fn.countAll<number>().as('n')])
      .where('t.status', '=', 'scheduled')
      .where('t.error_code', '=', 'RATE_LIMITED')
      .groupBy('a.platform')
      .execute();
    const paced = Object.fromEntries(pacedRows.map((r) => [r.platform, r.n]));
    const waiting = pacedRows.reduce((sum, r) => sum + r.n, 0);
    const unsent = options.posts - all.length - waiting;
    if (unsent > 0 && options.drainMs === undefined) {
      throw new Error(
        `only ${String(all.length)} of ${String(options.posts)} posts were sent (${String(waiting)} wait for a posting limit)`,
      );
    }
    const rateLimited = requests.flatMap((r) => r()).filter((r) => r.status === 429).length;
    const sendTimes = networks.flatMap((n) => n.sends().map((x) => x.at));
    const span = (Math.max(...sendTimes) - start) / 1000;
    const perSecond = span > 0 ? all.length / span : 0;
    return { all, byNetwork, paced, rateLimited, unsent: Math.max(0, unsent), perSecond };
  } finally {
    clearInterval(pump);
    await core.close();
    for (const network of networks) await network.close();
    if (host.dataDir === undefined) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
