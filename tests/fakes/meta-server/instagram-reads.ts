// Instagram reads on the fake Graph API (Instagram Platform reference: ig-user, ig-user/
// media, ig-user/content_publishing_limit, ig-container, ig-media, ig-media/insights):
// GET /{ig-user-id} (username, followers_count, follows_count, media_count), its media
// newest first with caption, timestamp and permalink, its quota in the rolling 24 hours,
// a container's status_code, a media's fields, and lifetime insights (reach, likes,
// comments, saved, shares) in Graph's {data: [{name, period, values: [{value}]}]} shape.
import type { FakeRequest } from '../http-kit/request.ts';
import { fieldsOf, pick } from './fields.ts';
import { actingFor, checkStatus, instagramMediaRoutes } from './instagram-media.ts';
import { igTime, instagramState, quotaUsage, type MediaRecord } from './instagram-state.ts';
import { graphError, json, noObject, type Reply } from './replies.ts';
import type { Caller, Route } from './router.ts';
import type { Store } from './store.ts';

const isReply = (value: unknown): value is Reply =>
  typeof value === 'object' && value !== null && 'status' in value && 'body' in value;

const insightNames = ['reach', 'likes', 'comments', 'saved', 'shares', 'views'] as const;

function mediaView(media: MediaRecord, fields: Set<string> | null) {
  return pick(
    {
      id: media.id,
      caption: media.caption === '' ? undefined : media.caption,
      media_type: media.mediaType,
      timestamp: igTime(media.createdAt),
      permalink: `https://www.instagram.com/p/${media.shortcode}/`,
      shortcode: media.shortcode,
      like_count: media.insights.likes,
      comments_count: media.insights.comments,
    },
    fields,
    ['id'],
  );
}

function node(store: Store, req: FakeRequest, caller: Caller): Reply | null {
  const id = req.params.id ?? '';
  const state = instagramState(store);
  const fields = fieldsOf(req.query);
  const account = store.instagram.get(id);
  if (account !== undefined) {
    const acting = actingFor(store, caller, id);
    if (isReply(acting)) return acting;
    const count = [...state.media.values()].filter((m) => m.igUserId === id && !m.deleted).length;
    return json(
      200,
      pick(
        {
          id,
          username: account.username,
          name: account.name,
          profile_picture_url: account.pictureUrl,
          followers_count: account.followers,
          follows_count: 0,
          media_count: count,
        },
        fields,
        ['id'],
      ),
    );
  }
  const container = state.containers.get(id);
  if (container !== undefined) {
    const acting = actingFor(store, caller, container.igUserId);
    if (isReply(acting)) return acting;
    const status = checkStatus(container, store.clock.now());
    return json(
      200,
      pick(
        {
          id,
          status_code: status,
          status:
            status === 'ERROR'
              ? container.statusText
              : status === 'FINISHED'
                ? 'Finished: Media has been uploaded and it is ready to be published.'
                : undefined,
        },
        fields,
        ['id'],
      ),
    );
  }
  const media = state.media.get(id);
  if (media !== undefined) {
    if (media.deleted) return noObject(id, req.method);
    const acting = actingFor(store, caller, media.igUserId);
    if (isReply(acting)) return acting;
    return json(200, mediaView(media, fields));
  }
  return null;
}

function mediaList(store: Store, req: FakeRequest, caller: Caller): Reply | null {
  const id = req.params.id ?? '';
  const acting = actingFor(store, caller, id);
  if (acting === null || isReply(acting)) return acting;
  const limit = Math.min(100, Number(req.query.get('limit') ?? '25') || 25);
  const fields = fieldsOf(req.query);
  const list = [...instagramState(store).media.values()]
    .filter((m) => m.igUserId === id && !m.deleted)
    .sort((a, b) => b.createdAt - a.createdAt || (b.id > a.id ? 1 : -1))
    .slice(0, limit);
  return json(200, { data: list.map((m) => mediaView(m, fields)), paging: {} });
}

function publishingLimit(store: Store, req: FakeRequest, caller: Caller): Reply | null {
  const id = req.params.id ?? '';
  const acting = actingFor(store, caller, id, 'instagram_content_publish');
  if (acting === null || isReply(acting)) return acting;
  const state = instagramState(store);
  const fields = fieldsOf(req.query);
  const row: Record<string, unknown> = {
    quota_usage: quotaUsage(state, id, store.clock.now()),
  };
  if (fields?.has('config') === true) {
    row.config = { quota_total: state.quotaTotal, quota_duration: 86_400 };
  }
  return json(200, { data: [row] });
}

function insights(store: Store, req: FakeRequest, caller: Caller): Reply | null {
  const media = instagramState(store).media.get(req.params.id ?? '');
  if (media === undefined) return null;
  if (media.deleted) return noObject(media.id, req.method);
  const acting = actingFor(store, caller, media.igUserId, 'instagram_manage_insights');
  if (isReply(acting)) return acting;
  const wanted = (req.query.get('metric') ?? '').split(',').map((m) => m.trim());
  const unknown = wanted.find((m) => !(insightNames as readonly string[]).includes(m));
  if (unknown !== undefined) {
    return graphError(
      400,
      `(#100) metric[0] must be one of the following values: ${insightNames.join(', ')}`,
      {
        code: 100,
      },
    );
  }
  return json(200, {
    data: wanted.map((name) => ({
      name,
      period: 'lifetime',
      values: [
        {
          value:
            name === 'views'
              ? media.insights.reach
              : media.insights[name as keyof typeof media.insights],
        },
      ],
      title: name,
      description: `Lifetime ${name}`,
      id: `${media.id}/insights/${name}/lifetime`,
    })),
  });
}

export const instagramReadRoutes = (store: Store): Route[] => [
  {
    kind: 'graph',
    method: 'GET',
    pattern: '/:id',
    scopes: [],
    handle: (req, c) => node(store, req, c),
  },
  {
    kind: 'graph',
    method: 'GET',
    pattern: '/:id/media',
    scopes: [],
    handle: (req, c) => mediaList(store, req, c),
  },
  {
    kind: 'graph',
    method: 'GET',
    pattern: '/:id/content_publishing_limit',
    scopes: [],
    handle: (req, c) => publishingLimit(store, req, c),
  },
  {
    kind: 'graph',
    method: 'GET',
    pattern: '/:id/insights',
    scopes: [],
    handle: (req, c) => insights(store, req, c),
  },
];

/** Every Instagram route, before the Page routes: each answers null for ids not Instagram's. */
export const instagramRoutes = (store: Store): Route[] => [
  ...instagramMediaRoutes(store),
  ...instagramReadRoutes(store),
];
