// The fake LinkedIn's sign-in and identity over real HTTP: the consent page and code
// exchange, refresh tokens only for apps granted them, a missing product at sign-in, the
// token endpoint's errors, the four 401s, the LinkedIn-Version checks, a missing scope's
// 403, and the page roles a member can list.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  api,
  authorizeUrl,
  call,
  clientId,
  clientSecret,
  fakeLinkedIn,
  memberScopes,
  memberWithPage,
  pageScopes,
  redirectUri,
  signIn,
  tokenRequest,
} from './fake-linkedin-fixture.ts';

const day = 24 * 60 * 60 * 1000;

describe('fake LinkedIn: sign-in and identity', () => {
  it('exchanges a code for a 60-day token and answers userinfo', async () => {
    const fake = await fakeLinkedIn();
    const member = fake.addMember({
      givenName: 'Ada',
      familyName: 'Byron',
      email: 'ada@example.test',
    });
    const { callback, answer, token } = await signIn(fake);
    expect(callback.origin + callback.pathname).toBe(redirectUri);
    expect(callback.searchParams.get('state')).toBe('state-123');
    expect(answer.status).toBe(200);
    const body = answer.json();
    expect(body).toMatchObject({
      access_token: expect.stringMatching(/^AQ/),
      expires_in: 5_184_000,
      scope: 'email,openid,profile,w_member_social',
    });
    // This app was not granted programmatic refresh tokens.
    expect(body).not.toHaveProperty('refresh_token');

    const me = await call(fake, {
      path: '/v2/userinfo',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.json()).toEqual({
      sub: member.id,
      name: 'Ada Byron',
      given_name: 'Ada',
      family_name: 'Byron',
      picture: member.picture,
      locale: 'en-US',
      email: 'ada@example.test',
      email_verified: true,
    });
    const hosts = fake.ledger.requests().map((r) => `${r.method} ${r.host}${r.path} ${r.status}`);
    expect(hosts).toContain('POST www.linkedin.com/oauth/v2/accessToken 200');
    expect(hosts).toContain('GET api.linkedin.com/v2/userinfo 200');
  });

  it('grants refresh tokens only to apps LinkedIn enabled them for, keeping their year', async () => {
    const fake = await fakeLinkedIn({ refreshTokens: true });
    fake.addMember();
    const first = (await signIn(fake)).answer.json();
    expect(first).toMatchObject({ expires_in: 5_184_000, refresh_token_expires_in: 31_536_000 });
    fake.clock.advance(59 * day);
    const refresh = {
      grant_type: 'refresh_token',
      refresh_token: String(first.refresh_token),
      client_id: clientId,
      client_secret: clientSecret,
    };
    const renewed = (await tokenRequest(fake, refresh)).json();
    expect(renewed).toMatchObject({
      expires_in: 5_184_000,
      refresh_token: first.refresh_token,
      refresh_token_expires_in: 306 * 24 * 60 * 60,
    });
    expect(renewed.access_token).not.toBe(first.access_token);

    fake.setRefreshTokens(clientId, false);
    const refused = await tokenRequest(fake, refresh);
    expect({ status: refused.status, body: refused.json() }).toEqual({
      status: 400,
      body: {
        error: 'invalid_request',
        error_description:
          'The provided authorization grant or refresh token is invalid, expired or revoked.',
      },
    });
  });

  it('sends a scope the app has no product for back as unauthorized_scope_error', async () => {
    const fake = await fakeLinkedIn();
    fake.addMember();
    const refused = new URL(await fake.approve(authorizeUrl([...memberScopes, ...pageScopes])));
    expect(Object.fromEntries(refused.searchParams)).toEqual({
      error: 'unauthorized_scope_error',
      error_description:
        'Scope &quot;r_organization_social&quot; is not authorized for your application',
      state: 'state-123',
    });
    const cancelled = new URL(await fake.approve(authorizeUrl(memberScopes), { deny: true }));
    expect(cancelled.searchParams.get('error')).toBe('user_cancelled_authorize');
    expect(fake.ledger.requests().some((r) => r.path === '/oauth/v2/accessToken')).toBe(false);
  });

  it('answers the token endpoint errors as LinkedIn words them', async () => {
    const fake = await fakeLinkedIn();
    fake.addMember();
    const code =
      new URL(await fake.approve(authorizeUrl(memberScopes))).searchParams.get('code') ?? '';
    const form = {
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      client_id: clientId,
      client_secret: clientSecret,
    };
    const failures = [
      await tokenRequest(fake, { ...form, client_secret: '' }),
      await tokenRequest(fake, { ...form, client_secret: 'wrong' }),
      await tokenRequest(fake, { ...form, redirect_uri: 'http://127.0.0.1:9/other' }),
    ];
    expect(failures.map((f) => [f.status, f.json().error])).toEqual([
      [400, 'invalid_request'],
      [401, 'invalid_client'],
      [400, 'invalid_redirect_uri'],
    ]);
    expect(failures[0]?.json().error_description).toBe(
      'A required parameter "client_secret" is missing',
    );
    expect((await tokenRequest(fake, form)).status).toBe(200);
    const reused = await tokenRequest(fake, form);
    expect([reused.status, reused.json().error_description]).toEqual([
      401,
      'Unable to retrieve access token: authorization code not found',
    ]);
  });

  it('skips the code secret for a PKCE app and checks the verifier', async () => {
    const fake = await fakeLinkedIn();
    fake.registerApp({
      clientId: 'pkce-app',
      clientSecret: 'unused',
      redirectUris: [redirectUri],
      pkce: true,
    });
    fake.addMember();
    const verifier = 'a'.repeat(64);
    const url = authorizeUrl(memberScopes, 's', {
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    }).replace(`client_id=${clientId}`, 'client_id=pkce-app');
    const code = new URL(await fake.approve(url)).searchParams.get('code') ?? '';
    const form = {
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      client_id: 'pkce-app',
    };
    expect((await tokenRequest(fake, { ...form, code_verifier: 'b'.repeat(64) })).status).toBe(400);
    expect((await tokenRequest(fake, { ...form, code_verifier: verifier })).status).toBe(200);
  });

  it('tells empty, invalid, expired and revoked tokens apart', async () => {
    const fake = await fakeLinkedIn();
    const member = fake.addMember();
    const { accessToken } = fake.issueTokens(member.id);
    const userinfo = async (authorization?: string) =>
      (
        await call(fake, {
          path: '/v2/userinfo',
          headers: authorization === undefined ? {} : { authorization },
        })
      ).json();
    expect(await userinfo()).toEqual({
      status: 401,
      serviceErrorCode: 65604,
      code: 'EMPTY_ACCESS_TOKEN',
      message: 'Empty oauth2 access token',
    });
    expect(await userinfo('Bearer nope')).toMatchObject({
      serviceErrorCode: 65600,
      code: 'INVALID_ACCESS_TOKEN',
    });
    fake.fault({ path: '/v2/userinfo', kind: 'expired' });
    expect(await userinfo(`Bearer ${accessToken}`)).toMatchObject({
      serviceErrorCode: 65602,
      code: 'EXPIRED_ACCESS_TOKEN',
    });
    fake.fault({ path: '/v2/userinfo', kind: 'revoked' });
    expect(await userinfo(`Bearer ${accessToken}`)).toMatchObject({
      serviceErrorCode: 65601,
      code: 'REVOKED_ACCESS_TOKEN',
    });
    expect(await userinfo(`Bearer ${accessToken}`)).toMatchObject({ sub: member.id });
    fake.clock.advance(60 * day);
    expect(await userinfo(`Bearer ${accessToken}`)).toEqual({
      status: 401,
      serviceErrorCode: 65602,
      code: 'EXPIRED_ACCESS_TOKEN',
      message: 'The token used in the request has expired',
    });
    const fresh = fake.issueTokens(member.id).accessToken;
    fake.revokeMember(member.id);
    expect(await userinfo(`Bearer ${fresh}`)).toMatchObject({
      status: 401,
      code: 'REVOKED_ACCESS_TOKEN',
    });
  });

  it('invalidates earlier tokens when the member consents to a different scope set', async () => {
    const fake = await fakeLinkedIn({
      products: ['sign-in-openid', 'share', 'community-management'],
    });
    fake.addMember();
    const first = (await signIn(fake)).token;
    const second = (await signIn(fake, [...memberScopes, ...pageScopes])).token;
    const statusWith = async (token: string) =>
      (await call(fake, { path: '/v2/userinfo', headers: { authorization: `Bearer ${token}` } }))
        .status;
    expect([await statusWith(first), await statusWith(second)]).toEqual([401, 200]);
  });

  it('refuses a missing or retired LinkedIn-Version and a missing scope in LinkedIn shapes', async () => {
    const fake = await fakeLinkedIn();
    const member = fake.addMember();
    const { accessToken } = fake.issueTokens(member.id, { scopes: memberScopes });
    const acls = '/rest/organizationAcls?q=roleAssignee&role=ADMINISTRATOR&state=APPROVED';
    const missing = await api(fake, accessToken, 'GET', acls, undefined, {
      'linkedin-version': '',
    });
    expect([missing.status, missing.json().code]).toEqual([400, 'VERSION_MISSING']);
    const retired = await api(fake, accessToken, 'GET', acls, undefined, {
      'linkedin-version': '202401',
    });
    expect({ status: retired.status, body: retired.json() }).toEqual({
      status: 426,
      body: {
        status: 426,
        code: 'NONEXISTENT_VERSION',
        message: 'Requested version 20240101 is not active',
      },
    });
    const denied = await api(fake, accessToken, 'GET', acls);
    expect({ status: denied.status, body: denied.json() }).toEqual({
      status: 403,
      body: {
        status: 403,
        serviceErrorCode: 100,
        code: 'ACCESS_DENIED',
        message: 'Not enough permissions to access: organizationAcls.FINDER-roleAssignee.20260301',
      },
    });
  });

  it('lists the pages a member administers, with name, logo and followers', async () => {
    const fake = await fakeLinkedIn();
    const { member, page, token } = memberWithPage(fake);
    const other = fake.addOrganization({
      name: 'Analysed Only',
      logoUrl: 'https://media.licdn.com/logo.png',
    });
    fake.grantRole(member.id, other.id, { role: 'ANALYST' });
    const acls = await api(
      fake,
      token,
      'GET',
      '/rest/organizationAcls?q=roleAssignee&role=ADMINISTRATOR&state=APPROVED',
    );
    expect(acls.json().elements).toEqual([
      {
        roleAssignee: member.urn,
        state: 'APPROVED',
        role: 'ADMINISTRATOR',
        organization: page.urn,
      },
    ]);
    const org = await api(fake, token, 'GET', `/rest/organizations/${page.id}`);
    expect(org.json()).toMatchObject({
      id: Number(page.id),
      localizedName: 'Acme Coffee',
      vanityName: 'acme-coffee',
    });
    const logo = await api(
      fake,
      token,
      'GET',
      `/rest/organizations/${other.id}?projection=(logoV2(original~:playableStreams))`,
    );
    expect(JSON.stringify(logo.json())).toContain('https://media.licdn.com/logo.png');
    const followers = await api(
      fake,
      token,
      'GET',
      `/rest/networkSizes/${encodeURIComponent(page.urn)}?edgeType=COMPANY_FOLLOWED_BY_MEMBER`,
    );
    expect(followers.json()).toEqual({ firstDegreeSize: 42 });
  });
});
