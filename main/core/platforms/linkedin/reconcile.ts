// Looks an unconfirmed part up. LinkedIn lets a page's administrators list the page's posts
// (GET /rest/posts?q=author) and a post's comments, so for pages a part is matched by its
// author, text and time, as Mastodon's are. A member's posts and comments can be read back
// only with scopes LinkedIn grants no app like this one: that part is Unknowable, and the
// post stops at needs_review with a link to the member's activity ([Note: unknowable parts]).
import type { PartContext, RemoteRef, Unknowable } from '../port.ts';
import { encodeUrn, type LinkedInApi } from './api.ts';
import { jsonOf } from '../http-exchange.ts';
import { readerText } from '../../../../shared/networks/index.ts';
import { escapeLittleText } from './little-text.ts';
import { activityLink, commentUrnOf, postLink } from './links.ts';
import type { Session } from './session.ts';

/** Clocks differ: look a little before the first attempt. */
const slackMs = 10 * 60_000;
const pageSize = 50;
const maxPages = 10;

const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
const elementsOf = (body: unknown): Record<string, unknown>[] => {
  const elements = record(body).elements;
  return Array.isArray(elements) ? elements.map(record) : [];
};

function unknowable(session: Session, context: PartContext): Unknowable {
  const root = context.root;
  return {
    unknowable: true,
    reason:
      'LinkedIn lets apps like Starling read back only company pages’ posts, not a member’s, so ' +
      'Starling cannot check whether it is there.',
    reviewUrl: root === null ? activityLink(session.settings) : postLink(root.id),
  };
}

/** More to read back than Starling does: only a person can look further ([Note: unknowable parts]). */
function beyondReach(session: Session, context: PartContext, reason: string): Unknowable {
  const root = context.root;
  return {
    unknowable: true,
    reason,
    reviewUrl: root === null ? activityLink(session.settings) : postLink(root.id),
  };
}

async function findPost(
  api: LinkedInApi,
  session: Session,
  context: PartContext,
  cutoff: number,
  exclude: ReadonlySet<string>,
): Promise<RemoteRef | null | Unknowable> {
  const commentary = escapeLittleText(context.part.text);
  for (let page = 0; page < maxPages; page += 1) {
    const path = `/posts?q=author&author=${encodeUrn(session.author)}&count=${String(pageSize)}&start=${String(page * pageSize)}&sortBy=LAST_MODIFIED`;
    const posts = elementsOf(jsonOf(await session.call((token) => api.rest(token, 'GET', path))));
    for (const post of posts) {
      const created = typeof post.createdAt === 'number' ? post.createdAt : 0;
      // Listed by their last change, newest first: an older post edited since comes
      // before the part's own, so only a post unchanged since the cutoff ends the search.
      const changed = typeof post.lastModifiedAt === 'number' ? post.lastModifiedAt : created;
      if (changed < cutoff) return null;
      if (created < cutoff) continue;
      if (typeof post.id === 'string' && !exclude.has(post.id) && post.commentary === commentary) {
        return { id: post.id, ref: null };
      }
    }
    if (posts.length < pageSize) return null;
  }
  return beyondReach(
    session,
    context,
    `more of the page’s posts were made or changed since (over ${String(maxPages * pageSize)}) than Starling reads back.`,
  );
}

async function findComment(
  api: LinkedInApi,
  session: Session,
  context: PartContext,
  post: string,
  cutoff: number,
  exclude: ReadonlySet<string>,
): Promise<RemoteRef | null | Unknowable> {
  for (let page = 0; page < maxPages; page += 1) {
    const path = `/socialActions/${encodeUrn(post)}/comments?count=100&start=${String(page * 100)}`;
    const comments = elementsOf(
      jsonOf(await session.call((token) => api.rest(token, 'GET', path))),
    );
    for (const c of comments) {
      const urn =
        typeof c.commentUrn === 'string' ? c.commentUrn : commentUrnOf(post, String(c.id));
      const created = record(c.created).time;
      if (
        c.actor === session.author &&
        record(c.message).text === readerText(context.part.text) &&
        (typeof created !== 'number' || created >= cutoff) &&
        !exclude.has(urn)
      ) {
        return { id: urn, ref: null };
      }
    }
    if (comments.length < 100) return null;
  }
  return beyondReach(
    session,
    context,
    `the post has more comments (over ${String(maxPages * 100)}) than Starling reads back.`,
  );
}

export async function findPart(
  api: LinkedInApi,
  session: Session,
  context: PartContext,
  since: number,
  exclude: ReadonlySet<string>,
): Promise<RemoteRef | null | Unknowable> {
  if (session.settings.kind !== 'page' || !session.scopes.has('r_organization_social')) {
    return unknowable(session, context);
  }
  const cutoff = since - slackMs;
  return context.root === null
    ? findPost(api, session, context, cutoff, exclude)
    : findComment(api, session, context, context.root.id, cutoff, exclude);
}
