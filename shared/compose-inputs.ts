// Inputs and views of the composer's channels: drafts (posts with status 'draft' that the
// editor autosaves), templates and hashtag groups per client. Validated by dispatch.
import { z } from 'zod';
import { lazySchema } from './lazy-schema.ts';
import { isRealWallTime } from './schedule-time.ts';
import { clientId } from './clients.ts';
import {
  networkOptionsInput,
  postId,
  postLimits,
  postPartInput,
  postScheduleInput,
} from './posts.ts';

export const composeLimits = {
  nameMax: 80,
  templateBodyMax: 10_000,
  hashtagsMax: 30,
  hashtagMax: 100,
} as const;

const accountRef = lazySchema(() =>
  z
    .string({ error: 'Account id must be text.' })
    .min(1, 'Account id cannot be empty.')
    .max(64, 'Account id is too long.'),
);

const rowId = (what: string) =>
  z
    .string({ error: `${what} id must be text.` })
    .min(1, `${what} id cannot be empty.`)
    .max(64, `${what} id is too long.`);

/**
 * A draft as the editor holds it. Lenient on purpose: half-written work (empty parts, no
 * accounts, text over X's limit) is saved as it is, so nothing typed is lost; the rules
 * apply when it is scheduled.
 */
export const draftSaveInput = lazySchema(() =>
  z
    .strictObject({
      /** The draft to update; absent to create one. */
      id: postId.optional(),
      clientId,
      accountIds: z
        .array(accountRef)
        .max(
          postLimits.accountsMax,
          `A post can go to at most ${String(postLimits.accountsMax)} accounts.`,
        ),
      parts: z
        .array(postPartInput)
        .min(1, 'A draft has at least one part.')
        .max(
          postLimits.partsMax,
          `A thread can have at most ${String(postLimits.partsMax)} parts.`,
        ),
      /** The wall time chosen so far in the client's zone, `YYYY-MM-DDTHH:mm`, or null. */
      localTime: z
        .string()
        .refine(isRealWallTime, 'A draft time is a real date and time, such as 2026-12-01T09:00.')
        .nullable()
        .optional(),
      /** Per account, its network's options chosen so far (see networkOptionsInput). */
      networkOptions: z.record(accountRef, networkOptionsInput).optional(),
      /**
       * [Note: draft base] The draft's updatedAt as this editor last read or saved it: a
       * save over a draft changed since (another window, the CLI) is refused with CONFLICT
       * and `details.draftChanged`, and changes nothing. Absent, the save replaces it.
       */
      baseUpdatedAt: z.number().int().nonnegative().optional(),
    })
    .refine((d) => new Set(d.accountIds).size === d.accountIds.length, {
      message: 'Each account can be chosen once.',
      path: ['accountIds'],
    }),
);

export const draftScheduleInput = lazySchema(() =>
  z.strictObject({
    /** The draft this post was written in; it is removed once the post is scheduled. */
    draftId: postId.optional(),
    /** [Note: draft base] As for drafts:save: a draft changed since is refused, not removed. */
    baseUpdatedAt: z.number().int().nonnegative().optional(),
    post: postScheduleInput,
  }),
);

export const draftsListInput = lazySchema(() => z.strictObject({ clientId: clientId.optional() }));

export const idInput = (what: string) => z.strictObject({ id: rowId(what) });

const name = lazySchema(() =>
  z
    .string({ error: 'Name must be text.' })
    .trim()
    .min(1, 'Give it a name.')
    .max(composeLimits.nameMax, `Names are at most ${String(composeLimits.nameMax)} characters.`),
);

export const templateSaveInput = lazySchema(() =>
  z.strictObject({
    id: rowId('Template').optional(),
    clientId,
    name,
    body: z
      .string({ error: 'The template text must be text.' })
      .max(composeLimits.templateBodyMax)
      .refine((s) => s.trim() !== '', 'Write the template text.'),
  }),
);

/** One hashtag, with or without its #: letters, digits and underscores (X's rule). */
const hashtag = lazySchema(() =>
  z
    .string()
    .trim()
    .max(composeLimits.hashtagMax)
    .transform((s) => s.replace(/^[#＃]/u, ''))
    .refine((s) => /^[\p{L}\p{M}\p{N}_]+$/u.test(s) && !/^\d+$/u.test(s), {
      message: 'A hashtag is letters, digits or _ (not only digits), like #bakery.',
    })
    .transform((s) => `#${s}`),
);

export const hashtagGroupSaveInput = lazySchema(() =>
  z.strictObject({
    id: rowId('Hashtag group').optional(),
    clientId,
    name,
    hashtags: z
      .array(hashtag)
      .min(1, 'Add at least one hashtag.')
      .max(
        composeLimits.hashtagsMax,
        `A group has at most ${String(composeLimits.hashtagsMax)} hashtags.`,
      ),
  }),
);

export const clientListInput = lazySchema(() => z.strictObject({ clientId }));

export interface Template {
  id: string;
  clientId: string;
  name: string;
  body: string;
  updatedAt: number;
}

export interface HashtagGroup {
  id: string;
  clientId: string;
  name: string;
  hashtags: string[];
  updatedAt: number;
}
