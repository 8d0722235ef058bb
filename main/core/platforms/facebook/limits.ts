// A Facebook account's limits on a thread, checked before anything is sent: only Pages
// post (the signed-in user's own account lists Pages and nothing more); the post's message
// and media by the shared rules (shared/networks/facebook.ts); the later parts go out as
// the Page's comments, text only.
import fs from 'node:fs';
import { networkRules } from '../../../../shared/networks/index.ts';
import { mediaProblems, textProblems } from '../../../../shared/networks/check.ts';
import type { PlannedPart, PlatformAccount } from '../port.ts';

export const userCannotPost =
  'This Facebook account stands for you, and Facebook lets apps post to Pages only: add ' +
  'your Pages as accounts (Clients → Facebook → Pages) and post to them.';

export function checkFacebookThread(parts: PlannedPart[], account: PlatformAccount): string | null {
  if (account.settings.kind === 'user') return userCannotPost;
  const rules = networkRules.facebook;
  if (parts.length === 0) return 'The post has no text or media to publish.';
  for (const [index, part] of parts.entries()) {
    const name = parts.length > 1 ? `Part ${String(index + 1)}` : 'The post';
    if (index > 0) {
      if (part.media.length > 0) {
        return `${name} goes out as a comment on Facebook, and Starling's comments carry text only: move its media to the first part.`;
      }
      if (part.text.trim() === '') return `${name} is empty: a Facebook comment needs text.`;
      const text = textProblems(rules, part.text, `${name} (a comment)`, rules.replyTextLimit)[0];
      if (text !== undefined) return text;
      continue;
    }
    if (part.text.trim() === '' && part.media.length === 0)
      return `${name} is empty: add text or media.`;
    const text = textProblems(rules, part.text, name)[0];
    if (text !== undefined) return text;
    const media = part.media.map((m) => ({
      kind: m.kind,
      mime: m.mime,
      bytes: m.bytes,
      durationMs: m.durationMs,
      name: 'a file',
      altText: m.altText,
    }));
    const problem = mediaProblems(rules, media, name).errors[0];
    if (problem !== undefined) return problem;
    if (part.media.some((m) => !fs.existsSync(m.file))) {
      return `${name}: a media file is missing from the media library.`;
    }
  }
  return null;
}
