// The soak scenario shared by soak.test.ts (small) and `npm run soak` (big): many posts
// over many accounts on X, Bluesky, Mastodon, LinkedIn (members and company pages), Threads,
// Facebook Pages and Instagram (media for Threads and Instagram through the media relay on
// s3rver; some posts to several networks at once), published by the `starling daemon`
// process against the fakes while each injects 5xx, 429, resets and answers dropped after
// recording (LinkedIn also an expired token), one X account's and one LinkedIn member's
// access is revoked (and later reconnected), and the daemon is SIGKILLed and restarted at
// random moments. Then every ledger is audited: nothing twice, nothing lost, threads
// whole, on every network; and every post Starling stopped at needs_review because its
// network gives no way to look it up is on that network at most once, with nothing of it
// sent past the part in doubt.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { spawnDaemon, type DaemonProcess } from '../helpers/daemon.ts';
import { makeJob } from '../helpers/job-factories.ts';
import { makeMediaAsset, makePost, pngBytes } from '../helpers/post-factories.ts';
import { testPassphrase } from '../helpers/x-accounts.ts';
import { imageBytes } from '../helpers/media-files.ts';
import { audit } from './soak-audit.ts';
import { facebookNetwork } from './soak-facebook.ts';
import { instagramNetwork } from './soak-instagram.ts';
import { linkedinNetwork } from './soak-linkedin.ts';
import { threadsNetwork } from './soak-threads.ts';
import {
  blueskyNetwork,
  followRealTime,
  mastodonNetwork,
  realTimeCore,
  xNetwork,
  type SoakNetwork,
  type SoakNetworkName,
} from './soak-networks.ts';

export interface SoakOptions {
  posts: number;
  /** Accounts on each network. */
  accounts: number;
  /** Default: all of them. */
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
  /**
   * needs_review targets whose part in doubt the network's ledger holds (it went out, the
   * user will confirm it) and does not hold (the user will send it again): never lost,
   * never counted as unrecorded.
   */
  reviewOnNetwork: number;
  reviewNotOnNetwork: number;
  /** Still waiting (e.g. held for a reconnect) with the reason shown: not lost. */
  waitingWithReason: number;
  /**
   * Still queued, with no reason of their own, behind a post of the same account that
   * waits out a rate limit (LinkedIn's are daily): not lost, but the user is not told why.
   */
  linedUpBehindLimit: number;
  /** Same text by the same author more than once on X. */
  duplicates: number;
  /** Targets in no final state and with no reason, or published with parts missing. */
  lost: number;
  brokenThreads: number;
  /** Posts on a network that Starling has no record of. */
  unrecorded: number;
  /** Posts found on each network's fake (and per kind of account, e.g. 'linkedin page'). */
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
  const names = options.networks ?? [
    'x',
    'bluesky',
    'mastodon',
    'linkedin',
    'threads',
    'facebook',
    'instagram',
  ];
  const x = names.includes('x') ? await xNetwork() : null;
  const linkedin = names.includes('linkedin') ? await linkedinNetwork() : null;
  const threadsNet = names.includes('threads') ? await threadsNetwork() : null;
  const facebook = names.includes('facebook') ? await facebookNetwork() : null;
  // Instagram shares Facebook's fake Meta: one Graph API origin for the daemon.
  const instagram = names.includes('instagram') ? await instagramNetwork(facebook?.fake) : null;
  const networks: SoakNetwork[] = [
    ...(x === null ? [] : [x]),
    ...(names.includes('bluesky') ? [await blueskyNetwork()] : []),
    ...(names.includes('mastodon') ? [await mastodonNetwork()] : []),
    ...(linkedin === null ? [] : [linkedin]),
    ...(threadsNet === null ? [] : [threadsNet]),
    ...(facebook === null ? [] : [facebook]),
    ...(instagram === null ? [] : [instagram]),
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
    // Instagram posts no text alone, no threads and JPEGs only: its posts are one part
    // with one or two JPEGs (a carousel every other time).
    const jpegs = await Promise.all(
      [1, 2].map(async () =>
        makeMediaAsset(db, dataDir, {
          bytes: await imageBytes('jpeg', 320, 320),
          kind: 'image',
          mime: 'image/jpeg',
        }),
      ),
    );

    const start = Date.now() + 3_000;
    let threads = 0;
    let withMedia = 0;
    let targets = 0;
    for (let i = 0; i < options.posts; i += 1) {
      const first = accounts[i % accounts.length];
      if (first === undefined) throw new Error('no accounts');
      const second = i % 6 === 5 ? accounts[(i + 1) % accounts.length] : undefined;
      const accountIds = second === undefined ? [first.id] : [first.id, second.id];
      const onInstagram = [first, second].some((a) => a?.network === 'instagram');
      const length = i % 4 === 0 && !onInstagram ? 3 : 1;
      if (length > 1) threads += 1;
      const media = i % 5 === 0 || onInstagram;
      if (media) withMedia += 1;
      const pictures = onInstagram ? jpegs.slice(0, 1 + (i % 2)) : [image];
      const parts = Array.from({ length }, (_, j) => ({
        text: `Soak post ${String(i)}, part ${String(j + 1)} of ${String(length)}`,
        ...(media &&
          j === 0 && {
            media: pictures.map((assetId) => ({ assetId, alt: `Picture ${String(i)}` })),
          }),
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
      ...linkedin?.env,
      ...threadsNet?.env,
      ...facebook?.env,
      ...instagram?.env,
      STARLING_VAULT_PASSPHRASE: testPassphrase,
      STARLING_SCHEDULER_TUNING: JSON.stringify(tuning),
    };
    // A daemon that exits by itself (not killed by the soak) is a problem the report names.
    const crashes: string[] = [];
    const spawn = () => {
      const daemon = spawnDaemon(dataDir, env);
      running.daemon = daemon;
      void daemon.exited.then(({ code, signal }) => {
        if (signal === null && running.daemon === daemon)
          crashes.push(`daemon exited with ${String(code)}: ${daemon.stderr()}`);
      });
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
        const what = rule.kind === 'status' ? `status ${String(rule.status)}` : rule.kind;
        const name = `${network.name} ${what}${rule.path === network.faults[0]?.path ? '' : ` ${String(rule.path)}`}`;
        faults[name] = (faults[name] ?? 0) + 1;
      }
    }, 150);

    // On each network that can, its first account's access is revoked, then reconnected.
    const revoked = networks.flatMap((network) => {
      const account = accounts.find((a) => a.network === network.name);
      return account === undefined || network.revoke === undefined ? [] : [{ network, account }];
    });
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
      } else if (step.what === 'revoke') {
        for (const { network, account } of revoked) network.revoke?.(account.userId);
        log(`revoked one account on ${revoked.map((r) => r.network.name).join(', ')}`);
      } else {
        for (const { network, account } of revoked) {
          await network.reconnect?.(setup, account.userId, account.clientId);
        }
        log('reconnected them');
      }
    }
    await sleep(Math.max(0, end - Date.now()));
    clearInterval(faulting);

    // Settle: wait until no job is running or due soon (one waiting for LinkedIn's daily
    // limit to reset at 00:00 UTC is left waiting; the audit counts it with its reason).
    const settleBy = Date.now() + options.settleMs;
    for (;;) {
      const open = await db
        .selectFrom('publish_jobs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where((eb) =>
          eb.or([
            eb('status', '=', 'running'),
            eb.and([eb('status', '=', 'pending'), eb('run_at', '<=', Date.now() + 60_000)]),
          ]),
        )
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

    const audited = await audit(db, networks, accounts);
    return {
      ...audited,
      problems: [...crashes, ...audited.problems],
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
