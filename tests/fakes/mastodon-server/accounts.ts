// GET /api/v1/accounts/verify_credentials, /api/v1/accounts/:id and its statuses, with
// the filters and id pagination clients use to find what they posted.
import type { FakeRequest } from '../http-kit/request.ts';
import { accountView, credentialAccountView } from './account-view.ts';
import type { Principal } from './auth.ts';
import { compareIds } from './ids.ts';
import { paginate } from './pagination.ts';
import { json, notFound, type Reply } from './replies.ts';
import type { Route } from './router.ts';
import { statusView } from './status-view.ts';
import type { Store } from './store.ts';

const truthy = (value: string | null) =>
  value !== null && !['false', '0', 'f', 'off', 'no', ''].includes(value.toLowerCase());

function statusesOf(store: Store, req: FakeRequest, viewerId: string | null): Reply {
  const user = store.users.get(req.params.id ?? '');
  if (user === undefined) return notFound();
  const q = req.query;
  // Pins are not modelled: a pinned-only listing is empty.
  if (truthy(q.get('pinned'))) return json(200, []);
  const own = viewerId === user.id;
  const all = [...store.statuses.values()]
    .filter((s) => s.accountId === user.id && !s.deleted)
    .filter((s) => own || s.visibility === 'public' || s.visibility === 'unlisted')
    // exclude_replies keeps self-replies: a thread stays on its author's profile.
    .filter(
      (s) =>
        !truthy(q.get('exclude_replies')) ||
        s.inReplyToId === null ||
        s.inReplyToAccountId === user.id,
    )
    .filter((s) => !truthy(q.get('only_media')) || s.mediaIds.length > 0)
    .sort((a, b) => compareIds(b.id, a.id));
  const page = paginate(req, store.origin, all);
  const headers: Record<string, string> = page.link === null ? {} : { link: page.link };
  return json(
    200,
    page.items.map((s) => statusView(store, s)),
    headers,
  );
}

export function accountRoutes(store: Store): Route[] {
  return [
    {
      kind: 'user',
      method: 'GET',
      pattern: '/api/v1/accounts/verify_credentials',
      scopes: ['profile', 'read', 'read:accounts'],
      handle: (_r, p: Principal) =>
        json(200, credentialAccountView(store, store.user(p.userId ?? ''))),
    },
    {
      kind: 'optional',
      method: 'GET',
      pattern: '/api/v1/accounts/:id',
      scopes: ['read', 'read:accounts'],
      handle: (r) => {
        const user = store.users.get(r.params.id ?? '');
        return user === undefined ? notFound() : json(200, accountView(store, user));
      },
    },
    {
      kind: 'optional',
      method: 'GET',
      pattern: '/api/v1/accounts/:id/statuses',
      scopes: ['read', 'read:statuses'],
      handle: (r, p) => statusesOf(store, r, p?.userId ?? null),
    },
  ];
}
