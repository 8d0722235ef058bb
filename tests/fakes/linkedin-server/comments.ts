// Comments through the Social Actions API: POST /rest/socialActions/{post urn}/comments
// as the member or a page they post for (how a thread continues below a LinkedIn post),
// and GET of the same path to list them, which needs the restricted read scopes.
import type { FakeRequest } from '../http-kit/request.ts';
import { jsonBody } from '../http-kit/request.ts';
import { mayActAs, type Caller } from './auth.ts';
import { badRequest, json, notFound, unprocessable, type Reply } from './replies.ts';
import type { Route } from './router.ts';
import type { CommentRecord, Store } from './store.ts';

const required = 'field is required but not found and has no default value';

export const commentUrn = (c: CommentRecord): string => `urn:li:comment:(${c.postUrn},${c.id})`;

function commentView(c: CommentRecord, agent: string) {
  const stamp = { actor: c.actor, time: c.createdAt };
  return {
    actor: c.actor,
    agent,
    commentUrn: commentUrn(c),
    id: c.id,
    created: stamp,
    lastModified: stamp,
    message: { text: c.text, attributes: [] },
    object: c.postUrn,
  };
}

function livePost(store: Store, urn: string): boolean {
  const post = store.posts.get(urn);
  return post !== undefined && !post.deleted;
}

function create(store: Store, req: FakeRequest, caller: Caller): Reply {
  const postUrn = req.params.urn ?? '';
  const body = jsonBody(req);
  if (body === null) return badRequest('MALFORMED_JSON', 'The request body is not valid JSON');
  const { actor, object = postUrn, message } = body;
  if (typeof actor !== 'string') return unprocessable('/actor', required);
  const text: unknown =
    typeof message === 'object' && message !== null
      ? (message as Record<string, unknown>).text
      : undefined;
  if (typeof text !== 'string') return unprocessable('/message/text', required);
  if (text.trim() === '') return badRequest('INVALID_VALUE_BLANK_FIELD', 'message.text is blank');
  if (object !== postUrn) {
    return badRequest('INVALID_OBJECT', `object ${String(object)} does not match ${postUrn}`);
  }
  if (!livePost(store, postUrn)) return notFound(`Post ${postUrn} not found`);
  if (!mayActAs(store, caller, actor)) return caller.denied();
  const comment: CommentRecord = {
    id: store.nextActivityId(),
    postUrn,
    actor,
    text,
    createdBy: caller.member.id,
    createdAt: store.clock.now(),
  };
  store.comments.push(comment);
  return json(201, commentView(comment, caller.personUrn), { 'x-restli-id': comment.id });
}

function list(store: Store, req: FakeRequest): Reply {
  const postUrn = req.params.urn ?? '';
  if (!livePost(store, postUrn)) return notFound(`Post ${postUrn} not found`);
  const start = Math.max(0, Number(req.query.get('start') ?? '0') || 0);
  const count = Math.min(100, Math.max(0, Number(req.query.get('count') ?? '10') || 0));
  const all = store.comments.filter((c) => c.postUrn === postUrn);
  return json(200, {
    paging: { start, count, total: all.length, links: [] },
    elements: all
      .slice(start, start + count)
      .map((c) => commentView(c, `urn:li:person:${c.createdBy}`)),
  });
}

export function commentRoutes(store: Store): Route[] {
  return [
    {
      kind: 'member',
      method: 'POST',
      pattern: '/rest/socialActions/:urn/comments',
      endpoint: 'POST /rest/socialActions/:urn/comments',
      resource: 'socialActions.comments.CREATE',
      versioned: true,
      scopes: ['w_member_social', 'w_organization_social'],
      handle: (req, caller) => create(store, req, caller),
    },
    {
      kind: 'member',
      method: 'GET',
      pattern: '/rest/socialActions/:urn/comments',
      endpoint: 'GET /rest/socialActions/:urn/comments',
      resource: 'socialActions.comments.GET_ALL',
      versioned: true,
      scopes: ['r_member_social', 'r_organization_social'],
      handle: (req) => list(store, req),
    },
  ];
}
