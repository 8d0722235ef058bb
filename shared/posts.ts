// Posts as the UI, CLI and push events see them. Instants are epoch ms UTC; `timezone`
// and `localTime` keep the wall time the person chose, so DST changes keep their intent.
import { z } from 'zod';
import { epochInstant } from './instant.ts';
import { lazySchema } from './lazy-schema.ts';
import type { Platform } from './accounts.ts';
import type { ApprovalState } from './approval.ts';
import { clientId, clientTimeZone } from './clients.ts';
import type { MediaKind } from './media.ts';

// The statuses live in their own module so views that only list them (the calendar's
// filter) do not pull X's text counting into the start-up bundle.
export { postStatuses, type PostStatus } from './post-statuses.ts';
import { postStatuses, type PostStatus } from './post-statuses.ts';

export type TargetStatus = Exclude<PostStatus, 'partially_published'>;

export interface PostTargetView {
  id: string;
  accountId: string;
  /** The account's handle, without @. */
  handle: string;
  platform: Platform;
  /** The post's options on this account's network (Mastodon's visibility), as kept. */
  options: NetworkOptions;
  /** The network holds the post until this time (hand-off: it goes out without Starling). */
  heldUntil: number | null;
  status: TargetStatus;
  remoteId: string | null;
  remoteUrl: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  attempts: number;
  publishedAt: number | null;
}

export interface PostSummary {
  id: string;
  clientId: string;
  campaignId: string | null;
  status: PostStatus;
  scheduledAt: number | null;
  timezone: string;
  /** The wall time chosen, e.g. 2026-03-29T09:00, in `timezone`. */
  localTime: string | null;
  /** The first line of the first part, for lists and notifications. */
  firstLine: string;
  targets: PostTargetView[];
  updatedAt: number;
}

export interface PostEventView {
  id: number;
  targetId: string | null;
  type: string;
  detail: Record<string, unknown>;
  at: number;
}

export interface PostPartView {
  position: number;
  text: string;
  /** Per-account text overrides, by account id. */
  variants: Record<string, string>;
  media: { mediaId: string; altText: string; kind: MediaKind }[];
}

export interface PostDetail extends PostSummary {
  parts: PostPartView[];
  events: PostEventView[];
}

export type SchedulerState = 'idle' | 'publishing' | 'attention';

// ---- Inputs of the posts channels. Validated by dispatch in the core before any handler
// runs; the rules that need the database (accounts of the client, media kinds) live in
// the posts service.

/**
 * What Starling keeps of a post, whatever its networks: each network's own, often lower,
 * limits (shared/networks/) are checked when the post is scheduled for it.
 */
export const postLimits = {
  accountsMax: 50,
  partsMax: 25,
  textMax: 10_000,
  /** The most any network takes in one part (LinkedIn's multi-image posts). */
  imagesMax: 20,
  /** The longest any network takes (Bluesky's 2,000). */
  altTextMax: 2000,
  listMax: 1000,
} as const;

const id = (what: string) =>
  z
    .string({ error: `${what} id must be text.` })
    .min(1, `${what} id cannot be empty.`)
    .max(64, `${what} id is too long.`);

export const postId = lazySchema(() => id('Post'));
const accountRef = lazySchema(() => id('Account'));
const mediaRef = lazySchema(() => id('Media'));

/** Epoch ms UTC. */
const instant = lazySchema(() => epochInstant('A time must be text or epoch milliseconds.'));

/**
 * When to publish: epoch ms, or `{ at, timezone? }` where `at` is ISO 8601 with an offset,
 * a wall time `YYYY-MM-DD HH:mm` read in `timezone` (default: the client's zone), or epoch
 * ms. Wall times skipped or repeated by a DST change are refused (shared/schedule-time.ts).
 */
export const scheduleWhen = lazySchema(() =>
  z.union(
    [
      instant,
      z.strictObject({
        at: z.union([z.string().trim().min(1, 'Say when to publish.').max(64), instant]),
        timezone: clientTimeZone.optional(),
      }),
    ],
    { error: 'Say when to publish: { at: "2026-03-30 09:00", timezone?: "Europe/Berlin" }.' },
  ),
);

const partName = (index: number) => `Part ${String(index + 1)}`;

/** Problems with a part's text by X's counting, or none. */
/**
 * Only what holds on every network: a part needs text or media. How long a text may be
 * depends on each chosen account's network, so the core checks that once it knows them
 * (posts-checks.ts `checkNetworks`, by the rules in ./networks/).
 */
function textIssues(text: string, hasMedia: boolean, name: string): string[] {
  return text.trim() === '' && !hasMedia ? [`${name} is empty: add text or media.`] : [];
}

/**
 * A post's options on one account's network, where the network has them: Mastodon's
 * visibility and content warning, Instagram's hashtags in a first comment. Networks
 * without them ignore them.
 */
export const networkOptionsInput = lazySchema(() =>
  z.strictObject({
    visibility: z
      .enum(['public', 'unlisted', 'private'], {
        error: 'Visibility must be public, unlisted or private (followers only).',
      })
      .optional(),
    contentWarning: z
      .string({ error: 'The content warning must be text.' })
      .trim()
      .max(500, 'The content warning can be at most 500 characters.')
      .optional(),
    /** Instagram: the caption's hashtags go in a first comment under the post instead. */
    hashtagsInComment: z
      .boolean({ error: 'Hashtags in a first comment must be true or false.' })
      .optional(),
  }),
);
export type NetworkOptions = z.infer<typeof networkOptionsInput>;

export const postPartInput = lazySchema(() =>
  z.strictObject({
    text: z.string({ error: 'Text must be text.' }).max(postLimits.textMax),
    /** Text for one account instead of `text`, by account id. */
    variants: z.record(accountRef, z.string().max(postLimits.textMax)).optional(),
    media: z
      .array(
        z.strictObject({
          mediaId: mediaRef,
          altText: z
            .string()
            .max(
              postLimits.altTextMax,
              `Alt text must be at most ${String(postLimits.altTextMax)} characters.`,
            )
            .optional(),
        }),
      )
      .max(postLimits.imagesMax, `A part takes at most ${String(postLimits.imagesMax)} media.`)
      .optional(),
  }),
);

export const postScheduleInput = lazySchema(() =>
  z
    .strictObject({
      clientId,
      accountIds: z
        .array(accountRef)
        .min(1, 'Choose at least one account to publish to.')
        .max(postLimits.accountsMax),
      parts: z
        .array(postPartInput)
        .min(1, 'A post needs at least one part.')
        .max(
          postLimits.partsMax,
          `A thread can have at most ${String(postLimits.partsMax)} parts.`,
        ),
      when: scheduleWhen,
      campaignId: id('Campaign').optional(),
      /** Per account, its network's options for this post (see networkOptionsInput). */
      networkOptions: z.record(accountRef, networkOptionsInput).optional(),
    })
    .superRefine((input, ctx) => {
      for (const accountId of Object.keys(input.networkOptions ?? {})) {
        if (!input.accountIds.includes(accountId)) {
          ctx.addIssue({
            code: 'custom',
            path: ['networkOptions', accountId],
            message: `There are options for account ${accountId}, which is not one of the post's accounts.`,
          });
        }
      }
      if (new Set(input.accountIds).size !== input.accountIds.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['accountIds'],
          message: 'Each account can be chosen once.',
        });
      }
      for (const [index, part] of input.parts.entries()) {
        const hasMedia = (part.media ?? []).length > 0;
        const name = partName(index);
        for (const message of textIssues(part.text, hasMedia, name)) {
          ctx.addIssue({ code: 'custom', path: ['parts', index, 'text'], message });
        }
        for (const [accountId, text] of Object.entries(part.variants ?? {})) {
          if (!input.accountIds.includes(accountId)) {
            ctx.addIssue({
              code: 'custom',
              path: ['parts', index, 'variants', accountId],
              message: `${name} has text for account ${accountId}, which is not one of the post's accounts.`,
            });
          }
          for (const message of textIssues(text, hasMedia, `${name} (for ${accountId})`)) {
            ctx.addIssue({
              code: 'custom',
              path: ['parts', index, 'variants', accountId],
              message,
            });
          }
        }
      }
    }),
);

export const postsListInput = lazySchema(() =>
  z
    .strictObject({
      /** Scheduled at or after (epoch ms). */
      from: instant.optional(),
      /** Scheduled before (epoch ms). */
      to: instant.optional(),
      status: z
        .enum(postStatuses, { error: `Status must be one of ${postStatuses.join(', ')}.` })
        .optional(),
      clientId: clientId.optional(),
      limit: z.number().int().min(1).max(postLimits.listMax).optional(),
    })
    .refine((i) => i.from === undefined || i.to === undefined || i.from <= i.to, {
      message: '"from" must not be after "to".',
      path: ['to'],
    }),
);

export const postIdInput = lazySchema(() => z.strictObject({ id: postId }));

export const postRescheduleInput = lazySchema(() =>
  z.strictObject({ id: postId, when: scheduleWhen }),
);

/** "It went out": a target its network could not confirm, by its post and account. */
export const postMarkPublishedInput = lazySchema(() =>
  z.strictObject({ id: postId, accountId: accountRef }),
);

export const postUnpublishInput = lazySchema(() =>
  z.strictObject({
    id: postId,
    /** The accounts to delete it from; every account it went out on when absent. */
    accountIds: z
      .array(accountRef)
      .min(1, 'Name at least one account, or none to delete it everywhere.')
      .max(postLimits.accountsMax)
      .optional(),
  }),
);

/** One account a post could not be deleted from, and why. */
export interface UnpublishFailure {
  targetId: string;
  accountId: string;
  handle: string;
  message: string;
  /** When the network said to try again (its rate limit), if it did. */
  retryAt: number | null;
}

export interface UnpublishResult {
  post: PostSummary;
  /** How many accounts it was deleted from now. */
  deleted: number;
  failures: UnpublishFailure[];
}

export type PostScheduleInput = z.input<typeof postScheduleInput>;
export type PostsListInput = z.input<typeof postsListInput>;

// ---- Client approval (issue 17; shared/approval.ts). Kept in its own block: the
// interface merges into PostSummary above.
export interface PostSummary {
  /** Where the post stands with its client ([Note: version hash]). */
  approval: ApprovalState;
  /** Its client requires approval, it has yet to go out, and this version is not approved. */
  needsApproval: boolean;
}
