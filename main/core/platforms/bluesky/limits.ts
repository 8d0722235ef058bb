// Bluesky's limits on a thread, checked before anything is sent: 300 graphemes (and the
// lexicon's 3000 UTF-8 bytes) per part, up to 4 images or exactly one MP4 video (≤ 100 MB,
// ≤ 3 min), alt text ≤ 2000 graphemes as in the Bluesky app. Images of any size are fitted
// under the PDS's blob limit at upload (images.ts). GIFs are refused: Bluesky has no GIF
// embed and sending one as a still image would silently drop its animation.
import fs from 'node:fs';
import { graphemeSegments } from '../../../../shared/graphemes.ts';
import type { PlannedMedia, PlannedPart, PostingLimit } from '../port.ts';

/**
 * A PDS's repo-write budget per account: 5,000 points an hour and 35,000 a day, a new
 * record costing 3 (each part of a thread is one record).
 */
export const blueskyPostingLimits: readonly PostingLimit[] = [
  { parts: 1_666, windowMs: 3_600_000, words: '1,666 posts an hour' },
  { parts: 11_666, windowMs: 86_400_000, words: '11,666 posts a day' },
];

export const maxGraphemes = 300;
const maxTextBytes = 3000;
export const maxImages = 4;
export const maxAltGraphemes = 2000;
const mb = 1_000_000;
export const maxVideoBytes = 100 * mb;
const maxVideoMs = 180_000;
const imageMimes = new Set(['image/jpeg', 'image/png', 'image/webp']);

/** What a reader sees as characters: an emoji with its modifiers counts once. */
export function countGraphemes(text: string): number {
  return Array.from(graphemeSegments(text)).length;
}

/**
 * The first reason Bluesky would refuse this thread, in words for the user, or null when
 * every part fits. Checked before anything is sent, so a bad part 3 never leaves parts
 * 1 and 2 posted on their own.
 */
export function checkBlueskyThread(parts: PlannedPart[]): string | null {
  if (parts.length === 0) return 'The post has no text or media to publish.';
  for (const [index, part] of parts.entries()) {
    const name = parts.length > 1 ? `Part ${index + 1}` : 'The post';
    if (part.text.trim() === '' && part.media.length === 0) {
      return `${name} is empty: add text or media.`;
    }
    const graphemes = countGraphemes(part.text);
    if (graphemes > maxGraphemes) {
      return `${name} is ${graphemes} characters long; Bluesky allows ${maxGraphemes}. Shorten it or split it into a thread.`;
    }
    if (Buffer.byteLength(part.text, 'utf8') > maxTextBytes) {
      return `${name} has too many long characters (emoji, symbols) for Bluesky: shorten it.`;
    }
    const problem = mediaProblem(part.media);
    if (problem !== null) return `${name}: ${problem}`;
  }
  return null;
}

function mediaProblem(media: PlannedMedia[]): string | null {
  if (media.some((m) => m.kind === 'document')) {
    return 'Bluesky posts cannot carry a PDF document: remove the PDF, or leave this account out.';
  }
  if (media.some((m) => m.kind === 'gif')) {
    return 'Bluesky cannot show GIFs. Convert the GIF to an MP4 video, or attach a still image instead.';
  }
  const images = media.filter((m) => m.kind === 'image').length;
  const videos = media.length - images;
  if (images > maxImages) return `Bluesky allows at most ${maxImages} images in one post.`;
  if (videos > 1 || (videos === 1 && images > 0)) {
    return 'Bluesky allows either up to 4 images or one video in a post, not both.';
  }
  for (const m of media) {
    if (m.kind === 'image' && !imageMimes.has(m.mime)) {
      return 'Bluesky takes JPEG, PNG and WebP images only.';
    }
    if (m.kind === 'video') {
      if (m.mime !== 'video/mp4') {
        return 'Bluesky takes videos as MP4 only: export the video as MP4 and attach that.';
      }
      if (m.bytes > maxVideoBytes) {
        return `the video is ${(m.bytes / mb).toFixed(1)} MB; Bluesky accepts up to 100 MB.`;
      }
      if (m.durationMs !== null && m.durationMs > maxVideoMs) {
        return `the video is ${Math.round(m.durationMs / 1000)} seconds long; Bluesky accepts up to 3 minutes.`;
      }
    }
    const alt = countGraphemes(m.altText);
    if (alt > maxAltGraphemes) {
      return `alt text is ${alt} characters long; Bluesky allows ${maxAltGraphemes}.`;
    }
    if (!fs.existsSync(m.file)) {
      return 'a media file is missing from the media library: attach it again.';
    }
  }
  return null;
}
