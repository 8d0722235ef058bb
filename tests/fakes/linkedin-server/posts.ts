// The Posts API: POST /rest/posts answers 201 with the new URN in x-restli-id only;
// GET /rest/posts/{urn} and the author finder need the restricted read scopes (a member
// app with w_member_social cannot read its own posts back); DELETE is idempotent.
import type { FakeRequest } from '../http-kit/request.ts';
import { jsonBody } from '../http-kit/request.ts';
import { mayActAs, organizationUrnPattern, type Caller } from './auth.ts';
import { mediaStatus } from './media-state.ts';
import { readPost, type PostDraft } from './post-body.ts';
import { badRequest, empty, json, notFound, type Reply } from './replies.ts';
import type { Route } from './router.ts';
import { emptyStats, type PostRecord, type Store } from './store.ts';
import type { OrganizationRole } from './types.ts';

const readRoles: readonly OrganizationRole[] = [
  'ADMINISTRATOR',
  'DIRECT_SPONSORED_CONTENT_POSTER',
  'CONTENT_ADMINISTRATOR',
];

/** Whether the caller may read posts by `author`. */
function mayRead(store: Store, caller: Caller, author: string): boolean {
  if (author === caller.personUrn) return caller.scopes.has('r_member_social');
  const org = organizationUrnPattern.exec(author)?.[1];
  if (org === undefined || !caller.scopes.has('r_organization_social')) return false;
  return store.hasRole(caller.member.id, org, readRoles);
}

/** Media must exist, belong to the author, and have its bytes uploaded and not failed. */
function checkMedia(store: Store, draft: PostDraft): Reply | null {
  for (const urn of draft.mediaUrns) {
    const upload = store.uploads.get(urn);
    if (upload === undefined) return badRequest('MEDIA_ASSET_NOT_FOUND', `${urn} does not exist`);
    if (upload.owner !== draft.author) {
      return badRequest('INVALID_CONTENT_OWNERSHIP', `${urn} is not owned by ${draft.author}`);
    }
    const status = mediaStatus(store, upload);
    if (status === 'WAITING_UPLOAD') {
      return badRequest('MEDIA_ASSET_WAITING_UPLOAD', `${urn} is waiting for its upload`);
    }
    if (status === 'PROCESSING_FAILED') {
      return badRequest('MEDIA_ASSET_PROCESSING_FAILED', `${urn} failed processing`);
    }
  }
  return null;
}

function create(store: Store, req: FakeRequest, caller: Caller): Reply {
  const raw = jsonBody(req);
  if (raw === null) return badRequest('MALFORMED_JSON', 'The request body is not valid JSON');
  const draft = readPost(raw);
  if (!('author' in draft)) return draft;
  if (!mayActAs(store, caller, draft.author)) return caller.denied();
  const mediaProblem = checkMedia(store, draft);
  if (mediaProblem !== null) return mediaProblem;
  // Text, article and single-image posts come back as shares, the rest as ugcPosts.
  const type = ['text', 'article', 'image'].includes(draft.kind) ? 'share' : 'ugcPost';
  const urn = `urn:li:${type}:${store.nextActivityId()}`;
  const protocol = req.headers['x-restli-protocol-version'];
  const post: PostRecord = {
    ...draft,
    urn,
    createdBy: caller.member.id,
    linkedInVersion: caller.version,
    restliProtocolVersion: (Array.isArray(protocol) ? protocol[0] : protocol) ?? null,
    createdAt: store.clock.now(),
    lastModifiedAt: store.clock.now(),
    deleted: false,
    stats: emptyStats(),
  };
  store.posts.set(urn, post);
  return empty(201, { 'x-restli-id': urn, location: `/rest/posts/${encodeURIComponent(urn)}` });
}

export function postView(post: PostRecord) {
  return {
    id: post.urn,
    author: post.author,
    commentary: post.commentary,
    visibility: post.visibility,
    distribution: post.distribution,
    lifecycleState: post.lifecycleState,
    lifecycleStateInfo: { isEditedByAuthor: post.lastModifiedAt !== post.createdAt },
    isReshareDisabledByAuthor: post.isReshareDisabledByAuthor,
    ...(post.content === null ? {} : { content: post.content }),
    createdAt: post.createdAt,
    publishedAt: post.createdAt,
    lastModifiedAt: post.lastModifiedAt,
  };
}

function get(store: Store, req: FakeRequest, caller: Caller): Reply {
  const urn = req.params.urn ?? '';
  const post = store.posts.get(urn);
  if (post === undefined || post.deleted) return notFound(`Post ${urn} not found`);
  if (!mayRead(store, caller, post.author)) return caller.denied();
  return json(200, postView(post));
}

function byAuthor(store: Store, req: FakeRequest, caller: Caller): Reply {
  const author = req.query.get('author') ?? '';
  if (!mayRead(store, caller, author)) return caller.denied();
  const start = Number(req.query.get('start') ?? '0');
  const count = Math.min(Number(req.query.get('count') ?? '10'), 100);
  if (!Number.isInteger(start) || start < 0 || !Number.isInteger(count) || count < 0) {
    return badRequest('INVALID_PAGING', 'start and count must be non-negative integers');
  }
  // Newest first by the time sortBy names: LAST_MODIFIED (the default) or CREATED.
  const sortBy = req.query.get('sortBy') ?? 'LAST_MODIFIED';
  if (sortBy !== 'LAST_MODIFIED' && sortBy !== 'CREATED') {
    return badRequest('ILLEGAL_ARGUMENT', `Invalid value ${sortBy} for sortBy`);
  }
  const time = (p: PostRecord) => (sortBy === 'CREATED' ? p.createdAt : p.lastModifiedAt);
  const posts = [...store.posts.values()]
    .filter((p) => p.author === author && !p.deleted)
    .sort((a, b) => time(b) - time(a));
  return json(200, {
    paging: { start, count, total: posts.length, links: [] },
    elements: posts.slice(start, start + count).map(postView),
  });
}

function remove(store: Store, req: FakeRequest, caller: Caller): Reply {
  const urn = req.params.urn ?? '';
  const post = store.posts.get(urn);
  if (post === undefined) return notFound(`Post ${urn} not found`);
  if (!mayActAs(store, caller, post.author)) return caller.denied();
  post.deleted = true;
  return empty(204);
}

export function postRoutes(store: Store): Route[] {
  const resource = 'partnerApiPostsExternal';
  const read = ['r_member_social', 'r_organization_social'];
  const write = ['w_member_social', 'w_organization_social'];
  return [
    {
      kind: 'member',
      method: 'POST',
      pattern: '/rest/posts',
      endpoint: 'POST /rest/posts',
      resource: `${resource}.CREATE`,
      versioned: true,
      scopes: write,
      handle: (req, caller) => create(store, req, caller),
    },
    {
      kind: 'member',
      method: 'GET',
      pattern: '/rest/posts',
      query: { q: 'author' },
      endpoint: 'GET /rest/posts?q=author',
      resource: `${resource}.FINDER-author`,
      versioned: true,
      scopes: read,
      handle: (req, caller) => byAuthor(store, req, caller),
    },
    {
      kind: 'member',
      method: 'GET',
      pattern: '/rest/posts/:urn',
      endpoint: 'GET /rest/posts/:urn',
      resource: `${resource}.GET`,
      versioned: true,
      scopes: read,
      handle: (req, caller) => get(store, req, caller),
    },
    {
      kind: 'member',
      method: 'DELETE',
      pattern: '/rest/posts/:urn',
      endpoint: 'DELETE /rest/posts/:urn',
      resource: `${resource}.DELETE`,
      versioned: true,
      scopes: write,
      handle: (req, caller) => remove(store, req, caller),
    },
  ];
}
