// The soak scenario shared by soak.test.ts (small) and `npm run soak` (big): many posts
// over many accounts on X, Bluesky and Mastodon (some posts to several networks at once),
// published by the `starling daemon` process against the fakes while each injects 5xx,
// 429, resets and answers dropped after recording, one X account's token is revoked (and
// later reconnected), and the daemon is SIGKILLed and restarted at random moments. Then
// every ledger is audited: nothing twice, nothing lost, threads whole, on every network.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { spawnDaemon, type DaemonProcess } from '../helpers/daemon.ts';
import { makeJob } from '../helpers/job-factories.ts';
import { makeMediaAsset, makePost, pngBytes } from '../helpers/post-factories.ts';
import {
  flowOutcome,
  followRedirect,
  startConnect,
  testPassphrase,
  type XTestCore,
} from '../helpers/x-accounts.ts';
import {
  blueskyNetwork,
  followRealTime,
  mastodonNetwork,
  realTimeCore,
  xNetwork,
  type LedgerPost,
  type SoakNetwork,
  type SoakNetworkName,
} from './soak-networks.ts';

export interface SoakOptions {
  posts: number;
  /** Accounts on each network. */
  accounts: number;
  /** Default: all three. */
  networks?: SoakNetworkName[];
  /** Due times spread over this long, starting a few seconds after setup. */
  spreadMs: number;
  kills: number;
  /** How long to wait after the last due time for everything to settle. */
  settleMs: number;
  log?: (line: string) => void;
}

export interface SoakReport {
  posts: number;
  accounts: number;
  targets: number;
  threads: number;
  withMedia: number;
  kills: number;
  faults: Record<string, number>;
  published: number;
  failed: number;
  missed: number;
  needsReview: number;
  /** Still waiting (e.g. held for a reconnect) with the reason shown: not lost. */
  waitingWithReason: number;
  /** Same text by the same author more than once on X. */
  duplicates: number;
  /** Targets in no final state and with no reason, or published with parts missing. */
  lost: number;
  brokenThreads: number;
  /** Posts on a network that Starling has no record of. */
  unrecorded: number;
  /** Posts found on each network's fake. */
  onNetworks: Record<string, number>;
  problems: string[];
}

const tuning = {
  tickMs: 1_000,
  leaseMs: 4_000,
  renewMs: 1_000,
  heldRecheckMs: 3_000,
  offlineRecheckMs: 500,
  concurrency: 8,
  backoff: { baseMs: 400, capMs: 3_000, jitter: 0.2 },
};

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => undefined);
  const names = options.networks ?? ['x', 'bluesky', 'mastodon'];
  const x = names.includes('x') ? await xNetwork() : null;
  const networks: SoakNetwork[] = [
    ...(x === null ? [] : [x]),
    ...(names.includes('bluesky') ? [await blueskyNetwork()] : []),
    ...(names.includes('mastodon') ? [await mastodonNetwork()] : []),
  ];
  const stopFollowing = followRealTime(networks);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'starling-soak-'));
  const xOrigin = x === null ? {} : { STARLING_X_API_ORIGIN: x.origin };
  const setup = await realTimeCore(dataDir, x?.origin ?? null);
  const running: { daemon: DaemonProcess | null } = { daemon: null };
  try {
    const accounts: {
      id: string;
      userId: string;
      clientId: string;
      network: SoakNetworkName;
    }[] = [];
    // Interleaved, so neighbouring posts (and a post's two accounts) are on other networks.
    for (let i = 0; i < options.accounts; i += 1) {
      for (const network of networks) {
        const c = await network.connect(setup, i);
        accounts.push({
          id: c.account.id,
          userId: c.author,
          clientId: c.account.clientId,
          network: network.name,
        });
      }
    }
    const db = setup.database.db;
    const image = await makeMediaAsset(db, dataDir, {
      bytes: pngBytes(4096, 7),
      kind: 'image',
      mime: 'image/png',
    });

    const start = Date.now() + 3_000;
    let threads = 0;
    let withMedia = 0;
    let targets = 0;
    for (let i = 0; i < options.posts; i += 1) {
      const first = accounts[i % accounts.length];
      if (first === undefined) throw new Error('no accounts');
      const second = i % 6 === 5 ? accounts[(i + 1) % accounts.length] : undefined;
      const accountIds = second === undefined ? [first.id] : [first.id, second.id];
      const length = i % 4 === 0 ? 3 : 1;
      if (length > 1) threads += 1;
      const media = i % 5 === 0;
      if (media) withMedia += 1;
      const parts = Array.from({ length }, (_, j) => ({
        text: `Soak post ${String(i)}, part ${String(j + 1)} of ${String(length)}`,
        ...(media && j === 0 && { media: [{ assetId: image, alt: `Picture ${String(i)}` }] }),
      }));
      // Spread out, with bursts: every tenth post shares the previous one's second.
      const runAt =
        start + Math.floor(((i - (i % 10 === 9 ? 1 : 0)) / options.posts) * options.spreadMs);
      const made = await makePost(db, {
        clientId: first.clientId,
        accountIds,
        parts,
        scheduledAt: runAt,
        now: Date.now(),
      });
      for (const targetId of Object.values(made.targets)) {
        targets += 1;
        await makeJob(db, { targetId, runAt, now: Date.now() });
      }
    }
    log(`${String(options.posts)} posts, ${String(targets)} targets set up`);

    const env = {
      ...xOrigin,
      STARLING_VAULT_PASSPHRASE: testPassphrase,
      STARLING_SCHEDULER_TUNING: JSON.stringify(tuning),
    };
    const spawn = () => {
      running.daemon = spawnDaemon(dataDir, env);
    };
    spawn();

    // Faults: per network one at a time, a new one only once it was asked to post since.
    const faults: Record<string, number> = {};
    const posted = new Map(networks.map((n) => [n.name, 0]));
    const next = new Map(networks.map((n) => [n.name, 0]));
    const faulting = setInterval(() => {
      for (const network of networks) {
        const count = network.postRequests();
        if (count === posted.get(network.name)) continue;
        posted.set(network.name, count);
        const index = next.get(network.name) ?? 0;
        next.set(network.name, index + 1);
        const rule = network.faults[index % network.faults.length];
        if (rule === undefined) continue;
        network.fault(rule);
        const name = `${network.name} ${rule.kind === 'status' ? `status ${String(rule.status)}` : rule.kind}`;
        faults[name] = (faults[name] ?? 0) + 1;
      }
    }, 150);

    const revoked = accounts.find((a) => a.network === 'x');
    const end = start + options.spreadMs;
    const killAt = Array.from(
      { length: options.kills },
      () => start + Math.random() * (options.spreadMs + 2_000),
    ).sort((a, b) => a - b);
    const revokeAt = start + options.spreadMs * 0.25;
    const reconnectAt = start + options.spreadMs * 0.6;
    const timeline = [
      ...killAt.map((at) => ({ at, what: 'kill' as const })),
      { at: revokeAt, what: 'revoke' as const },
      { at: reconnectAt, what: 'reconnect' as const },
    ].sort((a, b) => a.at - b.at);
    let kills = 0;
    for (const step of timeline) {
      await sleep(Math.max(0, step.at - Date.now()));
      if (step.what === 'kill') {
        const current = running.daemon;
        if (current !== null) {
          current.child.kill('SIGKILL');
          await current.exited;
        }
        kills += 1;
        log(`SIGKILL ${String(kills)} at +${String(Math.round((Date.now() - start) / 1000))} s`);
        spawn();
      } else if (step.what === 'revoke' && revoked !== undefined && x !== null) {
        x.revoke(revoked.userId);
        log('revoked one account');
      } else if (revoked !== undefined && x !== null) {
        const { flow } = await startConnect(setup, x.fake, revoked.clientId);
        const outcome = flowOutcome(setup, flow.flowId);
        await followRedirect(await x.fake.approve(flow.authorizeUrl, { userId: revoked.userId }));
        if (!(await outcome).ok) throw new Error('reconnect failed');
        log('reconnected it');
      }
    }
    await sleep(Math.max(0, end - Date.now()));
    clearInterval(faulting);

    // Settle: wait until no job is pending or running.
    const settleBy = Date.now() + options.settleMs;
    for (;;) {
      const open = await db
        .selectFrom('publish_jobs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', 'in', ['pending', 'running'])
        .executeTakeFirstOrThrow();
      if (open.n === 0 || Date.now() > settleBy) break;
      await sleep(250);
    }
    const last = running.daemon;
    running.daemon = null;
    if (last !== null) {
      last.child.kill('SIGTERM');
      await last.exited;
    }

    return {
      ...(await audit(db, networks, accounts)),
      posts: options.posts,
      accounts: options.accounts,
      targets,
      threads,
      withMedia,
      kills,
      faults,
    };
  } finally {
    stopFollowing();
    running.daemon?.child.kill('SIGKILL');
    await setup.close();
    for (const network of networks) await network.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

type Audit = Omit<
  SoakReport,
  'posts' | 'accounts' | 'targets' | 'threads' | 'withMedia' | 'kills' | 'faults'
>;

async function audit(
  db: XTestCore['database']['db'],
  networks: SoakNetwork[],
  accounts: { id: string; userId: string; network: SoakNetworkName }[],
): Promise<Audit> {
  const problems: string[] = [];
  const users = new Set(accounts.map((a) => `${a.network}\u0000${a.userId}`));
  const userOf = new Map(accounts.map((a) => [a.id, a.userId]));
  const onNetworks: Record<string, number> = {};
  const posts: LedgerPost[] = [];
  let duplicates = 0;
  for (const network of networks) {
    const mine = network.posts().filter((p) => users.has(`${network.name}\u0000${p.author}`));
    onNetworks[network.name] = mine.length;
    posts.push(...mine);
    const seen = new Map<string, number>();
    for (const p of mine) {
      const key = `${p.author}\u0000${p.text}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    const twice = [...seen.values()].filter((n) => n > 1).length;
    if (twice > 0) problems.push(`${String(twice)} texts on ${network.name} twice`);
    duplicates += twice;
  }
  const byId = new Map(posts.map((p) => [p.id, p]));

  const targets = await db
    .selectFrom('post_targets')
    .select(['id', 'post_id', 'account_id', 'status', 'error_code', 'error_message'])
    .execute();
  const recorded = new Set(
    (await db.selectFrom('post_target_parts').select('remote_id').execute()).map(
      (r) => r.remote_id,
    ),
  );
  const missedEvents = new Set(
    (
      await db
        .selectFrom('post_events')
        .select('target_id')
        .where('type', '=', 'target.missed')
        .execute()
    ).map((e) => e.target_id),
  );
  const counts = { published: 0, failed: 0, missed: 0, needsReview: 0, waitingWithReason: 0 };
  let lost = 0;
  let brokenThreads = 0;
  for (const target of targets) {
    const parts = await db
      .selectFrom('post_parts as p')
      .leftJoin('post_target_parts as tp', (join) =>
        join.onRef('tp.part_id', '=', 'p.id').on('tp.target_id', '=', target.id),
      )
      .select(['p.position', 'p.text', 'tp.remote_id'])
      .where('p.post_id', '=', target.post_id)
      .orderBy('p.position')
      .execute();
    switch (target.status) {
      case 'published': {
        counts.published += 1;
        let previous: string | null = null;
        for (const part of parts) {
          const remote = part.remote_id === null ? undefined : byId.get(part.remote_id);
          if (
            remote?.text !== part.text ||
            remote.parentId !== previous ||
            remote.author !== userOf.get(target.account_id)
          ) {
            brokenThreads += 1;
            problems.push(
              `target ${target.id}: part ${String(part.position)} wrong on its network`,
            );
            break;
          }
          previous = remote.id;
        }
        break;
      }
      case 'failed':
      case 'needs_review':
        if (target.status === 'failed') counts.failed += 1;
        else counts.needsReview += 1;
        if (target.error_message === null) {
          lost += 1;
          problems.push(`target ${target.id}: ${target.status} without a reason`);
        }
        break;
      case 'missed':
        counts.missed += 1;
        if (!missedEvents.has(target.id)) lost += 1;
        break;
      default:
        if (target.error_message !== null && target.status === 'scheduled') {
          counts.waitingWithReason += 1;
        } else {
          lost += 1;
          problems.push(`target ${target.id}: left ${target.status}`);
        }
    }
  }
  const unrecorded = posts.filter((p) => !recorded.has(p.id)).length;
  if (unrecorded > 0) problems.push(`${String(unrecorded)} posts on a network without a record`);
  return {
    ...counts,
    duplicates,
    lost,
    brokenThreads,
    unrecorded,
    onNetworks,
    problems,
  };
}
