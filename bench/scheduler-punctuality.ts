// Punctuality of the scheduler on real clocks and real timers: from a post's scheduled
// instant to its publishing request arriving at the network's fake (each answering in
// 50 ms). 500 posts over 2 minutes across X, Bluesky and Mastodon accounts, 50 of them —
// on all three networks — due in the same second; or issue 19's 5,000 in one minute.
// Starling publishes from a process of its own (probes/publish-host.ts), the fakes stay
// in this one.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../main/core/db/schema.ts';
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
import { facebookNetwork } from '../tests/integration/soak-facebook.ts';
import { threadsNetwork } from '../tests/integration/soak-threads.ts';
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
  /** CPU time the publishing process spent per post sent (ms), where it had its own. */
  cpuMsPerPost: number | null;
}

export interface PunctualityRun {
  posts: number;
  /** How many of them fall due within `burstWindowMs` (default 1 s) mid-way. */
  burst: number;
  spreadMs: number;
  /** Accounts in all, spread over the networks in turn. */
  accounts: number;
  /**
   * Where they are (default X, Bluesky and Mastodon). LinkedIn, Facebook and Threads read
   * their origins from this process's environment, which the publishing process inherits.
   */
  networks?: readonly BenchNetwork[];
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
  options: PunctualityRun = { posts: 500, burst: 50, spreadMs: 120_000, accounts: 12 },
  only?: string,
  host: PunctualityHost = {},
): Promise<Punctuality> {
  const x = await xNetwork();
  const networks: SoakNetwork[] = [x];
  const requests: (() => LoggedRequest[])[] = [() => x.fake.ledger.requests()];
  for (const name of options.networks ?? ['x', 'bluesky', 'mastodon']) {
    if (name === 'x') continue;
    const started = await startNetwork(name);
    networks.push(started.network);
    requests.push(started.requests);
  }
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
  // Starling publishes from a process of its own, as the app does, so the fakes here
  // take none of its CPU; a run with `during` keeps it here, beside that work.
  let elsewhere: PublishHost | null = null;
  let closed = false;
  try {
    const accounts: { id: string; clientId: string; network: string }[] = [];
    for (let i = 0; i < options.accounts; i += 1) {
      const network = posting[i % posting.length];
      if (network === undefined) throw new Error(`no network named ${only ?? ''}`);
      const { account } = await network.connect(setup, Math.floor(i / posting.length));
      accounts.push({ id: account.id, clientId: account.clientId, network: network.name });
    }
    if (host.during === undefined) elsewhere = await startPublishHost(dataDir, x.origin);
    const db = core.database.db;
    // Made an hour ahead, so that none falls due while thousands are made; then all are
    // moved to start 2 s from now together.
    let start = Date.now() + 3_600_000;
    const burstAt = start + options.spreadMs / 2;
    const burstWindowMs = options.burstWindowMs ?? 1_000;
    const dueOf = new Map<string, { at: number; network: string }>();
    const postIds: string[] = [];
    const jobIds: string[] = [];
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
      postIds.push(made.postId);
      jobIds.push(await makeJob(db, { targetId: made.targets[account.id] ?? '', runAt }));
    }
    const shift = Date.now() + 2_000 - start;
    // Only these: on an existing data folder (the million-post one) a shift of every row
    // took longer than the 2 s lead, and the first posts were late before publishing began.
    await sql`UPDATE posts SET scheduled_at = scheduled_at + ${shift}
      WHERE id IN (${sql.join(postIds)})`.execute(db);
    await sql`UPDATE publish_jobs SET run_at = run_at + ${shift}
      WHERE id IN (${sql.join(jobIds)})`.execute(db);
    for (const due of dueOf.values()) due.at += shift;
    start += shift;
    for (const network of networks) network.slow(50);
    let during: Promise<void> | undefined;
    if (elsewhere === null) {
      await core.scheduler.start();
      during = host.during?.(core);
    } else {
      closed = true;
      await core.close();
      elsewhere.check();
    }
    const lastDue = Math.max(
      start + options.spreadMs,
      start + options.spreadMs / 2 + burstWindowMs,
    );
    await sleep(lastDue + 5_000 - Date.now());
    // Slower than due: give the rest up to `drainMs` more, so their lateness is measured
    // rather than the run failing; what is still unsent then is reported. Sends that stop
    // for 10 s end it sooner: what is left waits for a posting limit's window (minutes to
    // a day) or is lost, and the count below tells which.
    const sentCount = () => networks.reduce((n, network) => n + network.sends().length, 0);
    let lastCount = -1;
    let lastChange = Date.now();
    while (sentCount() < options.posts && Date.now() < lastDue + (options.drainMs ?? 0)) {
      const count = sentCount();
      if (count !== lastCount) [lastCount, lastChange] = [count, Date.now()];
      else if (Date.now() - lastChange >= 10_000) break;
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
    const publisher =
      elsewhere === null
        ? { paced: await pacedPosts(core.database.db), cpuMs: null }
        : await elsewhere.finish();
    const { paced } = publisher;
    elsewhere = null;
    const waiting = Object.values(paced).reduce((sum, n) => sum + n, 0);
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
    const cpuMsPerPost =
      publisher.cpuMs === null || all.length === 0 ? null : publisher.cpuMs / all.length;
    return {
      all,
      byNetwork,
      paced,
      rateLimited,
      unsent: Math.max(0, unsent),
      perSecond,
      cpuMsPerPost,
    };
  } finally {
    clearInterval(pump);
    await elsewhere?.finish().catch(() => undefined);
    if (!closed) await core.close();
    for (const network of networks) await network.close();
    if (host.dataDir === undefined) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Posts still waiting for room within their network's posting limit, per network. */
export async function pacedPosts(db: Kysely<Schema>): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('post_targets as t')
    .innerJoin('social_accounts as a', 'a.seq', 't.account_seq')
    .select(['a.platform', (eb) => eb.fn.countAll<number>().as('n')])
    .where('t.status', '=', 'scheduled')
    .where('t.error_code', '=', 'RATE_LIMITED')
    .groupBy('a.platform')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.platform, r.n]));
}

interface PublishHost {
  /** Asks it to look at the clock now (posts were scheduled from this process). */
  check(): void;
  /** Stops it; answers its posts still waiting for a posting limit, and its CPU time. */
  finish(): Promise<{ paced: Record<string, number>; cpuMs: number }>;
}

/**
 * Starts bench/probes/publish-host.ts on `dataDir` and waits until its scheduler runs.
 * STARLING_BENCH_CPU_PROF=DIR profiles it (node --cpu-prof) into DIR.
 */
async function startPublishHost(dataDir: string, xOrigin: string): Promise<PublishHost> {
  const profile = process.env.STARLING_BENCH_CPU_PROF;
  const child = spawn(
    process.execPath,
    [
      ...(profile === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profile}`]),
      path.join(import.meta.dirname, 'probes', 'publish-host.ts'),
      dataDir,
      xOrigin,
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const exited = once(child, 'exit');
  const first = await lines.next();
  if (first.value !== 'ready') throw new Error('the publishing process did not start');
  let result: Promise<{ paced: Record<string, number>; cpuMs: number }> | null = null;
  return {
    check() {
      child.stdin.write('check\n');
    },
    finish() {
      result ??= (async () => {
        child.stdin.end();
        const last = await lines.next();
        const [code] = (await exited) as [number | null];
        if (code !== 0 || typeof last.value !== 'string') {
          throw new Error(`the publishing process ended with ${String(code)}`);
        }
        const report = JSON.parse(last.value) as {
          paced: Record<string, number>;
          cpuMs: number;
          logged: { level: string; message: string }[];
        };
        const errors = report.logged.filter((l) => l.level === 'error');
        if (errors.length > 0) process.stderr.write(`publish host: ${JSON.stringify(errors)}\n`);
        return { paced: report.paced, cpuMs: report.cpuMs };
      })();
      return result;
    },
  };
}

export type BenchNetwork = 'x' | 'bluesky' | 'mastodon' | 'linkedin' | 'facebook' | 'threads';

/** A network's fake and adapter (X is started apart: its origin is the publisher's route). */
async function startNetwork(
  name: Exclude<BenchNetwork, 'x'>,
): Promise<{ network: SoakNetwork; requests: () => LoggedRequest[] }> {
  switch (name) {
    case 'bluesky': {
      const network = await blueskyNetwork();
      return { network, requests: () => network.fake.ledger.requests() };
    }
    case 'mastodon': {
      const network = await mastodonNetwork();
      return { network, requests: () => network.fake.ledger.requests() };
    }
    case 'linkedin': {
      const network = await linkedinNetwork();
      return { network, requests: () => network.fake.ledger.requests() };
    }
    case 'facebook': {
      const network = await facebookNetwork();
      return { network, requests: () => network.fake.requests() };
    }
    case 'threads': {
      const network = await threadsNetwork();
      return { network, requests: () => network.fake.ledger.requests() };
    }
  }
}
