// Client approval by review packets (issue 17): send posts for review as one HTML file,
// its PDF, the packets sent, and the client's reply coming back.
// Spread into the contract (../contract.ts) and the push events (../events.ts).
import {
  reviewImportInput,
  reviewListInput,
  reviewPacketIdInput,
  reviewSendInput,
  type ReviewImportResult,
  type ReviewPacketView,
  type ReviewPdf,
  type ReviewSendResult,
} from '../../approval.ts';
import type { PostSummary } from '../../posts.ts';
import { channel, event, type PayloadsOf } from '../channel.ts';

export const reviewChannels = {
  /**
   * Make a review packet for a client: the posts named (`postIds`), its scheduled posts in
   * [from, to), or (neither) its scheduled posts from now on that still need approval.
   * Returns the packet page and its record; the page is also kept in the data folder.
   * Each post is in review from now on. NOT_FOUND: client or post; VALIDATION: another
   * client's post, an archived client, nothing to review; CONFLICT: a post already out.
   */
  'review:send': channel<ReviewSendResult>()(() => reviewSendInput),
  /**
   * Record a client's reply (the pasted code, or the reply file's text; at most 256 KB).
   * NOT_FOUND: a packet not sent from here; VALIDATION: unreadable, damaged, or naming
   * posts or versions the packet did not hold (nothing is written). Posts changed since
   * the packet are refused one by one in `refused`; the rest are recorded.
   */
  'review:import': channel<ReviewImportResult>()(() => reviewImportInput),
  /** Packets sent, newest first (all clients', or one's), with each post's standing. */
  'review:list': channel<ReviewPacketView[]>()(() => reviewListInput),
  /**
   * The packet as a PDF, for clients who only read: printed by Electron in the desktop
   * app, by a headless Chromium elsewhere. VALIDATION where no Chromium is found.
   */
  'review:export-pdf': channel<ReviewPdf>()(() => reviewPacketIdInput),
} as const;

export const reviewEventList = {
  /** A packet was sent, or a reply to it recorded: its posts' standing changed. */
  'review:saved': event<{ packet: ReviewPacketView }>(),
  /**
   * A post that needs its client's approval is due within a day without it: once per
   * version of the post, from the publishing hosts (the desktop shell notifies).
   */
  'review:reminded': event<{ post: PostSummary; clientName: string }>(),
} as const;

export type ReviewEvents = PayloadsOf<typeof reviewEventList>;
