// Looks an unconfirmed part up among what the Page posted since just before the first
// attempt: a post by its message in the Page's published_posts (newest first, since in
// Unix seconds, cursor paging), a comment by its message among the Page's own comments on
// the thread's first post. Found: that is the part, and nothing is sent again; surely
// absent: it may be sent.
import { failure } from '../../../../shared/result.ts';
import type { PartContext, RemoteRef } from '../port.ts';
import type { GraphApi } from '../meta/graph.ts';
import type { MetaPageCredentials } from '../meta/credentials.ts';
import type { MetaSession } from '../meta/session.ts';

/** Clocks differ: look a little before the first attempt. */
const slackMs = 10 * 60_000;
const pageSize = 100;
const maxPages = 10;

const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
const listOf = (body: Record<string, unknown>) =>
  Array.isArray(body.data) ? body.data.map(record) : [];
const afterOf = (body: Record<string, unknown>): string | null => {
  const paging = record(body.paging);
  const after = record(paging.cursors).after;
  return typeof paging.next === 'string' && typeof after === 'string' ? after : null;
};

const tooFarBack = () =>
  failure(
    'OFFLINE',
    'So much was posted since this part was sent that Starling could not check it; trying again later.',
  );

export async function findPart(
  graph: GraphApi,
  session: MetaSession<MetaPageCredentials>,
  context: PartContext,
  text: string,
  since: number,
  exclude: ReadonlySet<string>,
): Promise<RemoteRef | null> {
  const pageId = session.credentials.pageId;
  const root = context.root;
  let after: string | null = null;
  for (let round = 0; round < maxPages; round += 1) {
    const page: Record<string, unknown> = await session.call(
      (token) =>
        root === null
          ? graph.get(token, `/${pageId}/published_posts`, {
              fields: 'id,message,created_time',
              since: Math.floor((since - slackMs) / 1000),
              limit: pageSize,
              ...(after === null ? {} : { after }),
            })
          : graph.get(token, `/${root.id}/comments`, {
              fields: 'id,message,from,created_time',
              filter: 'stream',
              limit: pageSize,
              ...(after === null ? {} : { after }),
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
    after = afterOf(page);
    if (after === null) return null;
  }
  throw tooFarBack();
}
