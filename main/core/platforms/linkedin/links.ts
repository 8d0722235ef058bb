// Where a LinkedIn post, comment or author can be seen, and how a comment's URN names the
// post it is on: urn:li:comment:(urn:li:share:1,2).
import type { LinkedInSettings } from './credentials.ts';

const commentUrn = /^urn:li:comment:\((urn:li:[A-Za-z]+:[^,]+),([^)]+)\)$/;

export function commentParts(urn: string): { post: string; id: string } | null {
  const match = commentUrn.exec(urn);
  return match === null ? null : { post: match[1] ?? '', id: match[2] ?? '' };
}

export const commentUrnOf = (post: string, id: string) => `urn:li:comment:(${post},${id})`;

export function postLink(urn: string): string {
  const comment = commentParts(urn);
  if (comment === null) return `https://www.linkedin.com/feed/update/${urn}/`;
  return `https://www.linkedin.com/feed/update/${comment.post}/?commentUrn=${encodeURIComponent(urn)}`;
}

/** The author's own list of what they posted: where a person checks an unconfirmed post. */
export function activityLink(settings: LinkedInSettings): string {
  return settings.kind === 'page'
    ? `https://www.linkedin.com/company/${settings.organizationId}/admin/page-posts/published/`
    : 'https://www.linkedin.com/in/me/recent-activity/all/';
}
