// A LinkedIn account's limits on a thread, checked before anything is sent: the post's
// commentary (3,000 characters) and media by the shared rules (shared/networks/linkedin.ts),
// and the later parts, which go out as the author's comments: text only, 1,250 each.
import fs from 'node:fs';
import { networkRules } from '../../../../shared/networks/index.ts';
import { mediaProblems, textProblems } from '../../../../shared/networks/check.ts';
import type { PlannedPart, PlatformAccount, PostingLimit } from '../port.ts';
import { settingsOf } from './credentials.ts';

/**
 * Share on LinkedIn's documented daily quota of 150 posts a member (the API's day starts
 * at midnight UTC; any 24 hours with at most 150 keeps within every such day). The rest
 * of a thread goes out as comments, counted here too to stay on the safe side.
 */
export const linkedinPostingLimits: readonly PostingLimit[] = [
  { parts: 150, windowMs: 86_400_000, words: '150 posts a day' },
];

/** The daily quota is the member's: a page they post for spends it too. */
export const linkedinQuotaHolder = (account: PlatformAccount): string =>
  settingsOf(account).memberUrn;

export function checkLinkedInThread(parts: PlannedPart[]): string | null {
  if (parts.length === 0) return 'The post has no text or media to publish.';
  for (const [index, part] of parts.entries()) {
    const name = parts.length > 1 ? `Part ${String(index + 1)}` : 'The post';
    if (index === 0) {
      if (part.text.trim() === '' && part.media.length === 0) {
        return `${name} is empty: add text or media.`;
      }
      const text = textProblems(networkRules.linkedin, part.text, name)[0];
      if (text !== undefined) return text;
      const media = part.media.map((m) => ({
        kind: m.kind,
        mime: m.mime,
        bytes: m.bytes,
        durationMs: m.durationMs,
        name: 'a file',
        altText: m.altText,
      }));
      const problem = mediaProblems(networkRules.linkedin, media, name).errors[0];
      if (problem !== undefined) return problem;
      if (part.media.some((m) => !fs.existsSync(m.file))) {
        return `${name}: a media file is missing from the media library.`;
      }
      continue;
    }
    // LinkedIn threads are the author's comments under the post.
    if (part.media.length > 0) {
      return `${name} goes out as a comment on LinkedIn, and comments carry text only: move its media to the first part.`;
    }
    if (part.text.trim() === '') return `${name} is empty: a LinkedIn comment needs text.`;
    const text = textProblems(
      networkRules.linkedin,
      part.text,
      `${name} (a comment)`,
      networkRules.linkedin.replyTextLimit,
    )[0];
    if (text !== undefined) return text;
  }
  return null;
}
