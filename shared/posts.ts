// Posts as the UI, CLI and push events see them. Instants are epoch ms UTC; `timezone`
// and `localTime` keep the wall time the person chose, so DST changes keep their intent.
export const postStatuses = [
  'draft',
  'scheduled',
  'publishing',
  'published',
  'partially_published',
  'failed',
  'needs_review',
  'cancelled',
  /** Its time passed while the machine was off or asleep, beyond the client's grace window. */
  'missed',
] as const;
export type PostStatus = (typeof postStatuses)[number];
export type TargetStatus = Exclude<PostStatus, 'partially_published'>;

export interface PostTargetView {
  id: string;
  accountId: string;
  /** The account's handle, without @. */
  handle: string;
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
  media: { mediaId: string; altText: string; kind: 'image' | 'gif' | 'video' }[];
}

export interface PostDetail extends PostSummary {
  parts: PostPartView[];
  events: PostEventView[];
}

export type SchedulerState = 'idle' | 'publishing' | 'attention';
