// Posts: scheduling, listing, reading, cancelling, moving, retrying and deleting a post, and the
// publishing engine's state. Spread into the contract (../contract.ts) and the push
// events (../events.ts).
import {
  postIdInput,
  postMarkPublishedInput,
  postRescheduleInput,
  postScheduleInput,
  postsListInput,
  postUnpublishInput,
  type PostDetail,
  type PostSummary,
  type SchedulerState,
  type UnpublishResult,
} from '../../posts.ts';
import { channel, event, type PayloadsOf } from '../channel.ts';

export const postsChannels = {
  /**
   * Schedule a post: its thread parts (per-account text variants, media from the library
   * with alt text) to one or more of the client's accounts (active or needs_reauth), at
   * `when` (epoch ms, or `{ at, timezone? }`: ISO with an offset, or a wall time in the
   * zone, default the client's; DST-skipped or repeated wall times are refused with the
   * choices). Writes the post, its targets and one pending publish job per target in one
   * transaction. VALIDATION: text over 280 (X's weighting) or empty, media mix X refuses,
   * accounts of another client or disconnected, a time more than a minute past.
   * NOT_FOUND: client, account, media or campaign.
   */
  'posts:schedule': channel<PostSummary>()(() => postScheduleInput),
  /** Posts by scheduled time (from ≤ t < to), optionally one client's or one status. */
  'posts:list': channel<PostSummary[]>()(() => postsListInput),
  /** One post with its parts, targets (remote ids, URLs, attempts, errors) and event log. */
  'posts:get': channel<PostDetail>()(() => postIdInput),
  /**
   * Cancel a post that has not gone out: its waiting targets and jobs are cancelled.
   * CONFLICT while it is publishing or once it is (partially) published.
   */
  'posts:cancel': channel<PostSummary>()(() => postIdInput),
  /**
   * Move a post to another time (same parsing and DST refusals as posts:schedule; the zone
   * defaults to the post's). Waiting targets' jobs move; failed or missed targets are
   * scheduled again with fresh jobs; published ones stay. CONFLICT while publishing, once
   * published or cancelled.
   */
  'posts:reschedule': channel<PostSummary>()(() => postRescheduleInput),
  /**
   * Try failed, missed and needs-review targets again now: a fresh job each, attempts
   * reset. CONFLICT when no target can be retried.
   */
  'posts:retry': channel<PostSummary>()(() => postIdInput),
  /**
   * The user looked and the post is on the account's network: a target its network could
   * not confirm (needs_review with error code UNCHECKABLE: LinkedIn gives no way to look a
   * member's post up; remoteUrl then links to the author's activity) counts as published.
   * "Send again" is posts:retry. CONFLICT for any other target; VALIDATION for an account
   * the post was not made for.
   */
  'posts:mark-published': channel<PostSummary>()(() => postMarkPublishedInput),
  /**
   * Delete a published post from its networks (from `accountIds`, or every account it
   * went out on), thread parts last first; it stays in Starling as 'deleted'. An account
   * that refuses or does not answer is named in `failures` with the network's reason and
   * keeps its status; deleting again resumes with the parts still up. CONFLICT when none
   * of those accounts has anything on its network; VALIDATION for an account the post
   * was not made for.
   */
  'posts:unpublish': channel<UnpublishResult>()(() => postUnpublishInput),
} as const;

export const postsEventList = {
  /** A post was created, edited, scheduled, published, failed … (any state change). */
  'post:saved': event<{ post: PostSummary }>(),
  /** The publishing engine changed state, or was paused or resumed. */
  'scheduler:state-changed': event<{ state: SchedulerState; paused: boolean }>(),
  /** The desktop shell asks the window to open one post (a notification or tray line was clicked). */
  'post:open-requested': event<{ postId: string }>(),
} as const;

export type PostsEvents = PayloadsOf<typeof postsEventList>;
