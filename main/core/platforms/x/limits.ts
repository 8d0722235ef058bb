// X's limits on a thread, checked before anything is sent: 280 weighted characters,
// up to 4 images or one GIF or one video (no documents), X's sizes and lengths, alt text ≤ 1000.
import fs from 'node:fs';
import { countXText, xMaxWeightedLength } from '../../../../shared/networks/x-text.ts';
import type { PlannedMedia, PlannedPart, PostingLimit } from '../port.ts';

/**
 * X's documented per-user limit on POST /2/tweets (each part of a thread is one post).
 * The app-wide daily cap is not an account's to keep; a 429 from it still waits.
 */
export const xPostingLimits: readonly PostingLimit[] = [
  { parts: 100, windowMs: 15 * 60_000, words: '100 posts per 15 minutes' },
];

const mb = 1024 * 1024;
const maxBytes: Record<Exclude<PlannedMedia['kind'], 'document'>, number> = {
  image: 5 * mb,
  gif: 15 * mb,
  video: 512 * mb,
};

/**
 * The first reason X would refuse this thread, in words for the user, or null when
 * every part fits. Checked before anything is sent, so a bad part 3 never leaves parts
 * 1 and 2 posted on their own.
 */
export function checkXThread(parts: PlannedPart[]): string | null {
  if (parts.length === 0) return 'The post has no text or media to publish.';
  for (const [index, part] of parts.entries()) {
    const name = parts.length > 1 ? `Part ${index + 1}` : 'The post';
    if (part.text.trim() === '' && part.media.length === 0) {
      return `${name} is empty: add text or media.`;
    }
    if (part.text.trim() !== '') {
      const count = countXText(part.text);
      if (count.weightedLength > xMaxWeightedLength) {
        return `${name} is ${count.weightedLength} characters long; X allows ${xMaxWeightedLength}.`;
      }
      if (!count.valid) return `${name} has text X does not accept.`;
    }
    const problem = mediaProblem(part.media);
    if (problem !== null) return `${name}: ${problem}`;
  }
  return null;
}

function mediaProblem(media: PlannedMedia[]): string | null {
  for (const m of media) {
    if (m.kind === 'document') {
      return 'X does not take PDF documents: remove the PDF, or leave this account out.';
    }
  }
  const images = media.filter((m) => m.kind === 'image').length;
  const others = media.length - images;
  if (images > 4) return 'X allows at most 4 images in one post.';
  if (others > 1 || (others === 1 && images > 0)) {
    return 'X allows either up to 4 images, or one GIF, or one video in a post.';
  }
  for (const m of media) {
    if (m.kind === 'document') continue;
    if (m.bytes > maxBytes[m.kind]) {
      return `a ${m.kind} of ${(m.bytes / mb).toFixed(1)} MB is over X's limit of ${maxBytes[m.kind] / mb} MB.`;
    }
    if (
      m.kind === 'video' &&
      m.durationMs !== null &&
      (m.durationMs < 500 || m.durationMs > 140_000)
    ) {
      return 'X accepts videos from 0.5 to 140 seconds long.';
    }
    if (m.altText.length > 1000) return 'alt text is longer than 1000 characters.';
    if (!fs.existsSync(m.file)) return 'a media file is missing from the media library.';
  }
  return null;
}
