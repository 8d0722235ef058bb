// Analytics: metric sync, the dashboard and reports.
// Spread into the contract (../contract.ts) and the push events (../events.ts).
import { z } from 'zod';
import { accountId } from '../../accounts.ts';
import {
  analyticsRangeInput,
  readCapInput,
  reportInput,
  targetIdInput,
  type AnalyticsDashboard,
  type HeatCell,
  type PostCurve,
  type PostRefresh,
  type ReadUsage,
  type ReportFile,
  type SyncResult,
} from '../../analytics.ts';
import { clientId } from '../../clients.ts';
import { operationId } from '../../progress.ts';
import { channel, none, event, type PayloadsOf } from '../channel.ts';

export const analyticsChannels = {
  /**
   * The dashboard of a client (or one of its accounts) over [from, to): summary figures,
   * followers over time, impressions and engagements gained per day in the client's zone,
   * top posts by engagement rate and by impressions, the weekday × hour heatmap, reads
   * used today. NOT_FOUND: client, or an account not of that client.
   */
  'analytics:get-dashboard': channel<AnalyticsDashboard>()(() => analyticsRangeInput),
  /** Every metric snapshot of one published post target, oldest first. */
  'analytics:get-post-curve': channel<PostCurve>()(() => targetIdInput),
  /**
   * Read from X now (all accounts, or one), within the daily read cap: what is due, and
   * the posts of the last 7 days not read in the last 15 minutes (`recent` says how many
   * were asked); `dueOnly` reads only what is due, as the background pass does (scripts).
   * Problems per account (429, reconnect needed, X's partial errors) are in the result.
   * `operation` names its progress events (posts read); operations:cancel stops it between
   * posts, keeping what was read (CANCELLED).
   */
  'analytics:sync-now': channel<SyncResult>()(() =>
    z.strictObject({
      accountId: accountId.optional(),
      dueOnly: z.boolean({ error: 'dueOnly must be true or false.' }).optional(),
      operation: operationId.optional(),
    }),
  ),
  /**
   * Read one post's metrics now, also past 30 days; returns its curve and its network's
   * objection (rate limit, reconnect needed) if it could not be read. CONFLICT: not
   * published yet, or deleted on its network; RATE_LIMITED: today's read cap is used up.
   */
  'analytics:refresh-post': channel<PostRefresh>()(() => targetIdInput),
  /**
   * Read an account's follower counts and its still-polled posts now; X's objections are
   * in `problems`. CONFLICT: the account needs reconnecting; RATE_LIMITED: cap used up.
   */
  'analytics:refresh-account': channel<SyncResult>()(() => z.strictObject({ accountId })),
  /** X reads spent today (UTC) and the daily cap. */
  'analytics:get-usage': channel<ReadUsage>()(() => none),
  /** Set the daily cap on X reads (0 stops reading metrics). */
  'analytics:set-read-cap': channel<ReadUsage>()(() => readCapInput),
  /** Best times to post for a client: average engagements by weekday × hour (last 365 days). */
  'analytics:get-best-times': channel<HeatCell[]>()(() => z.strictObject({ clientId })),
  /**
   * A report for a client over a range: CSV of the posts published in it with their latest
   * metrics, or a PDF (Chromium's print of the report page). VALIDATION: no Chromium here.
   */
  'analytics:export-report': channel<ReportFile>()(() => reportInput),
} as const;

export const analyticsEventList = {
  /** A metric sync pass read something: dashboards showing these accounts refresh. */
  'metrics:synced': event<{ accountIds: string[]; readsToday: number; dailyReadCap: number }>(),
} as const;

export type AnalyticsEvents = PayloadsOf<typeof analyticsEventList>;
