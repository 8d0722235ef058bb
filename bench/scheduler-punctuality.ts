// Punctuality of the scheduler on real clocks and real timers: from a post's scheduled
// instant to its POST /2/tweets arriving at the fake X (which answers in 50 ms). 500
// posts over 2 minutes, 50 of them due in the same second.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createNodePorts } from '../main/core/adapters/node-ports.ts';
import { createPassphraseCipher } from '../main/core/adapters/passphrase-cipher.ts';
import { createCore } from '../main/core/create-core.ts';
import { createXRoute } from '../main/core/platforms/x/x-agent.ts';
import { startFakeX } from '../tests/fakes/x-server/index.ts';
import { makeJob } from '../tests/helpers/job-factories.ts';
import { makePost } from '../tests/helpers/post-factories.ts';
import { connectX, testPassphrase, type XTestCore } from '../tests/helpers/x-accounts.ts';
import { recordingLogger } from '../tests/helpers/core.ts';

export async function measurePunctuality(
  options = { posts: 500, burst: 50, spreadMs: 120_000, accounts: 10 },
): Promise<number[]> {
  const fake = await startFakeX({ startAt: Date.now() });
  const pump = setInterval(() => {
    fake.clock.advance(Math.max(0, Date.now() - fake.clock.now()));
  }, 2);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'starling-punctuality-'));
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
    xRoute: createXRoute({ STARLING_X_API_ORIGIN: fake.origin }),
  });
  const core = await createCore({ dataDir, host: 'cli', ports });
  const seen: XTestCore['seen'] = [];
  core.events.subscribe((event, payload) => seen.push({ event, payload }));
  const setup: XTestCore = {
    ...core,
    dataDir,
    clock: { now: () => Date.now(), set: () => undefined, advance: () => undefined },
    logger,
    seen,
    advance: () => undefined,
  };
  try {
    const accounts: { id: string; clientId: string }[] = [];
    for (let i = 0; i < options.accounts; i += 1) {
      const c = await connectX({ fake, core: setup, user: { username: `punctual_${String(i)}` } });
      accounts.push({ id: c.account.id, clientId: c.clientId });
    }
    const db = core.database.db;
    const start = Date.now() + 5_000;
    const burstAt = start + options.spreadMs / 2;
    const dueOf = new Map<string, number>();
    const spread = options.posts - options.burst;
    for (let i = 0; i < options.posts; i += 1) {
      const account = accounts[i % accounts.length];
      if (account === undefined) throw new Error('no accounts');
      const runAt =
        i < spread
          ? start + Math.floor((i / spread) * options.spreadMs)
          : burstAt + Math.floor(((i - spread) / options.burst) * 1_000);
      const text = `Punctual ${String(i)}`;
      dueOf.set(text, runAt);
      const made = await makePost(db, {
        clientId: account.clientId,
        accountIds: [account.id],
        parts: [text],
        scheduledAt: runAt,
      });
      await makeJob(db, { targetId: made.targets[account.id] ?? '', runAt });
    }
    fake.fault({ method: 'POST', path: '/2/tweets', kind: 'latency', ms: 50, times: 1_000_000 });
    await core.scheduler.start();
    await sleep(start + options.spreadMs + 5_000 - Date.now());
    const delays: number[] = [];
    for (const request of fake.ledger.requests()) {
      if (request.method !== 'POST' || request.path !== '/2/tweets') continue;
      const text = (JSON.parse(request.body ?? '{}') as { text?: string }).text ?? '';
      const due = dueOf.get(text);
      if (due !== undefined) delays.push(request.at - due);
    }
    if (delays.length < options.posts) {
      throw new Error(`only ${String(delays.length)} of ${String(options.posts)} posts reached X`);
    }
    return delays;
  } finally {
    clearInterval(pump);
    await core.close();
    await fake.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
