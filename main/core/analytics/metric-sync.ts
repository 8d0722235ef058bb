// One metric sync pass: enrols new posts and accounts, then for each account with
// something due reads its follower counts and its due posts in batches of up to 100,
// appends a snapshot per read, and spends billed reads (X's) from the daily cap. Each
// account is read through its network's MetricsPort; refusals are settled per account:
// a 429 holds the account until the network's reset, a deleted post stops being polled
// and is marked, other partial errors are retried at a later poll. Progress counts the
// posts handled against those due at the start; a cancel stops between batches, keeping
// what was read.
import type { Kysely } from 'kysely';
import { engagementsOf, type SyncResult } from '../../../shared/analytics.ts';
import type { Schema } from '../db/schema.ts';
import type { Clock, Logger } from '../ports.ts';
import { silentOperation, type Operation } from '../progress/operations.ts';
import type { MetricsPort, PlatformAccount, PostLookup, PostMetrics } from '../platforms/port.ts';
import { accountPollEveryMs, nextPostPoll, privateMetricsMaxAgeMs } from './cadence.ts';
import { metricAccountSeq } from './metric-accounts.ts';
import type { ClaimedPost, PollStore } from './poll-store.ts';
import { readsUsed, spendReads } from './read-budget.ts';
import { decodeSeries, encodeSeries, readingFigures, withReading } from './reading-series.ts';

const retryLaterMs = 15 * 60_000;
const partialRetryMs = 60 * 60_000;

/**
 * A pass's result as the analytics channels return it (less "sync now"'s `recent`, which
 * the service adds), and whether a cancel stopped it: the service turns that into
 * CANCELLED, keeping what was read.
 */
export type SyncSummary = Omit<SyncResult, 'recent'> & { cancelled?: boolean };

/** Where a pass is: posts handled (read, gone or failed) of those due at its start. */
interface PassProgress {
  op: Operation;
  done: number;
  total: number;
}

export interface MetricSyncDeps {
  db: Kysely<Schema>;
  polls: PollStore;
  /** The account as its network sees it, and that network's metrics reader. */
  networkOf: (accountId: string) => Promise<{ account: PlatformAccount; metrics: MetricsPort }>;
  clock: Clock;
  logger: Logger;
  owner: string;
  cap: () => number;
}

/** A reading's figures (the latest row adds the target and account). */
function readingOf(m: PostMetrics, now: number) {
  return {
    fetched_at: now,
    impressions: m.impressions,
    likes: m.likes,
    reposts: m.reposts,
    replies: m.replies,
    quotes: m.quotes,
    bookmarks: m.bookmarks,
    clicks: m.clicks,
    profile_visits: m.profileVisits,
  };
}

export function createMetricSync(deps: MetricSyncDeps) {
  const { db, polls, clock, owner } = deps;

  interface Network {
    account: PlatformAccount;
    metrics: MetricsPort;
  }

  /** Room left under today's cap; unbounded for networks that do not bill reads. */
  async function budget(net: Network): Promise<number> {
    if (!net.metrics.billsReads) return Number.MAX_SAFE_INTEGER;
    return Math.max(0, deps.cap() - (await readsUsed(db, clock.now())));
  }

  async function settlePosts(claimed: ClaimedPost[], lookup: PostLookup, reads: number) {
    const now = clock.now();
    const byRemote = new Map(claimed.map((p) => [p.remoteId, p]));
    await db.transaction().execute(async (trx) => {
      /** Each account's number, looked up once per batch. */
      const accountSeqs = new Map<string, number>();
      const accountSeq = async (accountId: string) => {
        const seq = accountSeqs.get(accountId) ?? (await metricAccountSeq(trx, accountId));
        accountSeqs.set(accountId, seq);
        return seq;
      };
      /** The post's poll, which this owner holds, goes. */
      const dropPoll = (targetId: string) =>
        trx
          .deleteFrom('metric_polls')
          .where('subject', '=', 'post')
          .where('subject_id', '=', targetId)
          .where('lease_owner', '=', owner)
          .execute();
      for (const [remoteId, metrics] of lookup.found) {
        const post = byRemote.get(remoteId);
        if (post === undefined) continue;
        // [Note: target seq] in migrations/0035-latest-figures-by-target.ts.
        const target = await trx
          .selectFrom('post_targets')
          .select('seq')
          .where('id', '=', post.targetId)
          .executeTakeFirst();
        if (target === undefined) {
          // Removed while it was being read: its figures have nowhere to go, nor its poll.
          await dropPoll(post.targetId);
          continue;
        }
        const figures = readingOf(metrics, now);
        const previous = await trx
          .selectFrom('post_metric_latest')
          .select(['impressions', 'likes', 'reposts', 'replies', 'quotes', 'bookmarks'])
          .where('target_seq', '=', target.seq)
          .executeTakeFirst();
        // Exact differences (a like taken back is negative), so gains add up to the total.
        const gains = {
          impressions_gain:
            figures.impressions === null ? 0 : figures.impressions - (previous?.impressions ?? 0),
          engagements_gain:
            engagementsOf(figures) - (previous === undefined ? 0 : engagementsOf(previous)),
        };
        // Added to the post's packed series ([Note: packed readings] in reading-series.ts).
        const series =
          previous === undefined
            ? undefined
            : await trx
                .selectFrom('post_metric_series')
                .select('points')
                .where('target_seq', '=', target.seq)
                .executeTakeFirst();
        const readings = withReading(series === undefined ? [] : decodeSeries(series.points), {
          ...figures,
          ...gains,
        });
        // The latest row holds the newest reading by time: this one, unless the clock stepped
        // back behind one already kept (the dashboard's raw slivers skip posts by it).
        const newest = readings.at(-1) ?? { ...figures, ...gains };
        const row = {
          target_seq: target.seq,
          account_seq: await accountSeq(post.accountId),
          ...readingFigures(newest),
        };
        // The latest row first: the series refers to it. An upsert, never a replace,
        // which would delete the post's series by cascade. The series' triggers add its
        // gains to the rollup under the latest row's account.
        await trx
          .insertInto('post_metric_latest')
          .values(row)
          .onConflict((oc) => oc.column('target_seq').doUpdateSet(row))
          .execute();
        const points = encodeSeries(readings);
        await trx
          .insertInto('post_metric_series')
          .values({ target_seq: target.seq, points })
          .onConflict((oc) => oc.column('target_seq').doUpdateSet({ points }))
          .execute();
        const next = nextPostPoll(post.publishedAt, now);
        if (next === null) {
          // Its figures are final: the poll goes ([Note: finished polls go] in poll-store.ts).
          await dropPoll(post.targetId);
          continue;
        }
        await trx
          .updateTable('metric_polls')
          .set({
            due_at: next,
            last_fetched_at: now,
            last_error: null,
            lease_owner: null,
            lease_expires_at: null,
          })
          .where('subject', '=', 'post')
          .where('subject_id', '=', post.targetId)
          .where('lease_owner', '=', owner)
          .execute();
      }
      for (const remoteId of lookup.gone) {
        const post = byRemote.get(remoteId);
        if (post === undefined) continue;
        await trx
          .updateTable('metric_polls')
          .set({
            due_at: null,
            gone_at: now,
            last_error: 'Deleted on the network',
            lease_owner: null,
            lease_expires_at: null,
          })
          .where('subject', '=', 'post')
          .where('subject_id', '=', post.targetId)
          .where('lease_owner', '=', owner)
          .execute();
      }
      await spendReads(trx, now, reads);
    });
    // Partial errors and ids X left out are asked again later; only this pass's lease is given back.
    const unsettled = claimed.filter(
      (p) => !lookup.found.has(p.remoteId) && !lookup.gone.includes(p.remoteId),
    );
    for (const post of unsettled) {
      const why = lookup.failed.get(post.remoteId) ?? 'X did not return this post';
      await polls.release(owner, 'post', [post.targetId], now + partialRetryMs, why);
    }
  }

  /** Reads one batch; returns a problem to report, or null. */
  async function readBatch(
    net: Network,
    batch: ClaimedPost[],
    withPrivate: boolean,
    summary: SyncSummary,
  ) {
    const accountId = net.account.id;
    const ids = batch.map((p) => p.remoteId);
    let lookup = await net.metrics.readPosts(net.account, ids, withPrivate);
    let reads = ids.length;
    // Private fields refused for some posts (X): read those with public metrics only.
    const retry = lookup.publicOnly.filter((id) => !lookup.found.has(id));
    if (retry.length > 0 && (await budget(net)) - reads >= retry.length) {
      const again = await net.metrics.readPosts(net.account, retry, false);
      reads += retry.length;
      lookup = {
        found: new Map([...lookup.found, ...again.found]),
        gone: [...lookup.gone, ...again.gone],
        publicOnly: [],
        failed: new Map([...lookup.failed, ...again.failed]),
      };
    }
    await settlePosts(batch, lookup, net.metrics.billsReads ? reads : 0);
    summary.postsRead += lookup.found.size;
    summary.deleted += lookup.gone.length;
    summary.reads += reads;
    if (lookup.failed.size > 0) {
      summary.problems.push({
        accountId,
        message: `The network answered ${String(lookup.failed.size)} post(s) with an error: ${[...lookup.failed.values()][0] ?? ''}`,
      });
    }
  }

  async function readAccount(net: Network, summary: SyncSummary): Promise<void> {
    const accountId = net.account.id;
    if (!(await polls.claimAccount(owner, accountId, clock.now()))) return;
    if ((await budget(net)) < 1) {
      await polls.release(owner, 'account', [accountId], clock.now(), null);
      summary.capReached = true;
      return;
    }
    const counts = await net.metrics.readAccount(net.account);
    const now = clock.now();
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('account_metric_snapshots')
        .values({
          account_id: accountId,
          fetched_at: now,
          followers: counts.followers,
          following: counts.following,
          posts_count: counts.postsCount,
          listed: counts.listed,
        })
        .execute();
      await trx
        .updateTable('metric_polls')
        .set({
          due_at: now + accountPollEveryMs,
          last_fetched_at: now,
          last_error: null,
          lease_owner: null,
          lease_expires_at: null,
        })
        .where('subject', '=', 'account')
        .where('subject_id', '=', accountId)
        .where('lease_owner', '=', owner)
        .execute();
      await spendReads(trx, now, net.metrics.billsReads ? 1 : 0);
    });
    summary.accountsRead += 1;
    summary.reads += 1;
  }

  async function syncAccount(
    accountId: string,
    summary: SyncSummary,
    progress: PassProgress,
  ): Promise<void> {
    let claimed: ClaimedPost[] = [];
    let net: Network | null = null;
    try {
      net = await deps.networkOf(accountId);
      const unavailable = net.metrics.unavailable?.(net.account) ?? null;
      if (unavailable !== null) {
        // Nothing to read, ever: no snapshot (no zeros that look like data), no polling.
        await polls.park(accountId, unavailable);
        return;
      }
      await readAccount(net, summary);
      for (;;) {
        // Between batches nothing is claimed: the safe place to stop.
        if (progress.op.signal.aborted) return;
        const room = Math.min(net.metrics.maxPostsPerRead, await budget(net));
        if (room === 0) {
          summary.capReached = true;
          return;
        }
        claimed = await polls.claimPosts(owner, accountId, clock.now(), room);
        if (claimed.length === 0) return;
        const young = (p: ClaimedPost) => clock.now() - p.publishedAt < privateMetricsMaxAgeMs;
        const withPrivate = claimed.filter(young);
        const publicOnly = claimed.filter((p) => !young(p));
        if (withPrivate.length > 0) await readBatch(net, withPrivate, true, summary);
        if (publicOnly.length > 0) await readBatch(net, publicOnly, false, summary);
        progress.done += claimed.length;
        // Posts asked for by "Sync now" after the count may push past it.
        progress.total = Math.max(progress.total, progress.done);
        progress.op.report('reading', progress.done, progress.total, 'posts');
        claimed = [];
      }
    } catch (error) {
      const now = clock.now();
      const outcome =
        net === null
          ? { kind: 'retryable' as const, reason: String(error), retryAt: null }
          : net.metrics.classify(error, now);
      const targetIds = claimed.map((p) => p.targetId);
      let message: string;
      if (outcome.kind === 'retryable' && outcome.retryAt !== null) {
        message = `${outcome.reason} Metrics are read again after ${new Date(outcome.retryAt).toISOString()}.`;
        await polls.release(owner, 'post', targetIds, outcome.retryAt, outcome.reason);
        await polls.release(owner, 'account', [accountId], outcome.retryAt, outcome.reason);
        await polls.holdAccount(accountId, outcome.retryAt);
      } else {
        message =
          outcome.kind === 'rejected'
            ? outcome.message
            : outcome.kind === 'duplicate'
              ? outcome.message
              : outcome.reason;
        const later = now + (outcome.kind === 'retryable' ? retryLaterMs : partialRetryMs);
        await polls.release(owner, 'post', targetIds, later, message);
        await polls.release(owner, 'account', [accountId], later, message);
      }
      deps.logger.warn('metric sync: account skipped', { accountId, reason: message });
      summary.problems.push({ accountId, message });
    }
  }

  return {
    /** One pass over every account with something due (or just `accountId`'s). */
    async run(accountId?: string, op: Operation = silentOperation): Promise<SyncSummary> {
      const now = clock.now();
      await polls.enrol(now);
      const accounts = await polls.dueAccounts(now, accountId);
      const progress: PassProgress = {
        op,
        done: 0,
        total: await polls.countDuePosts(now, accounts),
      };
      op.report('reading', 0, progress.total, 'posts');
      const summary: SyncSummary = {
        accounts: accounts.length,
        accountIds: accounts,
        postsRead: 0,
        accountsRead: 0,
        deleted: 0,
        reads: 0,
        readsToday: 0,
        readCap: deps.cap(),
        capReached: false,
        problems: [],
      };
      for (const id of accounts) {
        if (op.signal.aborted) break;
        await syncAccount(id, summary, progress);
      }
      if (op.signal.aborted) summary.cancelled = true;
      // The cap or a refusal may leave posts unread: the count ends at what was handled.
      else op.report('reading', progress.done, progress.done, 'posts');
      summary.readsToday = await readsUsed(db, clock.now());
      return summary;
    },
  };
}

export type MetricSync = ReturnType<typeof createMetricSync>;
