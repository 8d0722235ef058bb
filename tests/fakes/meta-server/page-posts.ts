// Publishing on a Page (developers.facebook.com/docs/pages-api/posts): POST /{page-id}/feed
// with message, link (Meta builds the preview) and attached_media ([{media_fbid}] of
// unpublished photos: several photos as one post); POST /{page-id}/photos with the bytes
// as multipart `source` (published=false keeps it for attached_media; otherwise it is a
// post of its own and the answer names it as post_id); POST /{page-id}/videos on
// graph-video.facebook.com with `source` and `description`; comments on any of them; and
// DELETE. Only the Page's own token posts for it (a user token: #200).
import { boundaryOf, parseMultipart } from '../http-kit/multipart.ts';
import type { FakeRequest } from '../http-kit/request.ts';
import { graphError, invalidParameter, json, noObject, type Reply } from './replies.ts';
import { graphHost, graphVideoHost, type Caller, type Route } from './router.ts';
import { newId, type PostRecord, type Store } from './store.ts';

/** Text parameters of a form or multipart body, and a multipart body's `source` file. */
export function paramsOf(
  req: FakeRequest,
): { params: URLSearchParams; source: { bytes: number; type: string | null } | null } | null {
  const boundary = boundaryOf(req.headers['content-type']);
  if (boundary === null) {
    const params = new URLSearchParams(req.query);
    for (const [k, v] of new URLSearchParams(req.body.toString('utf8'))) params.set(k, v);
    return { params, source: null };
  }
  const parts = parseMultipart(req.body, boundary);
  if (parts === null) return null;
  const params = new URLSearchParams(req.query);
  let source: { bytes: number; type: string | null } | null = null;
  for (const part of parts) {
    if (part.filename !== null) source = { bytes: part.data.length, type: part.contentType };
    else params.set(part.name, part.data.toString('utf8'));
  }
  return { params, source };
}

const asPage = (caller: Caller, pageId: string): Reply | null =>
  caller.record.kind === 'page' && caller.record.pageId === pageId
    ? null
    : graphError(
        403,
        '(#200) If posting to a page, requires both pages_read_engagement and pages_manage_posts as an admin with sufficient administrative permission',
        { code: 200 },
      );

const noFigures = () => ({ impressions: 0, reach: 0, clicks: 0, reactions: 0, shares: 0 });

export function newPost(
  store: Store,
  pageId: string,
  fields: Omit<PostRecord, 'id' | 'pageId' | 'createdAt' | 'deleted' | 'figures'>,
): PostRecord {
  const post: PostRecord = {
    id: `${pageId}_${newId('12')}`,
    pageId,
    createdAt: store.clock.now(),
    deleted: false,
    figures: noFigures(),
    ...fields,
  };
  store.posts.set(post.id, post);
  return post;
}

const mediaFbid = (value: unknown): string => {
  const id = (value as { media_fbid?: unknown } | null)?.media_fbid;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : '';
};

function feed(store: Store, req: FakeRequest, caller: Caller): Reply | null {
  const pageId = req.params.id ?? '';
  if (!store.pages.has(pageId)) return null;
  const refused = asPage(caller, pageId);
  if (refused !== null) return refused;
  const read = paramsOf(req);
  if (read === null) return invalidParameter('Could not read the request body');
  const { params } = read;
  const message = params.get('message') ?? '';
  const link = params.get('link');
  let attached: string[] = [];
  const rawAttached = params.get('attached_media');
  if (rawAttached !== null) {
    try {
      const list = JSON.parse(rawAttached) as unknown;
      if (!Array.isArray(list)) throw new Error('not a list');
      attached = list.map(mediaFbid);
    } catch {
      return invalidParameter('Param attached_media must be an array');
    }
  }
  for (const [k, v] of params) {
    const index = /^attached_media\[(\d+)\]$/.exec(k)?.[1];
    if (index !== undefined) attached[Number(index)] = mediaFbid(JSON.parse(v));
  }
  if (message === '' && link === null && attached.length === 0) {
    return invalidParameter('Missing message or attachment');
  }
  for (const id of attached) {
    const photo = store.photos.get(id);
    if (photo?.pageId !== pageId || photo.published || photo.postId !== null) {
      return graphError(400, `(#100) param attached_media[0] has an invalid media_fbid: ${id}`, {
        code: 100,
      });
    }
  }
  if (link !== null && !/^https?:\/\//.test(link))
    return invalidParameter('The parameter link must be a URL');
  const post = newPost(store, pageId, {
    kind:
      attached.length > 1
        ? 'album'
        : attached.length === 1
          ? 'photo'
          : link === null
            ? 'status'
            : 'link',
    message,
    link,
    photoIds: attached,
    videoId: null,
  });
  for (const id of attached) {
    const photo = store.photos.get(id);
    if (photo !== undefined) photo.postId = post.id;
  }
  return json(200, { id: post.id });
}

function photos(store: Store, req: FakeRequest, caller: Caller): Reply | null {
  const pageId = req.params.id ?? '';
  if (!store.pages.has(pageId)) return null;
  const refused = asPage(caller, pageId);
  if (refused !== null) return refused;
  const read = paramsOf(req);
  if (read === null) return invalidParameter('Could not read the request body');
  const { params, source } = read;
  if (source === null && params.get('url') === null) {
    return graphError(400, '(#324) Requires upload file', { code: 324 });
  }
  if (source !== null && !/^image\//.test(source.type ?? '')) {
    return graphError(400, '(#324) Missing or invalid image file', { code: 324 });
  }
  const published = params.get('published') !== 'false';
  const id = newId('13');
  store.photos.set(id, {
    id,
    pageId,
    bytes: source?.bytes ?? 0,
    contentType: source?.type ?? null,
    published,
    postId: null,
    createdAt: store.clock.now(),
  });
  if (!published) return json(200, { id });
  const post = newPost(store, pageId, {
    kind: 'photo',
    message: params.get('caption') ?? params.get('message') ?? '',
    link: null,
    photoIds: [id],
    videoId: null,
  });
  const photo = store.photos.get(id);
  if (photo !== undefined) photo.postId = post.id;
  return json(200, { id, post_id: post.id });
}

function videos(store: Store, req: FakeRequest, caller: Caller): Reply | null {
  const pageId = req.params.id ?? '';
  if (!store.pages.has(pageId)) return null;
  const refused = asPage(caller, pageId);
  if (refused !== null) return refused;
  const read = paramsOf(req);
  if (read === null) return invalidParameter('Could not read the request body');
  const { params, source } = read;
  if (source === null || !/^video\//.test(source.type ?? '')) {
    return graphError(
      400,
      "(#352) The video file you selected is in a format that we don't support.",
      { code: 352 },
    );
  }
  const id = newId('14');
  const description = params.get('description') ?? '';
  const post = newPost(store, pageId, {
    kind: 'video',
    message: description,
    link: null,
    photoIds: [],
    videoId: id,
  });
  store.videos.set(id, {
    id,
    pageId,
    bytes: source.bytes,
    description,
    postId: post.id,
    createdAt: store.clock.now(),
  });
  return json(200, { id });
}

/** The Page a post, photo, video or comment belongs to, or null for an id the fake lacks. */
export function ownerOf(store: Store, id: string): { pageId: string; kind: string } | null {
  const post = store.posts.get(id);
  if (post !== undefined && !post.deleted) return { pageId: post.pageId, kind: 'post' };
  const photo = store.photos.get(id);
  if (photo !== undefined) return { pageId: photo.pageId, kind: 'photo' };
  const video = store.videos.get(id);
  if (video !== undefined && store.posts.get(video.postId)?.deleted !== true)
    return { pageId: video.pageId, kind: 'video' };
  const comment = store.comments.get(id);
  if (comment !== undefined && !comment.deleted) {
    const parent = ownerOf(store, comment.objectId);
    return parent === null ? null : { pageId: parent.pageId, kind: 'comment' };
  }
  return null;
}

function comment(store: Store, req: FakeRequest, caller: Caller): Reply | null {
  const objectId = req.params.id ?? '';
  const owner = ownerOf(store, objectId);
  if (owner === null || owner.kind === 'comment') return null;
  const read = paramsOf(req);
  const message = read?.params.get('message') ?? '';
  if (message === '') return invalidParameter('Missing message or attachment');
  const fromId = caller.record.kind === 'page' ? (caller.record.pageId ?? '') : caller.user.id;
  return json(200, { id: addComment(store, objectId, fromId, message) });
}

/** A comment on a post, photo or video, now; its id. */
export function addComment(store: Store, objectId: string, fromId: string, message: string) {
  const id = `${objectId.split('_').pop() ?? objectId}_${newId('15')}`;
  store.comments.set(id, {
    id,
    objectId,
    fromId,
    message,
    createdAt: store.clock.now(),
    deleted: false,
  });
  return id;
}

function remove(store: Store, req: FakeRequest, caller: Caller): Reply | null {
  const id = req.params.id ?? '';
  const owner = ownerOf(store, id);
  if (owner === null) return store.pages.has(id) ? null : noObject(id, 'DELETE');
  const refused = asPage(caller, owner.pageId);
  if (refused !== null) return refused;
  const post = store.posts.get(id) ?? [...store.posts.values()].find((p) => p.videoId === id);
  if (post !== undefined) post.deleted = true;
  const found = store.comments.get(id);
  if (found !== undefined) found.deleted = true;
  if (owner.kind === 'photo') store.photos.delete(id);
  return json(200, { success: true });
}

const posting = ['pages_manage_posts'];

export const pagePostRoutes = (store: Store): Route[] => [
  {
    kind: 'graph',
    method: 'POST',
    pattern: '/:id/feed',
    scopes: posting,
    handle: (req, c) => feed(store, req, c),
  },
  {
    kind: 'graph',
    method: 'POST',
    pattern: '/:id/photos',
    scopes: posting,
    handle: (req, c) => photos(store, req, c),
  },
  {
    kind: 'graph',
    method: 'POST',
    pattern: '/:id/videos',
    hosts: [graphVideoHost, graphHost],
    scopes: posting,
    handle: (req, c) => videos(store, req, c),
  },
  {
    kind: 'graph',
    method: 'POST',
    pattern: '/:id/comments',
    scopes: ['pages_manage_engagement'],
    handle: (req, c) => comment(store, req, c),
  },
  {
    kind: 'graph',
    method: 'DELETE',
    pattern: '/:id',
    scopes: posting,
    handle: (req, c) => remove(store, req, c),
  },
];
