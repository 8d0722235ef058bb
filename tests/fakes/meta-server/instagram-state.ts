// What the fake Instagram remembers beside the shared Meta store (store.extension): the
// containers made on each account, the media published from them, every fetch of a media
// URL (the ledger a relay test reads), comments, insights, and what tests set (how many
// status checks processing takes, a container that fails, the publishing quota).
import type { Store } from './store.ts';

export type ContainerStatus = 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED';

export interface ContainerRecord {
  id: string;
  igUserId: string;
  /** IMAGE, VIDEO (a carousel item), REELS or CAROUSEL. */
  mediaType: 'IMAGE' | 'VIDEO' | 'REELS' | 'CAROUSEL';
  url: string | null;
  caption: string;
  altText: string | null;
  isCarouselItem: boolean;
  children: string[];
  status: ContainerStatus;
  /** The `status` field's words when ERROR. */
  statusText: string;
  /** Status checks left before processing ends. */
  checksLeft: number;
  createdAt: number;
  /** The media published from it. */
  mediaId: string | null;
}

export interface MediaRecord {
  id: string;
  igUserId: string;
  containerId: string;
  mediaType: 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM';
  caption: string;
  children: string[];
  shortcode: string;
  createdAt: number;
  deleted: boolean;
  insights: InstagramInsights;
}

export interface InstagramInsights {
  reach: number;
  likes: number;
  comments: number;
  saved: number;
  shares: number;
}

export interface FetchRecord {
  url: string;
  /** HTTP status the media URL answered, or 0 when it could not be reached. */
  status: number;
  bytes: number;
  contentType: string | null;
  at: number;
}

export interface InstagramCommentRecord {
  id: string;
  mediaId: string;
  text: string;
  createdAt: number;
}

export interface InstagramState {
  containers: Map<string, ContainerRecord>;
  media: Map<string, MediaRecord>;
  comments: InstagramCommentRecord[];
  fetches: FetchRecord[];
  /** Status checks an image (video) container answers IN_PROGRESS before FINISHED. */
  imageChecks: number;
  videoChecks: number;
  /** The next containers made end in ERROR with these words (one per entry). */
  failNext: string[];
  /** content_publishing_limit's config.quota_total. */
  quotaTotal: number;
  /** Posts published elsewhere in the last 24 hours, per account (counted in quota_usage). */
  publishedElsewhere: Map<string, number>;
}

export const instagramState = (store: Store): InstagramState =>
  store.extension<InstagramState>('instagram', () => ({
    containers: new Map(),
    media: new Map(),
    comments: [],
    fetches: [],
    imageChecks: 0,
    videoChecks: 1,
    failNext: [],
    quotaTotal: 50,
    publishedElsewhere: new Map(),
  }));

/** Instagram's timestamps: ISO 8601 with +0000. */
export const igTime = (at: number): string =>
  new Date(at).toISOString().replace(/\.\d{3}Z$/, '+0000');

/** An unpublished container lives 24 hours. */
export const containerLifeMs = 24 * 60 * 60_000;

/** Media published through the API in the rolling 24 hours (content_publishing_limit). */
export function quotaUsage(state: InstagramState, igUserId: string, now: number): number {
  const mine = [...state.media.values()].filter(
    (m) => m.igUserId === igUserId && m.createdAt > now - 86_400_000,
  ).length;
  return mine + (state.publishedElsewhere.get(igUserId) ?? 0);
}
