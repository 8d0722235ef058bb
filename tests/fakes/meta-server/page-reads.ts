// Reading a Page and its posts back: GET /{id} for a Page (name, followers_count,
// fan_count, picture, instagram_business_account), a post, photo, video or comment;
// GET /{page-id}/published_posts (newest first, since/until in Unix seconds, cursor
// paging); GET /{id}/comments; GET /{post-id}/insights with lifetime post metrics
// (pages/insights: post_impressions, post_impressions_unique, post_clicks,
// post_reactions_by_type_total), which need read_insights.
import type { FakeRequest } from '../http-kit/request.ts';
import { fieldsOf, pick } from './fields.ts';
import { graphError, invalidParameter, json, type Reply } from './replies.ts';
import type { Caller, Route } from './router.ts';
import type { PostRecord, Store } from './store.ts';

/** Graph's time format: 2026-12-04T12:00:00+0000. */
export const graphTime = (at: number) => new Date(at).toISOString().replace(/\.\d{3}Z$/, '+0000');

function insightsOf(post: PostRecord, wanted: string[] | null) {
  const values: Record<string, unknown> = {
    post_impressions: post.figures.impressions,
    post_impressions_unique: post.figures.reach,
    post_clicks: post.figures.clicks,
    post_reactions_by_type_total:
      post.figures.reactions === 0 ? {} : { like: post.figures.reactions },
  };
  const names = wanted ?? Object.keys(values);
  return names
    .filter((name) => name in values)
    .map((name) => ({
      name,
      period: 'lifetime',
      values: [{ value: values[name] }],
      title: name,
      id: `${post.id}/insights/${name}/lifetime`,
    }));
}

function postView(store: Store, post: PostRecord, fields: Set<string> | null, canInsight: boolean) {
  const comments = [...store.comments.values()].filter(
    (c) => !c.deleted && (c.objectId === post.id || c.objectId === post.videoId),
  );
  return pick(
    {
      id: post.id,
      message: post.message === '' ? undefined : post.message,
      created_time: graphTime(post.createdAt),
      permalink_url: `https://www.facebook.com/${post.pageId}/posts/${post.id.split('_')[1] ?? ''}`,
      status_type:
        post.kind === 'status'
          ? 'mobile_status_update'
          : post.kind === 'link'
            ? 'shared_story'
            : `added_${post.kind === 'video' ? 'video' : 'photos'}`,
      shares: post.figures.shares === 0 ? undefined : { count: post.figures.shares },
      reactions: {
        data: [],
        summary: { total_count: post.figures.reactions, viewer_reaction: 'NONE' },
      },
      comments: {
        data: [],
        summary: { order: 'ranked', total_count: comments.length, can_comment: true },
      },
      insights: canInsight ? { data: insightsOf(post, null) } : undefined,
    },
    fields,
    ['message', 'created_time'],
  );
}

function node(store: Store, req: FakeRequest, caller: Caller): Reply | null {
  const id = req.params.id ?? '';
  const fields = fieldsOf(req.query);
  const page = store.pages.get(id);
  if (page !== undefined) {
    const ig = page.instagramId === null ? undefined : store.instagram.get(page.instagramId);
    return json(
      200,
      pick(
        {
          id: page.id,
          name: page.name,
          category: page.category,
          followers_count: page.followers,
          fan_count: page.fans,
          link: `https://www.facebook.com/${page.id}`,
          picture: { data: { url: page.pictureUrl, is_silhouette: false } },
          instagram_business_account: ig === undefined ? undefined : { id: ig.id },
        },
        fields,
        ['name'],
      ),
    );
  }
  const post = store.posts.get(id);
  if (post !== undefined && !post.deleted) {
    return json(200, postView(store, post, fields, caller.scopes.has('read_insights')));
  }
  const video = store.videos.get(id);
  if (video !== undefined && store.posts.get(video.postId)?.deleted !== true) {
    return json(
      200,
      pick(
        {
          id,
          description: video.description,
          post_id: video.postId,
          created_time: graphTime(video.createdAt),
        },
        fields,
        ['description', 'created_time'],
      ),
    );
  }
  const photo = store.photos.get(id);
  if (photo !== undefined) {
    return json(
      200,
      pick({ id, created_time: graphTime(photo.createdAt), published: photo.published }, fields, [
        'created_time',
      ]),
    );
  }
  const comment = store.comments.get(id);
  if (comment !== undefined && !comment.deleted) {
    return json(
      200,
      pick(
        {
          id,
          message: comment.message,
          from: { id: comment.fromId },
          created_time: graphTime(comment.createdAt),
        },
        fields,
        ['message', 'created_time', 'from'],
      ),
    );
  }
  return null;
}

const cursor = (index: number) => Buffer.from(String(index)).toString('base64url');
const uncursor = (value: string | null) =>
  value === null ? 0 : Number(Buffer.from(value, 'base64url').toString('utf8')) || 0;

function publishedPosts(store: Store, req: FakeRequest, caller: Caller): Reply | null {
  const pageId = req.params.id ?? '';
  if (!store.pages.has(pageId)) return null;
  const q = req.query;
  const since = q.get('since');
  const until = q.get('until');
  if ((since !== null && !/^\d+$/.test(since)) || (until !== null && !/^\d+$/.test(until))) {
    return invalidParameter('since and until take Unix timestamps');
  }
  const limit = Math.min(100, Number(q.get('limit') ?? '25') || 25);
  const all = store
    .postsOf(pageId)
    .filter(
      (p) =>
        (since === null || p.createdAt >= Number(since) * 1000) &&
        (until === null || Math.floor(p.createdAt / 1000) <= Number(until)),
    );
  // With a time range Graph pages by time: the next link carries `until` (the last post's
  // second) and a `__paging_token` for the posts of that second already seen, no cursors.
  const token = q.get('__paging_token');
  const start =
    token === null ? uncursor(q.get('after')) : all.findIndex((p) => p.id === token) + 1;
  const slice = all.slice(start, start + limit);
  const fields = fieldsOf(q);
  const more = start + limit < all.length;
  const path = `https://graph.facebook.com/${caller.version}${req.path.replace(/^\/v[\d.]+/, '')}`;
  const last = slice.at(-1);
  const byTime =
    since !== null && last !== undefined
      ? `${path}?since=${since}&until=${String(Math.floor(last.createdAt / 1000))}&__paging_token=${last.id}&limit=${String(limit)}`
      : null;
  return json(200, {
    data: slice.map((p) => postView(store, p, fields, caller.scopes.has('read_insights'))),
    paging:
      since !== null
        ? more && byTime !== null
          ? { next: byTime }
          : {}
        : {
            cursors: { before: cursor(start), after: cursor(start + slice.length) },
            ...(more ? { next: `${path}?after=${cursor(start + slice.length)}` } : {}),
          },
  });
}

/**
 * Oldest first unless `order=reverse_chronological`, by cursor: `limit` at a time (25
 * unless asked, at most 100), `next` while more.
 */
function comments(store: Store, req: FakeRequest, caller: Caller): Reply | null {
  const id = req.params.id ?? '';
  const post = store.posts.get(id);
  const objectIds = new Set([
    id,
    ...(post?.videoId === null || post === undefined ? [] : [post.videoId]),
  ]);
  if (post === undefined && !store.videos.has(id) && !store.photos.has(id)) return null;
  const order = req.query.get('order') ?? 'chronological';
  if (order !== 'chronological' && order !== 'reverse_chronological') {
    return invalidParameter('order must be one of {chronological, reverse_chronological}');
  }
  const found = [...store.comments.values()].filter((c) => !c.deleted && objectIds.has(c.objectId));
  const all = order === 'chronological' ? found : found.reverse();
  const limit = Math.min(100, Number(req.query.get('limit') ?? '25') || 25);
  const start = uncursor(req.query.get('after'));
  const data = all.slice(start, start + limit).map((c) => ({
    id: c.id,
    message: c.message,
    from: { id: c.fromId },
    created_time: graphTime(c.createdAt),
  }));
  const after = cursor(start + data.length);
  const path = `https://graph.facebook.com/${caller.version}${req.path.replace(/^\/v[\d.]+/, '')}`;
  return json(200, {
    data,
    paging: {
      cursors: { before: cursor(start), after },
      ...(start + limit < all.length
        ? { next: `${path}?after=${after}&limit=${String(limit)}&order=${order}` }
        : {}),
    },
  });
}

function insights(store: Store, req: FakeRequest): Reply | null {
  const post = store.posts.get(req.params.id ?? '');
  if (post === undefined || post.deleted) return null;
  const metric = req.query.get('metric');
  const wanted = metric === null ? null : metric.split(',').map((m) => m.trim());
  const unknown = wanted?.find(
    (m) =>
      ![
        'post_impressions',
        'post_impressions_unique',
        'post_clicks',
        'post_reactions_by_type_total',
      ].includes(m),
  );
  if (unknown !== undefined) {
    return graphError(400, `(#100) The value must be a valid insights metric: ${unknown}`, {
      code: 100,
    });
  }
  return json(200, { data: insightsOf(post, wanted) });
}

const reading = ['pages_read_engagement', 'pages_show_list', 'instagram_basic'];

export const pageReadRoutes = (store: Store): Route[] => [
  {
    kind: 'graph',
    method: 'GET',
    pattern: '/:id',
    scopes: reading,
    handle: (req, c) => node(store, req, c),
  },
  {
    kind: 'graph',
    method: 'GET',
    pattern: '/:id/published_posts',
    scopes: ['pages_read_engagement'],
    handle: (req, c) => publishedPosts(store, req, c),
  },
  {
    kind: 'graph',
    method: 'GET',
    pattern: '/:id/feed',
    scopes: ['pages_read_engagement'],
    handle: (req, c) => publishedPosts(store, req, c),
  },
  {
    kind: 'graph',
    method: 'GET',
    pattern: '/:id/comments',
    scopes: ['pages_read_engagement'],
    handle: (req, c) => comments(store, req, c),
  },
  {
    kind: 'graph',
    method: 'GET',
    pattern: '/:id/insights',
    scopes: ['read_insights'],
    handle: (req) => insights(store, req),
  },
];
