// The per-account network options a post is sent with (Mastodon's visibility and content
// warning, Instagram's hashtags in a first comment): only the chosen accounts', trimmed, and none that would be empty.
import type { SocialAccount } from '../../../../../shared/accounts.ts';
import type { NetworkOptions } from '../../../../../shared/posts.ts';

export function sentOptions(
  chosen: SocialAccount[],
  options: Record<string, NetworkOptions>,
): Record<string, NetworkOptions> {
  const out: Record<string, NetworkOptions> = {};
  for (const a of chosen) {
    const { visibility, contentWarning = '', hashtagsInComment } = options[a.id] ?? {};
    const sent: NetworkOptions = {
      ...(visibility === undefined ? {} : { visibility }),
      ...(contentWarning.trim() === '' ? {} : { contentWarning: contentWarning.trim() }),
      ...(hashtagsInComment === true ? { hashtagsInComment } : {}),
    };
    if (Object.keys(sent).length > 0) out[a.id] = sent;
  }
  return out;
}
