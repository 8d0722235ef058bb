// GET /2/users/me and GET /2/users/:id with the user.fields X documents.
import { requestedFields, userFieldNames } from './fields.ts';
import { json, problemTypes, type Reply } from './replies.ts';
import type { FakeRequest } from '../http-kit/request.ts';
import type { Route } from './router.ts';
import type { Store, UserRecord } from './store.ts';

export function tweetCount(store: Store, user: UserRecord): number {
  return user.tweets ?? store.tweets.filter((t) => t.authorId === user.id && !t.deleted).length;
}

export function userView(store: Store, user: UserRecord, fields: Set<string>) {
  const view: Record<string, unknown> = { id: user.id, name: user.name, username: user.username };
  if (fields.has('created_at')) view.created_at = new Date(user.createdAt).toISOString();
  if (fields.has('profile_image_url')) view.profile_image_url = user.profileImageUrl;
  if (fields.has('description')) view.description = '';
  if (fields.has('protected')) view.protected = false;
  if (fields.has('verified')) view.verified = false;
  if (fields.has('public_metrics')) {
    view.public_metrics = {
      followers_count: user.followers,
      following_count: user.following,
      tweet_count: tweetCount(store, user),
      listed_count: user.listed,
      like_count: 0,
      media_count: 0,
    };
  }
  return view;
}

export function userNotFound(id: string) {
  return {
    value: id,
    detail: `Could not find user with id: [${id}].`,
    title: 'Not Found Error',
    resource_type: 'user',
    parameter: 'id',
    resource_id: id,
    type: problemTypes.notFound,
  };
}

function userAnswer(store: Store, req: FakeRequest, id: string): Reply {
  const fields = requestedFields(req.query, 'user.fields', userFieldNames);
  if (!(fields instanceof Set)) return fields;
  const user = store.users.get(id);
  if (user === undefined) return json(200, { errors: [userNotFound(id)] });
  return json(200, { data: userView(store, user, fields) });
}

const readScopes = ['tweet.read', 'users.read'];

export function userRoutes(store: Store): Route[] {
  return [
    {
      kind: 'user',
      method: 'GET',
      pattern: '/2/users/me',
      endpoint: 'GET /2/users/me',
      scopes: readScopes,
      handle: (req, me) => userAnswer(store, req, me.userId),
    },
    {
      kind: 'user',
      method: 'GET',
      pattern: '/2/users/:id',
      endpoint: 'GET /2/users/:id',
      scopes: readScopes,
      handle: (req) => userAnswer(store, req, req.params.id ?? ''),
    },
  ];
}
