// The analytics feature's core: the dashboard, "refresh now", sync passes (one at a time
// per process; leases keep processes apart), the read cap, and CSV/PDF reports.
import type { Kysely } from 'kysely';
import type { Platform } from '../../../shared/accounts.ts';
import type {
  AnalyticsDashboard,
  HeatCell,
  PostCurve,
  PostRefresh,
  ReadUsage,
  ReportFile,
  ReportFormat,
  SyncResult,
} from '../../../shared/analytics.ts';
import { shownHandle } from '../../../shared/networks/index.ts';
import { failure } from '../../../shared/result.ts';
import type { Schema } from '../db/schema.ts';
import type { EventBus } from '../events.ts';
import type { Clock, KeyValueStore, Logger } from '../ports.ts';
import type { Platforms } from '../platforms/registry.ts';
import { cancelledFailure, silentOperation, type Operation } from '../progress/operations.ts';
import { plural } from '../../../shared/plural.ts';
import { platformAccount } from '../publishing/plan.ts';
import { createDashboard } from './dashboard.ts';
import { createMetricSync } from './metric-sync.ts';
import { createPollStore } from './poll-store.ts';
import { readCap, readsUsed, setReadCap, utcDay } from './read-budget.ts';
import { localTime, postsCsv } from './report-csv.ts';
import { reportHtml } from './report-html.ts';
import { printHtmlToPdf } from './report-pdf.ts';

export interface AnalyticsDeps {
  db: Kysely<Schema>;
  platforms: Platforms;
  clock: Clock;
  logger: Logger;
  settings: KeyValueStore;
  events: EventBus;
  /** Names this process in metric leases. */
  owner: string;
  env?: NodeJS.ProcessEnv;
  /** The host's PDF printer (Electron's in the desktop app); else a spawned Chromium. */
  printPdf?: (html: string) => Promise<Buffer>;
}

interface RangeInput {
  clientId: string;
  accountId?: string | undefined;
  /** Only the client's accounts on this network. */
  platform?: Platform | undefined;
  from: number;
  to: number;
}

/**
 * [Note: sync now reads recent posts] The background pass reads what the cadence has
 * due (cadence.ts): a post's first read is an hour after it went out. A person pressing
 * "Sync now" wants fresh figures now, so that also reads the posts of the last week that
 * were not read in the last quarter hour, as far as today's read cap has room.
 */
export const syncNowReach = { days: 7, minutes: 15 } as const;

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'client';

export function createAnalyticsService(deps: AnalyticsDeps) {
  const { db, clock } = deps;
  const polls = createPollStore(db);
  const dashboard = createDashboard(
    db,
    (account) => deps.platforms.get(account.platform).metrics.unavailable?.(account) ?? null,
  );
  const sync = createMetricSync({
    db,
    polls,
    networkOf: async (accountId) => {
      const row = await db
        .selectFrom('social_accounts')
        .selectAll()
        .where('id', '=', accountId)
        .executeTakeFirstOrThrow();
      return { account: platformAccount(row), metrics: deps.platforms.get(row.platform).metrics };
    },
    clock,
    logger: deps.logger,
    owner: deps.owner,
    cap: () => readCap(deps.settings),
  });
  // One pass at a time in this process: a second caller waits for the running one.
  let running: Promise<unknown> = Promise.resolve();

  async function usage(): Promise<ReadUsage> {
    const now = clock.now();
    return {
      day: utcDay(now),
      readsToday: await readsUsed(db, now),
      dailyReadCap: readCap(deps.settings),
    };
  }

  function runSync(accountId?: string, op: Operation = silentOperation): Promise<SyncResult> {
    const next = running.then(async () => {
      const { cancelled, ...result } = await sync.run(accountId, op);
      if (result.reads > 0) {
        deps.events.emit('metrics:synced', {
          accountIds: result.accountIds,
          readsToday: result.readsToday,
          dailyReadCap: result.readCap,
        });
      }
      if (cancelled === true) {
        throw cancelledFailure(
          `Sync stopped: metrics of ${plural(result.postsRead, 'post')} were read before it stopped and are kept.`,
        );
      }
      return result;
    });
    running = next.catch(() => undefined);
    return next;
  }

  /** Why the account's network gives it no metrics at all, or null. */
  async function unavailableFor(accountId: string): Promise<string | null> {
    const row = await db
      .selectFrom('social_accounts')
      .selectAll()
      .where('id', '=', accountId)
      .executeTakeFirstOrThrow();
    const account = platformAccount(row);
    return deps.platforms.get(account.platform).metrics.unavailable?.(account) ?? null;
  }

  async function requireRoom(): Promise<void> {
    const u = await usage();
    if (u.readsToday >= u.dailyReadCap) {
      throw failure(
        'RATE_LIMITED',
        `Today's X read cap is used up (${String(u.readsToday)} of ${String(u.dailyReadCap)}). ` +
          'Raise it in Settings → Analytics, or wait until 00:00 UTC.',
        { retryable: true },
      );
    }
  }

  async function requireNotHeld(accountId: string): Promise<void> {
    const until = await polls.heldUntil(accountId, clock.now());
    if (until !== null) {
      throw failure(
        'RATE_LIMITED',
        `X asked Starling to wait before reading this account's metrics again, until ` +
          `${new Date(until).toISOString().slice(11, 16)} UTC. Try again then.`,
        { retryable: true, details: { resetAt: until } },
      );
    }
  }

  /** "Sync now": recent posts not read lately are due at once, then one pass. */
  async function syncNow(accountId?: string, op?: Operation): Promise<SyncResult> {
    const now = clock.now();
    const room = Math.max(0, readCap(deps.settings) - (await readsUsed(db, now)));
    // Posts published since the last pass have no poll yet: enrol them first.
    await polls.enrol(now);
    const asked = await polls.askRecent(now, {
      since: now - syncNowReach.days * 24 * 60 * 60_000,
      readBefore: now - syncNowReach.minutes * 60_000,
      limit: room,
      accountId,
    });
    return { ...(await runSync(accountId, op)), recent: { asked, ...syncNowReach } };
  }

  return {
    /** The background pass: only what the cadence has due. */
    sync: runSync,
    syncNow,
    usage,

    async dashboard(input: RangeInput): Promise<AnalyticsDashboard> {
      return { ...(await dashboard.get(input)), usage: await usage() };
    },

    curve: (targetId: string): Promise<PostCurve> => dashboard.curve(targetId),

    async refreshPost(targetId: string): Promise<PostRefresh> {
      const target = await db
        .selectFrom('post_targets as t')
        .innerJoin('social_accounts as a', 'a.seq', 't.account_seq')
        .select(['a.id as account_id', 't.status', 't.remote_id'])
        .where('t.id', '=', targetId)
        .executeTakeFirst();
      if (target === undefined) throw failure('NOT_FOUND', `There is no post target ${targetId}.`);
      if (target.status !== 'published' || target.remote_id === null) {
        throw failure(
          'CONFLICT',
          'This post is not published on its network yet, so it has no metrics to read.',
        );
      }
      const why = await unavailableFor(target.account_id);
      if (why !== null) throw failure('CONFLICT', why);
      await requireRoom();
      await requireNotHeld(target.account_id);
      if ((await polls.askPost(targetId, target.account_id, clock.now())) === 'gone') {
        throw failure('CONFLICT', 'This post was deleted on X; its metrics are no longer read.');
      }
      const result = await runSync(target.account_id);
      const problem = result.problems.find((p) => p.accountId === target.account_id);
      return { curve: await dashboard.curve(targetId), problem: problem?.message ?? null };
    },

    async refreshAccount(accountId: string): Promise<SyncResult> {
      const account = await db
        .selectFrom('social_accounts')
        .select(['id', 'status', 'platform', 'handle'])
        .where('id', '=', accountId)
        .executeTakeFirst();
      if (account === undefined) throw failure('NOT_FOUND', `There is no account ${accountId}.`);
      if (account.status !== 'active') {
        throw failure(
          'CONFLICT',
          `${shownHandle(account.platform, account.handle)} needs reconnecting before its metrics can be read.`,
        );
      }
      const why = await unavailableFor(accountId);
      if (why !== null) throw failure('CONFLICT', why);
      await requireRoom();
      await requireNotHeld(accountId);
      await polls.askAccount(accountId, clock.now());
      return runSync(accountId);
    },

    async setCap(cap: number): Promise<ReadUsage> {
      setReadCap(deps.settings, cap);
      return usage();
    },

    async bestTimes(clientId: string): Promise<HeatCell[]> {
      // The year up to and including now, as the dashboard's heatmap of a range ending now.
      return dashboard.bestTimes(clientId, clock.now() + 1);
    },

    async report(input: RangeInput & { format: ReportFormat }): Promise<ReportFile> {
      const d = await dashboard.get(input);
      const name = `${slug(d.clientName)}-${localTime(input.from, d.timezone).slice(0, 10)}-to-${localTime(input.to - 1, d.timezone).slice(0, 10)}`;
      if (input.format === 'csv') {
        const posts = await dashboard.posts(input);
        return {
          fileName: `${name}.csv`,
          mime: 'text/csv',
          content: await postsCsv(posts, d.timezone, d.accounts),
          encoding: 'utf8',
        };
      }
      const html = reportHtml({ ...d, usage: await usage() });
      const pdf = await (deps.printPdf ?? ((page: string) => printHtmlToPdf(page, deps.env)))(html);
      return {
        fileName: `${name}.pdf`,
        mime: 'application/pdf',
        content: pdf.toString('base64'),
        encoding: 'base64',
      };
    },
  };
}

export type AnalyticsService = ReturnType<typeof createAnalyticsService>;
