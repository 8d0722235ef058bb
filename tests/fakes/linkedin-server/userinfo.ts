// GET /v2/userinfo (Sign In with LinkedIn using OpenID Connect): the member's `sub` with
// the profile claims their token's scopes allow. It is a /v2 call, so no LinkedIn-Version.
import type { Caller } from './auth.ts';
import { json, type Reply } from './replies.ts';
import type { Route } from './router.ts';

function userinfo(caller: Caller): Reply {
  const { member, scopes } = caller;
  return json(200, {
    sub: member.id,
    ...(scopes.has('profile')
      ? {
          name: `${member.givenName} ${member.familyName}`,
          given_name: member.givenName,
          family_name: member.familyName,
          picture: member.picture,
          locale: 'en-US',
        }
      : {}),
    ...(scopes.has('email') ? { email: member.email, email_verified: true } : {}),
  });
}

export function userinfoRoutes(): Route[] {
  return [
    {
      kind: 'member',
      method: 'GET',
      pattern: '/v2/userinfo',
      endpoint: 'GET /v2/userinfo',
      resource: 'userinfo.GET',
      versioned: false,
      scopes: ['openid'],
      handle: (_req, caller) => userinfo(caller),
    },
  ];
}
