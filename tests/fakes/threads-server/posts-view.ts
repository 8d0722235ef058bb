// How the fake Threads shows posts: the fields a caller asks for, the account's threads
// and replies newest first from `since`, and Threads' count of a text.
import type { KitReply } from '../http-kit/listen.ts';
import { json } from './routes.ts';
import { randomToken, type PostRecord, type Store } from './store.ts';

const emoji = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;
const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Threads' count: characters, an emoji as its UTF-8 bytes. */
export function threadsLength(text: string): number {
  let length = 0;
  for (const { segment } of segmenter.segment(text)) {
    length += emoji.test(segment)
      ? Buffer.byteLength(segment)
      : segment.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '_').length;
  }
  return length;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');

export function postJson(p: PostRecord, fields: string[]) {
  const all: Record<string, unknown> = {
    id: p.id,
    media_product_type: 'THREADS',
    media_type:
      p.mediaType === 'CAROUSEL'
        ? 'CAROUSEL_ALBUM'
        : p.mediaType === 'TEXT'
          ? 'TEXT_POST'
          : p.mediaType,
    permalink: `https://www.threads.net/@user/post/${p.shortcode}`,
    shortcode: p.shortcode,
    text: p.text,
    timestamp: iso(p.createdAt),
    is_reply: p.replyToId !== null,
    ...(p.replyToId === null ? {} : { replied_to: { id: p.replyToId } }),
  };
  return Object.fromEntries(Object.entries(all).filter(([k]) => k === 'id' || fields.includes(k)));
}

export function list(
  store: Store,
  user: string,
  p: Record<string, string>,
  replies: boolean,
): KitReply {
  const since = p.since === undefined ? 0 : Number(p.since) * 1000;
  const fields = (p.fields ?? 'id').split(',');
  const limit = Math.min(Number(p.limit ?? 25), 100);
  const data = [...store.posts.values()]
    .filter(
      (x) =>
        x.userId === user &&
        !x.deleted &&
        (x.replyToId !== null) === replies &&
        x.createdAt >= since,
    )
    .sort((a, b) => b.createdAt - a.createdAt)
    .slice(0, limit)
    .map((x) => postJson(x, fields));
  return json(200, {
    data,
    paging: { cursors: { before: randomToken(6), after: randomToken(6) } },
  });
}
