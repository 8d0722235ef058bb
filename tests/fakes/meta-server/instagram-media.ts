// Instagram content publishing on the fake Graph API, from Meta's Instagram Platform docs
// (content-publishing, reference/ig-user/media, ig-container, ig-user/media_publish,
// ig-media, ig-media/comments): POST /{ig-user-id}/media makes a container and FETCHES the
// image_url or video_url it is given, as Instagram does (an image that cannot be fetched
// is refused at once, 9004/2207052; a video's container ends in ERROR); a carousel names
// up to 10 FINISHED item containers; GET /{container-id}?fields=status_code answers
// IN_PROGRESS for a few checks (videos), then FINISHED, and PUBLISHED once published or
// EXPIRED after 24 hours; POST /{ig-user-id}/media_publish publishes a FINISHED container
// within the account's quota (9/2207042 beyond it); comments on media; DELETE media.
// Only the token of the Page the account is linked to acts for it.
import type { FakeRequest } from '../http-kit/request.ts';
import {
  containerLifeMs,
  instagramState,
  quotaUsage,
  type ContainerRecord,
  type InstagramState,
} from './instagram-state.ts';
import {
  graphError,
  invalidParameter,
  json,
  missingPermission,
  noObject,
  type Reply,
} from './replies.ts';
import type { Caller, Route } from './router.ts';
import { newId, type InstagramRecord, type Store } from './store.ts';

const captionMax = 2200;
const publishing = 'instagram_content_publish';
const carouselMax = 10;

/** Form parameters of the request (query and body, as Graph reads both). */
function paramsOf(req: FakeRequest): URLSearchParams {
  const params = new URLSearchParams(req.query);
  for (const [k, v] of new URLSearchParams(req.body.toString('utf8'))) params.set(k, v);
  return params;
}

/**
 * The account, when the caller's token is its Page's and carries `scope`; else Graph's
 * refusal; null for an id that is not an Instagram account. The routes check their
 * permission here, once the id is known to be Instagram's, and not in the route table,
 * so a Facebook call on the same path is never refused for lacking an Instagram one.
 */
export function actingFor(
  store: Store,
  caller: Caller,
  igUserId: string,
  scope = 'instagram_basic',
): InstagramRecord | Reply | null {
  const account = store.instagram.get(igUserId);
  if (account === undefined) return null;
  if (!caller.scopes.has(scope)) return missingPermission(scope);
  if (caller.record.kind !== 'page' || caller.record.pageId !== account.pageId) {
    return graphError(403, '(#10) Application does not have permission for this action', {
      code: 10,
    });
  }
  return account;
}

const isReply = (value: unknown): value is Reply =>
  typeof value === 'object' && value !== null && 'status' in value && 'body' in value;

/** Fetches a media URL as Instagram's crawler would, and writes it in the ledger. */
async function fetchMedia(state: InstagramState, url: string, now: number) {
  let status = 0;
  let bytes = 0;
  let contentType: string | null = null;
  let head = new Uint8Array();
  try {
    const answer = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    status = answer.status;
    contentType = answer.headers.get('content-type');
    const body = new Uint8Array(await answer.arrayBuffer());
    bytes = body.byteLength;
    head = body.slice(0, 3);
  } catch {
    // Not reached: the ledger keeps status 0.
  }
  state.fetches.push({ url, status, bytes, contentType, at: now });
  const ok = status >= 200 && status < 300 && bytes > 0;
  const jpeg = head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff;
  return { ok, jpeg };
}

const fetchFailed = () =>
  graphError(400, 'Media download has failed. The media URI doesn\u2019t meet our requirements.', {
    code: 9004,
    subcode: 2207052,
    type: 'OAuthException',
    userTitle: 'Media download has failed.',
    userMessage: 'The media could not be fetched from this URI.',
  });

function newContainer(
  state: InstagramState,
  now: number,
  fields: Omit<
    ContainerRecord,
    'id' | 'createdAt' | 'mediaId' | 'statusText' | 'status' | 'checksLeft'
  > & {
    checks: number;
  },
): ContainerRecord {
  const { checks, ...rest } = fields;
  const failure = state.failNext.shift();
  const container: ContainerRecord = {
    ...rest,
    id: newId('179'),
    createdAt: now,
    mediaId: null,
    status: failure === undefined ? (checks > 0 ? 'IN_PROGRESS' : 'FINISHED') : 'ERROR',
    statusText: failure ?? '',
    checksLeft: checks,
  };
  state.containers.set(container.id, container);
  return container;
}

async function createContainer(
  store: Store,
  req: FakeRequest,
  caller: Caller,
): Promise<Reply | null> {
  const acting = actingFor(store, caller, req.params.id ?? '', publishing);
  if (acting === null || isReply(acting)) return acting;
  const state = instagramState(store);
  const now = store.clock.now();
  const params = paramsOf(req);
  const caption = params.get('caption') ?? '';
  if (Array.from(caption).length > captionMax) {
    return invalidParameter(`The caption is longer than ${String(captionMax)} characters.`);
  }
  const isCarouselItem = params.get('is_carousel_item') === 'true';
  const mediaType = params.get('media_type') ?? 'IMAGE';
  const base = { igUserId: acting.id, caption, isCarouselItem, altText: params.get('alt_text') };

  if (mediaType === 'CAROUSEL') {
    const children = (params.get('children') ?? '').split(',').filter((c) => c !== '');
    if (children.length < 2 || children.length > carouselMax) {
      return invalidParameter(
        `A carousel takes 2 to ${String(carouselMax)} children; ${String(children.length)} were given.`,
      );
    }
    for (const child of children) {
      const item = state.containers.get(child);
      if (item === undefined || item.igUserId !== acting.id || !item.isCarouselItem) {
        return invalidParameter(`Param children contains an invalid container id: ${child}`);
      }
      if (item.status !== 'FINISHED') {
        return graphError(400, 'Media ID is not available', {
          code: 9007,
          subcode: 2207027,
          userMessage: 'The media is not ready for publishing, please wait for a moment',
        });
      }
    }
    const container = newContainer(state, now, {
      ...base,
      mediaType: 'CAROUSEL',
      url: null,
      children,
      checks: 0,
    });
    return json(200, { id: container.id });
  }

  const video = mediaType === 'REELS' || mediaType === 'VIDEO';
  if (!video && mediaType !== 'IMAGE') {
    return invalidParameter(`The parameter media_type is not valid: ${mediaType}`);
  }
  if (mediaType === 'VIDEO' && !isCarouselItem) {
    return invalidParameter('The VIDEO media type is deprecated: use REELS.');
  }
  const url = params.get(video ? 'video_url' : 'image_url');
  if (url === null || url === '') {
    return invalidParameter(`The parameter ${video ? 'video_url' : 'image_url'} is required.`);
  }
  const fetched = await fetchMedia(state, url, now);
  // An image is fetched before the answer; a video is fetched while it processes.
  if (!video && !fetched.ok) return fetchFailed();
  const container = newContainer(state, now, {
    ...base,
    mediaType: video ? (isCarouselItem ? 'VIDEO' : 'REELS') : 'IMAGE',
    url,
    children: [],
    checks: video ? state.videoChecks : state.imageChecks,
  });
  if (container.status !== 'ERROR') {
    if (video && !fetched.ok) {
      container.status = 'ERROR';
      container.statusText = 'Error: Media download has failed. 2207052';
    } else if (!video && !fetched.jpeg) {
      container.status = 'ERROR';
      container.statusText = 'Error: Unsupported image format: only JPEG is supported. 2207009';
    }
  }
  return json(200, { id: container.id });
}

/** A container's status as the next check sees it (processing and expiry move on). */
export function checkStatus(container: ContainerRecord, now: number): ContainerRecord['status'] {
  if (container.status === 'IN_PROGRESS') {
    container.checksLeft -= 1;
    if (container.checksLeft <= 0) container.status = 'FINISHED';
  }
  if (
    (container.status === 'FINISHED' || container.status === 'IN_PROGRESS') &&
    container.createdAt + containerLifeMs <= now
  ) {
    container.status = 'EXPIRED';
  }
  return container.status;
}

function publish(store: Store, req: FakeRequest, caller: Caller): Reply | null {
  const acting = actingFor(store, caller, req.params.id ?? '', publishing);
  if (acting === null || isReply(acting)) return acting;
  const state = instagramState(store);
  const now = store.clock.now();
  const creationId = paramsOf(req).get('creation_id') ?? '';
  const container = state.containers.get(creationId);
  if (container === undefined || container.igUserId !== acting.id || container.isCarouselItem) {
    return invalidParameter(`Param creation_id is not a valid container id: ${creationId}`);
  }
  if (container.createdAt + containerLifeMs <= now && container.status !== 'PUBLISHED') {
    container.status = 'EXPIRED';
  }
  if (container.status === 'PUBLISHED') {
    return graphError(400, 'The media has already been published', { code: 9, subcode: 2207006 });
  }
  if (container.status !== 'FINISHED') {
    return graphError(400, 'Media ID is not available', {
      code: 9007,
      subcode: 2207027,
      userMessage: 'The media is not ready for publishing, please wait for a moment',
    });
  }
  if (quotaUsage(state, acting.id, now) >= state.quotaTotal) {
    return graphError(400, 'Application request limit reached', {
      code: 9,
      subcode: 2207042,
      userTitle: 'Content publishing limit reached',
      userMessage:
        'You reached maximum number of posts that is allowed to be published by Content Publishing API.',
    });
  }
  const id = newId('180');
  state.media.set(id, {
    id,
    igUserId: acting.id,
    containerId: container.id,
    mediaType:
      container.mediaType === 'CAROUSEL'
        ? 'CAROUSEL_ALBUM'
        : container.mediaType === 'IMAGE'
          ? 'IMAGE'
          : 'VIDEO',
    caption: container.caption,
    children: [...container.children],
    shortcode: `C${id.slice(-10)}`,
    createdAt: now,
    deleted: false,
    insights: { reach: 0, likes: 0, comments: 0, saved: 0, shares: 0 },
  });
  container.status = 'PUBLISHED';
  container.mediaId = id;
  return json(200, { id });
}

/** The live media `id` when the caller's Page owns its account. */
function ownMedia(store: Store, req: FakeRequest, caller: Caller, scope: string) {
  const media = instagramState(store).media.get(req.params.id ?? '');
  if (media === undefined) return null;
  if (media.deleted) return noObject(media.id, req.method);
  const acting = actingFor(store, caller, media.igUserId, scope);
  if (acting === null || isReply(acting)) return acting ?? noObject(media.id, req.method);
  return media;
}

function comment(store: Store, req: FakeRequest, caller: Caller): Reply | null {
  const media = ownMedia(store, req, caller, 'instagram_manage_comments');
  if (media === null || isReply(media)) return media;
  const text = paramsOf(req).get('message') ?? '';
  if (text.trim() === '') return invalidParameter('The parameter message is required.');
  const id = newId('181');
  const state = instagramState(store);
  state.comments.push({ id, mediaId: media.id, text, createdAt: store.clock.now() });
  media.insights.comments += 1;
  return json(200, { id });
}

function remove(store: Store, req: FakeRequest, caller: Caller): Reply | null {
  const media = ownMedia(store, req, caller, publishing);
  if (media === null || isReply(media)) return media;
  media.deleted = true;
  return json(200, { success: true });
}

export const instagramMediaRoutes = (store: Store): Route[] => [
  {
    kind: 'graph',
    method: 'POST',
    pattern: '/:id/media',
    scopes: [],
    handle: (req, c) => createContainer(store, req, c),
  },
  {
    kind: 'graph',
    method: 'POST',
    pattern: '/:id/media_publish',
    scopes: [],
    handle: (req, c) => publish(store, req, c),
  },
  {
    kind: 'graph',
    method: 'POST',
    pattern: '/:id/comments',
    scopes: [],
    handle: (req, c) => comment(store, req, c),
  },
  {
    kind: 'graph',
    method: 'DELETE',
    pattern: '/:id',
    scopes: [],
    handle: (req, c) => remove(store, req, c),
  },
];
