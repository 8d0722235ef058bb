// Calendar: the month/week/list query, campaigns and queue slots.
// Spread into the contract (../contract.ts) and the push events (../events.ts).
import {
  calendarDayCountsInput,
  calendarDaysInput,
  calendarRangeInput,
  campaignCreateInput,
  campaignIdInput,
  campaignsListInput,
  campaignUpdateInput,
  freeSlotsInput,
  postCampaignInput,
  slotsListInput,
  slotsReplaceInput,
  type CalendarDays,
  type CalendarRange,
  type Campaign,
  type FreeSlotView,
  type QueueSlotView,
} from '../../calendar.ts';
import type { PostSummary } from '../../posts.ts';
import { channel, event, type PayloadsOf } from '../channel.ts';

export const calendarChannels = {
  /**
   * Posts with from ≤ scheduled time < to (at most 62 days), by time, over all active
   * clients or filtered by client, account, campaign and statuses. One indexed query;
   * compact items (colour, handles, first line, thread length). `truncated` past 10,000.
   */
  'calendar:range': channel<CalendarRange>()(() => calendarRangeInput),
  /**
   * Posts per day for up to 400 days (one count per pair of neighbouring bounds), with the
   * filters of calendar:range: the list view sizes a year with it and reads posts only for
   * the days on screen. With needsApproval the counts are an upper bound (approval is
   * worked out per post); the list corrects a day when its posts arrive.
   */
  'calendar:day-counts': channel<number[]>()(() => calendarDayCountsInput),
  /**
   * The month view's posts: each day's first `perDay` posts (by time) and how many posts
   * each day holds, with the filters of calendar:range, so every day of a busy month shows
   * its first posts and "+N more" (a day's rest comes from calendar:range when opened).
   * Each day is its own short walk of the index: ~250 posts for a month, not ~16,000.
   */
  'calendar:days': channel<CalendarDays>()(() => calendarDaysInput),
  /**
   * Free queue slots (ghost cells) in [from, to) of the active accounts matching the
   * filter, read in each client's zone; a slot moved out of a DST gap carries a note.
   */
  'calendar:free-slots': channel<FreeSlotView[]>()(() => freeSlotsInput),
  /** Campaigns, all or one client's, by start date; archived ones only when asked. */
  'campaigns:list': channel<Campaign[]>()(() => campaignsListInput),
  /** Create a campaign for a client (name, colour, optional first/last day). */
  'campaigns:create': channel<Campaign>()(() => campaignCreateInput),
  /** Change a campaign's name, colour or dates (null clears a date). */
  'campaigns:update': channel<Campaign>()(() => campaignUpdateInput),
  /** Archive a campaign: hidden from pickers; its posts keep it. */
  'campaigns:archive': channel<Campaign>()(() => campaignIdInput),
  /** Put a post in one of its client's campaigns, or take it out (null). */
  'posts:set-campaign': channel<PostSummary>()(() => postCampaignInput),
  /** An account's weekly queue slots, by weekday then time. */
  'slots:list': channel<QueueSlotView[]>()(() => slotsListInput),
  /** Replace an account's weekly queue slots (de-duplicated) in one transaction. */
  'slots:replace': channel<QueueSlotView[]>()(() => slotsReplaceInput),
} as const;

export const calendarEventList = {
  /** A campaign was created, edited or archived. */
  'campaign:saved': event<{ campaign: Campaign }>(),
  /** An account's weekly queue slots were replaced. */
  'slots:saved': event<{ accountId: string; slots: QueueSlotView[] }>(),
} as const;

export type CalendarEvents = PayloadsOf<typeof calendarEventList>;
