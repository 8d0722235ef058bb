// The race of issue "Two processes on one folder", shared by race.test.ts (short) and
// `npm run race` (10 minutes): `starling serve --publish`, `starling daemon` and a loop of
// `starling analytics sync` run together on one data folder against the fake X and the
// fake PDS, whose access tokens live 30 s, while the token endpoints fail now and then in
// ways that leave the old pair valid (5xx, a connection reset before handling). Every
// process refreshes the same accounts; [Note: refresh leases] must keep any refresh token
// from being presented twice. Then: no account needs a reconnect, every post is out once.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultRule } from '../fakes/http-kit/types.ts';
import { binPath, startCli } from '../helpers/cli.ts';
import { expectOk } from '../helpers/core.ts';
import { spawnDaemon } from '../helpers/daemon.ts';
import { makeJob } from '../helpers/job-factories.ts';
import { makePost } from '../helpers/post-factories.ts';
import { testPassphrase } from '../helpers/x-accounts.ts';
import {
  blueskyNetwork,
  followRealTime,
  realTimeCore,
  xNetwork,
  type SoakNetwork,
} from './soak-networks.ts';

export interface RaceOptions {
  /** How long the three processes run together. */
  durationMs: number;
  /** Accounts on each of X and Bluesky. */
  accounts: number;
  /** Posts per account, due across the run. */
  postsPerAccount: number;
  log?: (line: string) => void;
}

export interface RaceReport {
  posts: number;
  published: number;
  needsReauth: number;
  duplicates: number;
  lost: number;
  /** Refresh tokens presented again after they were spent, per network: must be 0. */
  refreshReuses: { x: number; bluesky: number };
  /** Token requests each network answered (refreshes, most of them). */
  tokenCalls: { x: number; bluesky: number };
  tokenFaults: number;
  syncRuns: number;
  problems: string[];
}

const tuning = {
  tickMs: 1_000,
  leaseMs: 10_000,
  renewMs: 2_000,
  heldRecheckMs: 3_000,
  offlineRecheckMs: 500,
  backoff: { baseMs: 500, capMs: 3_000, jitter: 0.2 },
};
const tokenLifetimeMs = 30_000;
const xToken = '/2/oauth2/token';
const pdsRefresh = '/xrpc/com.atproto.server.refreshSession';

/** `starling serve --publish` as a child process, stopped by the caller. */
function servePublishing(dataDir: string, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(
    process.execPath,
    [binPath, '--data-dir', dataDir, '--json', 'serve', '--port', '0', '--publish'],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
}

/** Requests a fake received at `endpoint`, answered or not. */
const callsTo = (fake: { ledger: { requests(): { path: string }[] } }, endpoint: string) =>
  fake.ledger.requests().filter((r) => r.path === endpoint).length;

const exited = (child: ChildProcess) =>
  child.exitCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => {
        child.once('exit', () => {
          resolve();
        });
      });

export async function runRace(options: RaceOptions): Promise<RaceReport> {
  const log = options.log ?? (() => undefined);
  const x = await xNetwork({ tokenLifetimeMs });
  const bluesky = await blueskyNetwork({ tokenLifetimeMs });
  const networks: SoakNetwork[] = [x, bluesky];
  const stopFollowing = followRealTime(networks);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'starling-race-'));
  const env = {
    STARLING_X_API_ORIGIN: x.origin,
    STARLING_VAULT_PASSPHRASE: testPassphrase,
    STARLING_SCHEDULER_TUNING: JSON.stringify(tuning),
  };
  const children: ChildProcess[] = [];
  const sync = { on: true };
  const report: RaceReport = {
    posts: 0,
    published: 0,
    needsReauth: 0,
    duplicates: 0,
    lost: 0,
    refreshReuses: { x: 0, bluesky: 0 },
    tokenCalls: { x: 0, bluesky: 0 },
    tokenFaults: 0,
    syncRuns: 0,
    problems: [],
  };
  try {
    // Accounts and posts, written by a core that is closed before the race starts.
    const base = await realTimeCore(dataDir, x.origin);
    const texts: string[] = [];
    for (let i = 0; i < options.accounts; i += 1) {
      for (const network of networks) {
        const { account } = await network.connect(base, i);
        for (let n = 0; n < options.postsPerAccount; n += 1) {
          const runAt =
            Date.now() +
            3_000 +
            Math.floor((n / options.postsPerAccount) * options.durationMs * 0.8);
          const text = `Race ${network.name} ${String(i)} post ${String(n)}`;
          texts.push(text);
          const made = await makePost(base.database.db, {
            clientId: account.clientId,
            accountIds: [account.id],
            parts: [text],
            scheduledAt: runAt,
            now: Date.now(),
          });
          await makeJob(base.database.db, {
            targetId: made.targets[account.id] ?? '',
            runAt,
            now: Date.now(),
          });
        }
      }
    }
    report.posts = texts.length;
    await base.close();
    log(`${String(texts.length)} posts over ${String(options.accounts * 2)} accounts`);

    // The three processes, together.
    children.push(spawnDaemon(dataDir, env).child, servePublishing(dataDir, env));
    const syncLoop = (async () => {
      while (sync.on) {
        await startCli(['--data-dir', dataDir, '--json', 'analytics', 'sync'], env).exited;
        report.syncRuns += 1;
        await sleep(500);
      }
    })();
    // Token endpoints fail now and then, leaving the old pair valid: one refresh in three
    // meets a 5xx or a reset (a fault is armed only once the last one was used up).
    const kinds: FaultRule['kind'][] = ['status', 'reset'];
    const endpoints = [
      { network: x, calls: () => callsTo(x.fake, xToken), path: xToken, armedAt: -3 },
      {
        network: bluesky,
        calls: () => callsTo(bluesky.fake, pdsRefresh),
        path: pdsRefresh,
        armedAt: -3,
      },
    ];
    const faulting = setInterval(() => {
      for (const endpoint of endpoints) {
        const calls = endpoint.calls();
        if (calls < endpoint.armedAt + 3) continue;
        endpoint.armedAt = calls;
        const kind = kinds[report.tokenFaults % kinds.length] ?? 'reset';
        endpoint.network.fault(
          kind === 'status'
            ? { method: 'POST', path: endpoint.path, kind: 'status', status: 503 }
            : { method: 'POST', path: endpoint.path, kind: 'reset' },
        );
        report.tokenFaults += 1;
      }
    }, 200);
    const deadline = Date.now() + options.durationMs;
    while (Date.now() < deadline) {
      await sleep(5_000);
      log(`${String(Math.round((deadline - Date.now()) / 1000))} s left`);
    }
    clearInterval(faulting);
    x.fake.clearFaults();
    bluesky.fake.clearFaults();
    // Settle: what is due goes out, then every process stops. A post that met a fault
    // just before the faults ended may be backing off for up to the scheduler's longest
    // wait (5 minutes, 6 with jitter), so that long is allowed; the loop ends as soon as
    // everything is out.
    const settleUntil = Date.now() + 370_000;
    while (Date.now() < settleUntil) {
      const live = x.posts().length + bluesky.posts().length;
      if (live >= texts.length) break;
      await sleep(1_000);
    }
    sync.on = false;
    await syncLoop;
    for (const [index, child] of children.entries()) {
      if (child.exitCode !== null) {
        report.problems.push(
          `process ${String(index)} exited early with ${String(child.exitCode)}`,
        );
      }
    }
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map(exited));

    // The audit.
    const after = await realTimeCore(dataDir, x.origin);
    const accounts = expectOk(await after.invoke('accounts:list', {}));
    report.needsReauth = accounts.filter((a) => a.status !== 'active').length;
    const posts = expectOk(await after.invoke('posts:list', { limit: 1000 }));
    report.published = posts.filter((p) => p.status === 'published').length;
    for (const post of posts.filter((p) => p.status !== 'published')) {
      const why = post.targets.map((t) => t.errorMessage ?? t.status).join('; ');
      report.problems.push(`"${post.firstLine}" is ${post.status}: ${why}`);
    }
    await after.close();
    const onNetworks = [...x.posts(), ...bluesky.posts()].map((p) => p.text);
    for (const text of texts) {
      const copies = onNetworks.filter((t) => t === text).length;
      if (copies === 0) report.lost += 1;
      if (copies > 1) report.duplicates += copies - 1;
    }
    report.refreshReuses = { x: x.fake.refreshReuses(), bluesky: bluesky.fake.refreshReuses() };
    report.tokenCalls = { x: callsTo(x.fake, xToken), bluesky: callsTo(bluesky.fake, pdsRefresh) };
    for (const account of accounts.filter((a) => a.status !== 'active')) {
      report.problems.push(`@${account.handle} (${account.platform}) is ${account.status}`);
    }
    return report;
  } finally {
    sync.on = false;
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    stopFollowing();
    for (const network of networks) await network.close();
    if (process.env.RACE_KEEP === undefined) fs.rmSync(dataDir, { recursive: true, force: true });
    else log(`kept ${dataDir}`);
  }
}
