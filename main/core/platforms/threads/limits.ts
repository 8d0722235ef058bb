// A Threads account's limits on a thread, checked before anything is sent (the shared
// rules, shared/networks/threads.ts, for every part: each later part is a reply and takes
// media like the first), and the publishing limits Starling keeps to.
import fs from 'node:fs';
import { networkRules } from '../../../../shared/networks/index.ts';
import { mediaProblems, textProblems } from '../../../../shared/networks/check.ts';
import { threadsDailyPosts } from '../../../../shared/networks/threads.ts';
import type { PlannedPart, PostingLimit } from '../port.ts';

/**
 * Threads takes 250 posts and 1,000 replies from the API per account in any 24 hours
 * (threads_publishing_limit). Every part is counted against the smaller one, so a thread
 * never stops halfway for the reply limit; publish.ts also asks Threads how much of each
 * is used (posts made elsewhere count too) before each part.
 */
export const threadsPostingLimits: readonly PostingLimit[] = [
  {
    parts: threadsDailyPosts,
    windowMs: 86_400_000,
    words: `${String(threadsDailyPosts)} posts a day`,
  },
];

export function checkThreadsThread(parts: PlannedPart[]): string | null {
  if (parts.length === 0) return 'The post has no text or media to publish.';
  for (const [index, part] of parts.entries()) {
    const name = parts.length > 1 ? `Part ${String(index + 1)}` : 'The post';
    if (part.text.trim() === '' && part.media.length === 0) {
      return `${name} is empty: add text or media.`;
    }
    const text = textProblems(networkRules.threads, part.text, name)[0];
    if (text !== undefined) return text;
    const media = part.media.map((m) => ({
      kind: m.kind,
      mime: m.mime,
      bytes: m.bytes,
      durationMs: m.durationMs,
      name: 'a file',
      altText: m.altText,
    }));
    const problem = mediaProblems(networkRules.threads, media, name).errors[0];
    if (problem !== undefined) return problem;
    if (part.media.some((m) => !fs.existsSync(m.file))) {
      return `${name}: a media file is missing from the media library.`;
    }
  }
  return null;
}
