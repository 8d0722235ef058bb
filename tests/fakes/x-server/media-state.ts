// Where a media upload stands: processing moves one step per status poll or per
// check_after_secs of fake-clock time (pending → in_progress → succeeded / failed).
import type { MediaRecord, Store } from './store.ts';
import type { FakeMediaState } from './types.ts';

export const checkAfterSecs = 1;
const stepsToFinish = 2;

export function mediaState(store: Store, media: MediaRecord): FakeMediaState {
  if (media.state !== 'finalized') return media.state;
  const finalizedAt = media.finalizedAt ?? store.clock.now();
  const elapsedSteps = Math.floor((store.clock.now() - finalizedAt) / (checkAfterSecs * 1000));
  const steps = media.pollSteps + elapsedSteps;
  if (steps >= stepsToFinish) return media.willFail ? 'failed' : 'succeeded';
  return steps === 0 ? 'pending' : 'in_progress';
}

export function isExpired(store: Store, media: MediaRecord): boolean {
  return store.clock.now() >= media.expiresAt;
}

export type MediaKind = 'image' | 'gif' | 'video';

export function mediaKind(media: Pick<MediaRecord, 'mediaType' | 'mediaCategory'>): MediaKind {
  if (media.mediaType.startsWith('video/') || media.mediaCategory.endsWith('video')) return 'video';
  if (media.mediaCategory.endsWith('gif')) return 'gif';
  return 'image';
}
