// The fake Threads' answers, by host and path, in the documented wire shapes:
// threads.net/oauth/authorize (consent page and its form), graph.threads.net/oauth/
// access_token, /access_token (th_exchange_token), /refresh_access_token
// (th_refresh_token), and under /v1.0: /me, /{user}/threads (containers, which fetch the
// image_url at once, a video_url at the end of processing, which checks the video against
// Threads' specification), /{container}?fields=status,error_message,
// /{user}/threads_publish, /me/threads, /me/replies, /{media} (read, DELETE),
// /{media}/insights, /{user}/threads_insights and /{user}/threads_publishing_limit.
// Errors are Graph's {error: {message, type, code, error_subcode, fbtrace_id}}.
import type { FakeServerDeps, MadeUpFault } from '../http-kit/answer.ts';
import type { KitReply } from '../http-kit/listen.ts';
import { flatParams, type FakeRequest } from '../http-kit/request.ts';
import { list, postJson, threadsLength } from './posts-view.ts';
import { answerConsent, authorizePage, exchange, redeem, refresh } from './oauth-routes.ts';
import { videoError } from './video-check.ts';
import {
  newId,
  randomToken,
  type ContainerRecord,
  type MediaType,
  type PostRecord,
  type Store,
  type TokenRecord,
  videoProcessingMs,
} from './store.ts';

export interface RouteDeps extends FakeServerDeps {
  store: Store;
  /** Every GET of a media URL a container was given: what came back. */
  fetches: { url: string; status: number }[];
}

export const json = (
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): KitReply => ({
  status,
  headers: { 'content-type': 'application/json; charset=UTF-8', ...headers },
  body: JSON.stringify(value),
});

export const graphError = (
  status: number,
  code: number,
  message: string,
  extra: { subcode?: number | undefined; type?: string; headers?: Record<string, string> } = {},
): KitReply =>
  json(
    status,
    {
      error: {
        message,
        type: extra.type ?? 'OAuthException',
        code,
        ...(extra.subcode === undefined ? {} : { error_subcode: extra.subcode }),
        fbtrace_id: randomToken(9),
      },
    },
    extra.headers,
  );

/** The faults that stand for Threads' own answers. */
export function madeUp(_deps: RouteDeps, fault: MadeUpFault): KitReply {
  switch (fault.kind) {
    case 'status':
      return graphError(fault.status, 1, 'An unknown error has occurred.');
    case 'rate-limit':
      return graphError(400, 4, 'Application request limit reached', {
        headers: { 'x-app-usage': '{"call_count":100,"total_cputime":12,"total_time":20}' },
      });
    case 'revoked':
      return graphError(
        400,
        190,
        'Error validating access token: The user has not authorized application.',
        { subcode: 458 },
      );
    case 'expired':
      return graphError(400, 190, 'Error validating access token: Session has expired.', {
        subcode: 463,
      });
  }
}

function params(req: FakeRequest): Record<string, string> {
  const body = req.method === 'GET' || req.method === 'DELETE' ? {} : (flatParams(req) ?? {});
  return { ...Object.fromEntries(req.query), ...body };
}

export function authorized(store: Store, p: Record<string, string>): TokenRecord | KitReply {
  const token = p.access_token;
  if (token === undefined || token === '') {
    return graphError(
      400,
      190,
      'An active access token must be used to query information about the current user.',
    );
  }
  const record = store.tokens.get(token);
  if (record === undefined || record.revoked) {
    return graphError(400, 190, 'Invalid OAuth access token - Cannot parse access token', {
      subcode: record === undefined ? undefined : 458,
    });
  }
  if (record.expiresAt <= store.clock.now()) {
    return graphError(400, 190, 'Error validating access token: Session has expired.', {
      subcode: 463,
    });
  }
  return record;
}

/** Fetches the container's media URL as Threads does, and judges what came back. */
async function fetchMedia(deps: RouteDeps, c: ContainerRecord): Promise<void> {
  const url = c.mediaUrl ?? '';
  let status = 0;
  let body = new ArrayBuffer(0);
  try {
    const answer = await fetch(url);
    status = answer.status;
    body = await answer.arrayBuffer();
  } catch {
    // Not reached: status stays 0.
  }
  deps.fetches.push({ url, status });
  c.fetched = { status, bytes: body.byteLength };
  if (status !== 200 || body.byteLength === 0) {
    c.failed = c.mediaType === 'VIDEO' ? 'FAILED_DOWNLOADING_VIDEO' : 'UNKNOWN';
  } else if (c.mediaType === 'VIDEO') {
    c.failed = videoError(body);
  }
}

/**
 * A video container whose processing time is over fetches its video now, before anyone
 * learns its status: a relay object deleted before Threads said FINISHED is a failed fetch.
 */
async function settle(deps: RouteDeps, c: ContainerRecord): Promise<void> {
  const processed = deps.store.clock.now() - c.createdAt >= videoProcessingMs;
  if (c.mediaType === 'VIDEO' && c.fetched === null && processed) await fetchMedia(deps, c);
}

async function createContainer(
  deps: RouteDeps,
  user: string,
  p: Record<string, string>,
): Promise<KitReply> {
  const { store } = deps;
  const mediaType = (p.media_type ?? '') as MediaType;
  if (!['TEXT', 'IMAGE', 'VIDEO', 'CAROUSEL'].includes(mediaType)) {
    return graphError(400, 100, 'Param media_type must be one of {TEXT, IMAGE, VIDEO, CAROUSEL}');
  }
  const text = p.text ?? '';
  if (threadsLength(text) > 500) {
    return graphError(400, 100, 'Param text must be at most 500 characters long.');
  }
  if (mediaType === 'TEXT' && text === '')
    return graphError(400, 100, 'Param text is required for TEXT posts.');
  const replyTo = p.reply_to_id ?? null;
  if (replyTo !== null && !store.posts.has(replyTo)) {
    return graphError(400, 100, `Object with ID '${replyTo}' does not exist`);
  }
  const children = (p.children ?? '').split(',').filter((id) => id !== '');
  if (mediaType === 'CAROUSEL') {
    if (children.length < 2 || children.length > 20) {
      return graphError(400, 100, 'A carousel needs 2 to 20 children.');
    }
    for (const id of children) {
      const child = store.containers.get(id);
      if (child !== undefined) await settle(deps, child);
      if (
        child?.carouselItem !== true ||
        child.userId !== user ||
        store.containerStatus(child) !== 'FINISHED'
      ) {
        return graphError(400, 100, `Invalid carousel child ${id}.`);
      }
    }
  }
  const mediaUrl =
    mediaType === 'IMAGE' ? p.image_url : mediaType === 'VIDEO' ? p.video_url : undefined;
  if (
    (mediaType === 'IMAGE' || mediaType === 'VIDEO') &&
    (mediaUrl === undefined || mediaUrl === '')
  ) {
    return graphError(
      400,
      100,
      `Param ${mediaType === 'IMAGE' ? 'image_url' : 'video_url'} is required.`,
    );
  }
  const container: ContainerRecord = {
    id: newId(),
    userId: user,
    mediaType,
    text,
    carouselItem: p.is_carousel_item === 'true',
    children,
    replyToId: replyTo,
    linkAttachment: mediaType === 'TEXT' ? (p.link_attachment ?? null) : null,
    mediaUrl: mediaUrl ?? null,
    altText: p.alt_text ?? null,
    fetched: null,
    createdAt: store.clock.now(),
    failed: null,
    publishedAs: null,
    answered: [],
  };
  store.containers.set(container.id, container);
  // Threads fetches an image from the URL it was given at once, a video while processing it.
  if (mediaType === 'IMAGE') await fetchMedia(deps, container);
  return json(200, { id: container.id });
}

async function publish(
  deps: RouteDeps,
  user: string,
  p: Record<string, string>,
): Promise<KitReply> {
  const { store } = deps;
  const c = store.containers.get(p.creation_id ?? '');
  if (c?.userId !== user)
    return graphError(400, 100, `Object with ID '${p.creation_id ?? ''}' does not exist`);
  await settle(deps, c);
  const status = store.containerStatus(c);
  if (status === 'PUBLISHED') return graphError(400, 10, 'The media has already been published.');
  if (status !== 'FINISHED')
    return graphError(400, 9007, `The media is not ready to be published (${status}).`);
  if (c.carouselItem)
    return graphError(400, 100, 'A carousel item is published through its carousel.');
  const reply = c.replyToId !== null;
  if (store.usage(user, reply) >= (reply ? store.quota.replies : store.quota.posts)) {
    return graphError(
      400,
      9,
      `You reached the limit of ${reply ? 'replies' : 'posts'} for 24 hours.`,
    );
  }
  const items = c.mediaType === 'CAROUSEL' ? c.children.map((id) => store.containers.get(id)) : [c];
  const post: PostRecord = {
    id: newId(),
    userId: user,
    containerId: c.id,
    mediaType: c.mediaType,
    text: c.text,
    replyToId: c.replyToId,
    linkAttachment: c.linkAttachment,
    mediaUrls: items.flatMap((i) => (i?.mediaUrl == null ? [] : [i.mediaUrl])),
    altTexts: items.flatMap((i) => (i?.altText == null ? [] : [i.altText])),
    shortcode: randomToken(8),
    createdAt: store.clock.now(),
    deleted: false,
    insights: { views: 0, likes: 0, replies: 0, reposts: 0, quotes: 0 },
  };
  store.posts.set(post.id, post);
  c.publishedAs = post.id;
  return json(200, { id: post.id });
}

const graphPath = /^\/v1\.0\/([^/]+)(?:\/([a-z_]+))?$/;

async function graphCall(
  deps: RouteDeps,
  req: FakeRequest,
  p: Record<string, string>,
): Promise<KitReply> {
  const { store } = deps;
  const match = graphPath.exec(req.path);
  if (match === null) return graphError(400, 2500, 'Unknown path components');
  const auth = authorized(store, p);
  if ('status' in auth) return auth;
  const node = match[1] === 'me' ? auth.userId : (match[1] ?? '');
  const edge = match[2];
  const own = node === auth.userId;
  const fields = (p.fields ?? 'id').split(',');
  if (edge === undefined) {
    if (own && req.method === 'GET') {
      const u = store.user(auth.userId);
      const all: Record<string, unknown> = {
        id: u.id,
        username: u.username,
        name: u.name,
        threads_profile_picture_url: null,
      };
      return json(
        200,
        Object.fromEntries(Object.entries(all).filter(([k]) => k === 'id' || fields.includes(k))),
      );
    }
    const container = store.containers.get(node);
    if (container?.userId === auth.userId && req.method === 'GET') {
      await settle(deps, container);
      const status = store.containerStatus(container);
      container.answered.push(status);
      return json(200, {
        id: container.id,
        status,
        ...(status === 'ERROR' ? { error_message: container.failed } : {}),
      });
    }
    const post = store.posts.get(node);
    if (post?.userId !== auth.userId || post.deleted) {
      return graphError(
        400,
        100,
        `Object with ID '${node}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`,
        { subcode: 33, type: 'GraphMethodException' },
      );
    }
    if (req.method === 'DELETE') {
      post.deleted = true;
      return json(200, { success: true, deleted_id: post.id });
    }
    return json(200, postJson(post, fields));
  }
  if (edge === 'insights') {
    const post = store.posts.get(node);
    if (post?.userId !== auth.userId || post.deleted) {
      return graphError(400, 100, `Object with ID '${node}' does not exist`, {
        subcode: 33,
        type: 'GraphMethodException',
      });
    }
    const metrics = (p.metric ?? '')
      .split(',')
      .filter((m) => m in post.insights) as (keyof PostRecord['insights'])[];
    return json(200, {
      data: metrics.map((name) => ({
        name,
        period: 'lifetime',
        values: [{ value: post.insights[name] }],
        title: name,
        description: '',
        id: `${post.id}/insights/${name}/lifetime`,
      })),
    });
  }
  if (!own) return graphError(400, 100, 'Unsupported request: this user is not the token’s.');
  switch (edge) {
    case 'threads':
      return req.method === 'POST' ? createContainer(deps, node, p) : list(store, node, p, false);
    case 'replies':
      return list(store, node, p, true);
    case 'threads_publish':
      return publish(deps, node, p);
    case 'threads_insights': {
      const user = store.user(node);
      return json(200, {
        data: (p.metric ?? '')
          .split(',')
          .filter((m) => m === 'followers_count')
          .map((name) => ({
            name,
            period: 'day',
            title: 'followers_count',
            description: '',
            total_value: { value: user.followers },
            id: `${node}/insights/${name}/day`,
          })),
      });
    }
    case 'threads_publishing_limit':
      return json(200, {
        data: [
          {
            quota_usage: store.usage(node, false),
            config: { quota_total: store.quota.posts, quota_duration: 86400 },
            reply_quota_usage: store.usage(node, true),
            reply_config: { quota_total: store.quota.replies, quota_duration: 86400 },
          },
        ],
      });
    default:
      return graphError(400, 2500, `Unknown edge ${edge}`);
  }
}

export async function dispatch(deps: RouteDeps, req: FakeRequest): Promise<KitReply> {
  const { store } = deps;
  const p = params(req);
  // The browser reaches the consent page at threads.net (or, in tests, the fake's origin).
  if (req.path === '/oauth/authorize' && req.host !== 'graph.threads.net') {
    return req.method === 'POST' ? answerConsent(store, req) : authorizePage(store, req);
  }
  if (req.host !== 'graph.threads.net') return graphError(400, 2500, `Unknown host ${req.host}`);
  if (req.path === '/oauth/access_token' && req.method === 'POST') return redeem(store, p);
  if (req.path === '/access_token' && req.method === 'GET') return exchange(store, p);
  if (req.path === '/refresh_access_token' && req.method === 'GET') return refresh(store, p);
  return graphCall(deps, req, p);
}
