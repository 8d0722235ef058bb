// Looks an unconfirmed part up among what the Page posted since just before the first
// attempt: a post by its message in the Page's published_posts (newest first, since in
// Unix seconds, cursor paging), a comment by its message among the Page's own comments on
// the thread's first post (newest first too). Found: that is the part, and nothing is sent
// again; surely absent: it may be sent.
import type { PartContext, RemoteRef, Unknowable } from '../port.ts';
import type { GraphApi } from '../meta/graph.ts';
import type { MetaPageCredentials } from '../meta/credentials.ts';
import type { MetaSession } from '../meta/session.ts';
import { pageLink, postLink } from './links.ts';

/** Clocks differ: look a little before the first attempt. */
const slackMs = 10 * 60_000;
const pageSize = 100;
const maxPages = 10;

const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
const listOf = (body: Record<string, unknown>) =>
  Array.isArray(body.data) ? body.data.map(record) : [];
/**
 * More posted since than Starling reads back, or a next page it cannot follow: only a
 * person can look further ([Note: unknowable parts] in publishing/send-part.ts).
 */
function beyondReach(pageId: string, context: PartContext): Unknowable {
  const where = context.root === null ? 'the Page has posted' : 'the post has comments';
  return {
    unknowable: true,
    reason: `${where} more than Starling reads back since.`,
    reviewUrl: context.root === null ? pageLink(pageId) : postLink(pageId, context.root),
  };
}

/**
 * The next page's parameters, or null on the last page (no `next`). Graph pages by cursor
 * (`after`) or, for a time range, by the `until` and `__paging_token` of its `next` link,
 * with no cursors. A `next` that cannot be followed is 'stuck': never "absent".
 */
function nextOf(body: Record<string, unknown>): Record<string, string> | null | 'stuck' {
  const paging = record(body.paging);
  if (typeof paging.next !== 'string') return null;
  const after = record(paging.cursors).after;
  if (typeof after === 'string') return { after };
  const query = URL.canParse(paging.next) ? new URL(paging.next).searchParams : null;
  const until = query?.get('until') ?? null;
  if (query === null || until === null) return 'stuck';
  const token = query.get('__paging_token');
  return { until, ...(token === null ? {} : { __paging_token: token }) };
}

export async function findPart(
  graph: GraphApi,
  session: MetaSession<MetaPageCredentials>,
  context: PartContext,
  text: string,
  since: number,
  exclude: ReadonlySet<string>,
): Promise<RemoteRef | null | Unknowable> {
  const pageId = session.credentials.pageId;
  const root = context.root;
  let next: Record<string, string> = {};
  for (let round = 0; round < maxPages; round += 1) {
    const page: Record<string, unknown> = await session.call(
      (token) =>
        root === null
          ? graph.get(token, `/${pageId}/published_posts`, {
              fields: 'id,message,created_time',
              since: Math.floor((since - slackMs) / 1000),
              limit: pageSize,
              ...next,
            })
          : graph.get(token, `/${root.id}/comments`, {
              fields: 'id,message,from,created_time',
              filter: 'stream',
              // Newest first, as published_posts: the lost comment is among the newest,
              // where Graph's default (oldest first) put it behind every older one.
              order: 'reverse_chronological',
              limit: pageSize,
              ...next,
            }),
      [pageId],
    );
    for (const item of listOf(page)) {
      const id = typeof item.id === 'string' ? item.id : '';
      if (id === '' || exclude.has(id)) continue;
      const message = typeof item.message === 'string' ? item.message : '';
      if (message !== text) continue;
      if (root === null) return { id, ref: null };
      if (record(item.from).id === pageId) return { id, ref: 'comment' };
    }
    const following = nextOf(page);
    if (following === null) return null;
    if (following === 'stuck') return beyondReach(pageId, context);
    next = following;
  }
  return beyondReach(pageId, context);
}
