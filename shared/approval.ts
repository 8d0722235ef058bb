// Client approval (issue 17): a post's approval state, the review packets sent to a
// client and the decisions that come back from them, and the inputs of the review
// channels. The rules that need the database live in main/core/approval/.
import { z } from 'zod';
import { epochInstant } from './instant.ts';
import { lazySchema } from './lazy-schema.ts';
import { clientId } from './clients.ts';

/**
 * Where a post stands with its client. `none`: never sent, or changed since it was sent or
 * approved (the version hash decides); `changes_requested` stays until it is sent again.
 */
export const approvalStates = ['none', 'in_review', 'approved', 'changes_requested'] as const;
export type ApprovalState = (typeof approvalStates)[number];

/** What a client decided about one post in a packet. */
export type ReviewDecision = 'approved' | 'changes_requested';

export const reviewLimits = {
  /** A reply is a few hundred bytes per post; anything past this is refused unread. */
  replyMaxBytes: 256 * 1024,
  /** Posts in one packet. */
  postsMax: 200,
  nameMax: 80,
  commentMax: 2000,
} as const;

/** One post of a packet as review:list shows it. */
export interface ReviewPacketPostView {
  /** The post's id in the packet (what its reply names). */
  sentPostId: string;
  /** The post now: a draft scheduled since is a new post; null once it was deleted. */
  postId: string | null;
  firstLine: string;
  versionHash: string;
  /** The post was edited, moved or re-targeted since the packet was made. */
  changedSince: boolean;
  decision: ReviewDecision | null;
  decidedBy: string | null;
  comment: string | null;
  decidedAt: number | null;
}

export interface ReviewPacketView {
  id: string;
  clientId: string;
  clientName: string;
  createdAt: number;
  /** The packet as it was sent, kept in the data folder. */
  filePath: string;
  posts: ReviewPacketPostView[];
  /** Posts still waiting for the client's word (not decided, not changed, not deleted). */
  pending: number;
}

export interface ReviewSendResult {
  packet: ReviewPacketView;
  /** A file name to save the packet under, e.g. bright-bakes-review-2026-03-30.html. */
  fileName: string;
  /** The packet itself: one self-contained HTML page. */
  html: string;
}

export interface ReviewPdf {
  fileName: string;
  /** The PDF's bytes, base64. */
  content: string;
}

/** How one decision of an imported reply fared. */
export interface ReviewImportPost {
  postId: string;
  firstLine: string;
  decision: ReviewDecision;
}

export interface ReviewImportResult {
  packetId: string;
  clientId: string;
  /** Recorded now, in the post's history. */
  applied: ReviewImportPost[];
  /** The same decision was recorded from this packet before: nothing written again. */
  unchanged: ReviewImportPost[];
  /** Not recorded, and why: the post changed since the packet, or is gone or out. */
  refused: (ReviewImportPost & { reason: string })[];
}

const postRef = lazySchema(() =>
  z
    .string({ error: 'Post id must be text.' })
    .min(1, 'Post id cannot be empty.')
    .max(64, 'Post id is too long.'),
);

const instant = lazySchema(() => epochInstant());

/**
 * Which posts a packet shows: the ones named, or the client's posts in [from, to), or
 * (neither) every post of the client from now on that still needs approval.
 */
export const reviewSendInput = lazySchema(() =>
  z
    .strictObject({
      clientId,
      postIds: z
        .array(postRef)
        .min(1, 'Name at least one post, or none to send a range.')
        .max(
          reviewLimits.postsMax,
          `A packet holds at most ${String(reviewLimits.postsMax)} posts.`,
        )
        .optional(),
      from: instant.optional(),
      to: instant.optional(),
    })
    .refine((i) => i.postIds === undefined || (i.from === undefined && i.to === undefined), {
      message: 'Name posts or give a date range, not both.',
      path: ['postIds'],
    })
    .refine((i) => i.from === undefined || i.to === undefined || i.from < i.to, {
      message: '"from" must be before "to".',
      path: ['to'],
    }),
);

export const reviewImportInput = lazySchema(() =>
  z.strictObject({
    /** The reply code as pasted, or the reply file's text. */
    reply: z
      .string({ error: 'The reply must be text.' })
      .max(
        reviewLimits.replyMaxBytes,
        `This reply is over ${String(reviewLimits.replyMaxBytes / 1024)} KB: a review reply is much smaller. Paste the code from the packet's "Reply code" box, or open its reply file.`,
      ),
  }),
);

export const reviewListInput = lazySchema(() => z.strictObject({ clientId: clientId.optional() }));

export const reviewPacketIdInput = lazySchema(() =>
  z.strictObject({
    id: z.string({ error: 'Packet id must be text.' }).min(1).max(64),
  }),
);

export type ReviewSendInput = z.input<typeof reviewSendInput>;
