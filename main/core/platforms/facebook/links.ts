// The public pages of a Facebook Page and of what it published.
import type { RemoteRef } from '../port.ts';

/** The Page itself. */
export const pageLink = (pageId: string): string =>
  `https://www.facebook.com/${encodeURIComponent(pageId)}`;

/**
 * A post, video or comment of the Page: a post's id is `{page}_{post}`, a video's or a
 * comment's is its own.
 */
export function postLink(pageId: string, ref: RemoteRef): string {
  if (ref.ref === 'video') return `https://www.facebook.com/${pageId}/videos/${ref.id}`;
  const [owner, post] = ref.id.split('_');
  if (ref.ref === null && owner === pageId && post !== undefined) {
    return `https://www.facebook.com/${pageId}/posts/${post}`;
  }
  return `https://www.facebook.com/${ref.id}`;
}
