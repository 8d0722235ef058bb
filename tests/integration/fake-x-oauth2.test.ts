// The fake X server's OAuth 2 sign-in with PKCE, driven by twitter-api-v2 through the
// real routing agent and by plain HTTP where the library cannot: the consent page (also
// in Chromium with JavaScript off), cancels, redirect and PKCE checks, code expiry on the
// fake clock, refresh rotation, token expiry and revocation.
import { describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import {
  clientId,
  redirectUri,
  allScopes,
  unauthorizedBody,
  fakeX,
  oauth2App,
  bearer,
  responseError,
  randomString,
  authLink,
  setUp,
  login,
  raw,
} from './fake-x-fixture.ts';

describe('fake X: OAuth 2 with PKCE', () => {
  it('logs in with a code, reads the user and posts', async () => {
    const fake = await fakeX();
    const user = setUp(fake);
    const link = authLink(fake);
    expect(link.url.startsWith(`${fake.origin}/i/oauth2/authorize?`)).toBe(true);
    const callback = new URL(await fake.approve(link.url));
    expect(callback.origin + callback.pathname).toBe(redirectUri);
    expect(callback.searchParams.get('state')).toBe(link.state);
    const code = callback.searchParams.get('code') ?? '';

    const session = await oauth2App(fake).loginWithOAuth2({
      code,
      codeVerifier: link.codeVerifier,
      redirectUri,
    });
    expect(session.expiresIn).toBe(7200);
    expect(session.scope).toEqual(allScopes);
    expect(session.refreshToken).toEqual(expect.any(String));

    const me = await session.client.v2.me({
      'user.fields': ['profile_image_url', 'public_metrics'],
    });
    expect(me.data).toMatchObject({
      id: user.id,
      username: 'acme_coffee',
      name: 'Acme Coffee',
      profile_image_url: expect.stringMatching(/^https:\/\//),
      public_metrics: { followers_count: 120, following_count: 0, tweet_count: 0 },
    });

    const posted = await session.client.v2.tweet('Fresh beans today');
    expect(posted.data).toEqual({
      id: expect.stringMatching(/^\d+$/),
      text: 'Fresh beans today',
      edit_history_tweet_ids: [posted.data.id],
    });
    expect(fake.ledger.tweets()).toMatchObject([
      { id: posted.data.id, authorId: user.id, text: 'Fresh beans today', deleted: false },
    ]);
    const tokenCall = fake.ledger.requests().find((r) => r.path === '/2/oauth2/token');
    expect(tokenCall).toMatchObject({ host: 'api.x.com', method: 'POST', status: 200 });
    // twitter-api-v2 sends the token request as JSON (its form-body detection misfires).
    expect(JSON.parse(tokenCall?.body ?? '{}')).toMatchObject({ grant_type: 'authorization_code' });
  });

  it("accepts twitter-api-v2's own link (method 's256') given a crypto-random state", async () => {
    const fake = await fakeX();
    setUp(fake);
    const link = oauth2App(fake).generateOAuth2AuthLink(redirectUri, {
      scope: ['tweet.read', 'users.read'],
      state: randomString(24),
    });
    expect(link.url).toContain('code_challenge_method=s256');
    const local = link.url.replace('https://x.com', fake.origin);
    const callback = new URL(await fake.approve(local));
    expect(callback.searchParams.get('state')).toBe(link.state);
    const session = await oauth2App(fake).loginWithOAuth2({
      code: callback.searchParams.get('code') ?? '',
      codeVerifier: link.codeVerifier,
      redirectUri,
    });
    // No offline.access: no refresh token.
    expect(session.refreshToken).toBeUndefined();
    // No tweet.write: posting is forbidden.
    const denied = await responseError(session.client.v2.tweet('hello'));
    expect(denied.code).toBe(403);
    expect(denied.data).toMatchObject({ title: 'Forbidden', status: 403 });
  });

  it('shows a consent page that works as a plain HTML form', async () => {
    const fake = await fakeX();
    setUp(fake);
    const link = authLink(fake);
    const page = await raw(fake, {
      path: new URL(link.url).pathname + new URL(link.url).search,
      host: `127.0.0.1:${fake.port}`,
    });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('Authorize Starling to access your X account?');
    expect(page.text).toContain('@acme_coffee');
    expect(page.text).toMatch(/<form method="post" action="\/i\/oauth2\/authorize">/);
    expect(page.text).toMatch(
      /<button type="submit" name="decision" value="allow"[^>]*>Authorize app<\/button>/,
    );
    expect(page.text).toMatch(
      /<button type="submit" name="decision" value="deny"[^>]*>Cancel<\/button>/,
    );
    const requestId = /name="request_id" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
    const answer = await raw(fake, {
      method: 'POST',
      path: '/i/oauth2/authorize',
      host: `127.0.0.1:${fake.port}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ request_id: requestId, decision: 'allow' }).toString(),
    });
    expect(answer.status).toBe(302);
    const location = new URL(answer.headers.location ?? '');
    expect([...location.searchParams.keys()]).toEqual(['state', 'code']);
    // The same consent cannot be answered twice.
    const again = await raw(fake, {
      method: 'POST',
      path: '/i/oauth2/authorize',
      host: `127.0.0.1:${fake.port}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ request_id: requestId, decision: 'allow' }).toString(),
    });
    expect(again.status).toBe(400);
  });

  it('is answered in real Chromium with JavaScript off', async () => {
    const fake = await fakeX();
    setUp(fake);
    const browser = await launchBrowser();
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const callbacks: string[] = [];
    await page.route(`${redirectUri}**`, (route) => {
      callbacks.push(route.request().url());
      return route.fulfill({ contentType: 'text/plain', body: 'You can close this window.' });
    });
    for (const button of ['Authorize app', 'Cancel']) {
      const link = authLink(fake);
      await page.goto(link.url);
      expect(await page.getByRole('heading').textContent()).toBe(
        'Authorize Starling to access your X account?',
      );
      expect(await page.textContent('body')).toContain('@acme_coffee');
      await page.getByRole('button', { name: button }).click();
      await page.waitForURL(`${redirectUri}**`);
      const callback = new URL(callbacks.at(-1) ?? '');
      expect(callback.searchParams.get('state')).toBe(link.state);
      expect(callback.searchParams.has('code')).toBe(button === 'Authorize app');
      expect(callback.searchParams.get('error')).toBe(button === 'Cancel' ? 'access_denied' : null);
    }
  });

  it('redirects with error=access_denied when the person cancels', async () => {
    const fake = await fakeX();
    setUp(fake);
    const link = authLink(fake);
    const callback = new URL(await fake.approve(link.url, { deny: true }));
    expect(callback.origin + callback.pathname).toBe(redirectUri);
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('state')).toBe(link.state);
    expect(callback.searchParams.has('code')).toBe(false);
  });

  it('refuses a redirect_uri that is not exactly registered, and invalid PKCE parameters', async () => {
    const fake = await fakeX();
    setUp(fake);
    for (const wrong of [
      'http://127.0.0.1:4567/callback/',
      'http://localhost:4567/callback',
      'http://127.0.0.1:4568/callback',
    ]) {
      await expect(fake.approve(authLink(fake, { redirect: wrong }).url)).rejects.toThrow(
        /redirect_uri/,
      );
    }
    const plain = new URL(authLink(fake).url);
    plain.searchParams.set('code_challenge_method', 'plain');
    await expect(fake.approve(plain.toString())).rejects.toThrow(/S256/);
    const noState = new URL(authLink(fake).url);
    noState.searchParams.delete('state');
    await expect(fake.approve(noState.toString())).rejects.toThrow(/state/);
    const badScope = new URL(authLink(fake).url);
    badScope.searchParams.set('scope', 'tweet.read everything');
    await expect(fake.approve(badScope.toString())).rejects.toThrow(/scope/);
    const unknownClient = new URL(authLink(fake).url);
    unknownClient.searchParams.set('client_id', 'someone-else');
    await expect(fake.approve(unknownClient.toString())).rejects.toThrow(/client_id/);
  });

  it('checks the verifier and redirect_uri at the token endpoint, and codes are single-use', async () => {
    const fake = await fakeX();
    setUp(fake);
    const invalid = {
      error: 'invalid_request',
      error_description: 'Value passed for the token was invalid.',
    };
    const exchange = async (
      mutate: (p: { code: string; codeVerifier: string; redirectUri: string }) => void,
    ) => {
      const link = authLink(fake);
      const code = new URL(await fake.approve(link.url)).searchParams.get('code') ?? '';
      const params = { code, codeVerifier: link.codeVerifier, redirectUri };
      mutate(params);
      return params;
    };
    const wrongVerifier = await exchange((p) => (p.codeVerifier = randomString(48)));
    expect(
      (await responseError(oauth2App(fake).loginWithOAuth2(wrongVerifier))).data,
    ).toMatchObject(invalid);
    const wrongRedirect = await exchange((p) => (p.redirectUri = 'http://127.0.0.1:9999/callback'));
    expect((await responseError(oauth2App(fake).loginWithOAuth2(wrongRedirect))).code).toBe(400);
    const good = await exchange(() => undefined);
    await oauth2App(fake).loginWithOAuth2(good);
    const reused = await responseError(oauth2App(fake).loginWithOAuth2(good));
    expect(reused.code).toBe(400);
    expect(reused.data).toMatchObject(invalid);
  });

  it('lets a code expire 30 seconds after approval, on the fake clock', async () => {
    const fake = await fakeX();
    setUp(fake);
    const link = authLink(fake);
    const code = new URL(await fake.approve(link.url)).searchParams.get('code') ?? '';
    fake.clock.advance(30_000);
    const expired = await responseError(
      oauth2App(fake).loginWithOAuth2({ code, codeVerifier: link.codeVerifier, redirectUri }),
    );
    expect(expired.code).toBe(400);
    expect(expired.data).toMatchObject({ error: 'invalid_request' });

    const fresh = authLink(fake);
    const freshCode = new URL(await fake.approve(fresh.url)).searchParams.get('code') ?? '';
    fake.clock.advance(29_000);
    await oauth2App(fake).loginWithOAuth2({
      code: freshCode,
      codeVerifier: fresh.codeVerifier,
      redirectUri,
    });
  });

  it('rotates refresh tokens and refuses a used one', async () => {
    const fake = await fakeX();
    setUp(fake);
    const first = await login(fake);
    const firstRefresh = first.refreshToken ?? '';
    const second = await oauth2App(fake).refreshOAuth2Token(firstRefresh);
    expect(second.refreshToken).toEqual(expect.any(String));
    expect(second.refreshToken).not.toBe(firstRefresh);
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(second.expiresIn).toBe(7200);
    await second.client.v2.me();

    const reuse = await responseError(oauth2App(fake).refreshOAuth2Token(firstRefresh));
    expect(reuse.code).toBe(400);
    // twitter-api-v2 adds errors: [{ code: 131, message: error }] to OAuth error bodies.
    expect(reuse.data).toMatchObject({
      error: 'invalid_request',
      error_description: 'Value passed for the token was invalid.',
    });
    const third = await oauth2App(fake).refreshOAuth2Token(second.refreshToken ?? '');
    await third.client.v2.me();
  });

  it('expires access tokens after 2 hours and accepts form-encoded token requests', async () => {
    const fake = await fakeX();
    const user = setUp(fake);
    const tokens = fake.issueTokens(user.id, { clientId });
    expect(tokens.expiresAt).toBe(fake.clock.now() + 7_200_000);
    const client = bearer(fake, tokens.accessToken);
    await client.v2.me();
    fake.clock.advance(7_200_000);
    const expired = await responseError(client.v2.me());
    expect(expired.code).toBe(401);
    expect(expired.data).toEqual(unauthorizedBody);

    const refreshed = await raw(fake, {
      method: 'POST',
      path: '/2/oauth2/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: tokens.refreshToken,
        client_id: clientId,
      }).toString(),
    });
    expect(refreshed.status).toBe(200);
    expect(JSON.parse(refreshed.text)).toMatchObject({
      token_type: 'bearer',
      expires_in: 7200,
      access_token: expect.any(String),
    });
  });

  it('revokes: revokeUser kills every token, the revoke endpoint one grant', async () => {
    const fake = await fakeX();
    const user = setUp(fake);
    const session = await login(fake);
    const other = fake.issueTokens(user.id, { clientId });
    fake.revokeUser(user.id);
    expect((await responseError(session.client.v2.me())).data).toEqual(unauthorizedBody);
    expect((await responseError(bearer(fake, other.accessToken).v2.me())).code).toBe(401);
    const refresh = await responseError(
      oauth2App(fake).refreshOAuth2Token(session.refreshToken ?? ''),
    );
    expect(refresh.code).toBe(400);
    expect(refresh.data).toMatchObject({ error: 'invalid_request' });

    const again = await login(fake);
    await oauth2App(fake).revokeOAuth2Token(again.accessToken);
    expect(fake.ledger.requests().at(-1)).toMatchObject({ path: '/2/oauth2/revoke', status: 200 });
    expect((await responseError(again.client.v2.me())).code).toBe(401);
  });
});
