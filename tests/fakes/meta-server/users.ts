// The signed-in user (graph-api/reference/user): /me, the Pages they granted with a Page
// token each (/me/accounts, pages/access-tokens: a Page token read with a long-lived user
// token does not expire), the permissions granted, and DELETE /me/permissions, which
// revokes the app's whole grant.
import type { FakeRequest } from '../http-kit/request.ts';
import { fieldsOf, pick } from './fields.ts';
import { json, type Reply } from './replies.ts';
import type { Caller, Route } from './router.ts';
import type { Store } from './store.ts';

const pictureOf = (url: string) => ({ data: { height: 50, width: 50, is_silhouette: false, url } });

function me(store: Store, req: FakeRequest, caller: Caller): Reply {
  const fields = fieldsOf(req.query);
  if (caller.record.kind === 'page') {
    const page = store.page(caller.record.pageId ?? '');
    return json(
      200,
      pick({ id: page.id, name: page.name, picture: pictureOf(page.pictureUrl) }, fields, ['name']),
    );
  }
  const user = caller.user;
  return json(
    200,
    pick({ id: user.id, name: user.name, picture: pictureOf(user.pictureUrl) }, fields, ['name']),
  );
}

function accounts(store: Store, req: FakeRequest, caller: Caller): Reply {
  const { record, user } = caller;
  if (record.kind !== 'user') return json(200, { data: [] });
  const fields = fieldsOf(req.query);
  const data = record.grant.pageIds
    .filter((id) => user.pages.has(id))
    .map((id) => {
      const page = store.page(id);
      const token = store.issue(
        record.grant,
        'page',
        id,
        record.longLived
          ? null
          : record.expiresAt === null
            ? null
            : record.expiresAt - store.clock.now(),
        record.longLived,
      );
      const ig = page.instagramId === null ? undefined : store.instagram.get(page.instagramId);
      return pick(
        {
          id: page.id,
          name: page.name,
          access_token: token.token,
          category: page.category,
          tasks: user.pages.get(id) ?? [],
          picture: pictureOf(page.pictureUrl),
          instagram_business_account:
            ig === undefined
              ? undefined
              : {
                  id: ig.id,
                  username: ig.username,
                  name: ig.name,
                  profile_picture_url: ig.pictureUrl,
                },
        },
        fields,
        ['name', 'access_token', 'category', 'category_list', 'tasks'],
      );
    });
  return json(200, {
    data,
    paging: { cursors: { before: 'QVFIUmJlZAm9yZA', after: 'QVFIUmFmdGVyZA' } },
  });
}

export const userRoutes = (store: Store): Route[] => [
  {
    kind: 'graph',
    method: 'GET',
    pattern: '/me',
    scopes: ['public_profile'],
    handle: (req, c) => me(store, req, c),
  },
  {
    kind: 'graph',
    method: 'GET',
    pattern: '/me/accounts',
    scopes: ['pages_show_list'],
    handle: (req, c) => accounts(store, req, c),
  },
  {
    kind: 'graph',
    method: 'GET',
    pattern: '/me/permissions',
    scopes: ['public_profile'],
    handle: (_req, c) =>
      json(200, {
        data: c.record.grant.scopes.map((permission) => ({ permission, status: 'granted' })),
      }),
  },
  {
    kind: 'graph',
    method: 'DELETE',
    pattern: '/me/permissions',
    scopes: ['public_profile'],
    handle: (_req, c) => {
      c.record.grant.revoked = true;
      return json(200, { success: true });
    },
  },
];
