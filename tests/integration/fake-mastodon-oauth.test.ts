// The fake Mastodon instance's instance info and OAuth, driven by the real masto 8 client
// where it can and by plain HTTP for the OAuth steps: it must answer in the shapes
// clients parse, so tests of Starling against it mean something.
import { createRestAPIClient } from 'masto';
import { describe, expect, it } from 'vitest';
import {
  scopes,
  fakeMastodon,
  registerApp,
  authorizeUrl,
  exchange,
  connect,
  user,
  httpError,
  callbackServer,
} from './fake-mastodon-fixture.ts';

describe('fake Mastodon: instance and OAuth', () => {
  it('advertises its limits and PKCE, and signs a user in through a loopback callback', async () => {
    const fake = await fakeMastodon();
    const alice = fake.addUser({ username: 'alice', displayName: 'Alice', followers: 42 });
    const meta = await (
      await fetch(`${fake.origin}/.well-known/oauth-authorization-server`)
    ).json();
    expect(meta).toMatchObject({ code_challenge_methods_supported: ['S256'] });
    const instance = await createRestAPIClient({ url: fake.origin }).v2.instance.fetch();
    expect(instance.version).toMatch(/^4\.3\./);
    expect(instance.configuration.statuses).toMatchObject({
      maxCharacters: 500,
      maxMediaAttachments: 4,
      charactersReservedPerUrl: 23,
    });
    // masto 8's types lack description_limit; the camelCased field is there at runtime.
    expect(instance.configuration.mediaAttachments).toMatchObject({
      descriptionLimit: 1500,
      imageSizeLimit: 16 * 1024 * 1024,
    });

    // Registered without a port: doorkeeper lets a loopback IP redirect vary its port.
    const app = await registerApp(fake, 'http://127.0.0.1/callback');
    expect(fake.ledger.apps()).toHaveLength(1);
    const callback = await callbackServer();
    const redirectUri = `http://127.0.0.1:${callback.port}/callback`;
    const link = authorizeUrl(fake, app.client_id, redirectUri);
    const sentTo = new URL(await fake.approve(link.url));
    expect(callback.hits).toEqual([`${sentTo.pathname}${sentTo.search}`]);
    expect(sentTo.searchParams.get('state')).toBe(link.state);
    const code = sentTo.searchParams.get('code') ?? '';
    const base = { client_id: app.client_id, client_secret: app.client_secret, code };
    const wrong = await exchange(fake, {
      ...base,
      redirect_uri: redirectUri,
      code_verifier: 'x'.repeat(43),
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_grant' });
    const ok = await exchange(fake, {
      ...base,
      redirect_uri: redirectUri,
      code_verifier: link.verifier,
    });
    const token = (await ok.json()) as { access_token: string; token_type: string; scope: string };
    expect(token).toMatchObject({ token_type: 'Bearer', scope: scopes });
    const again = await exchange(fake, {
      ...base,
      redirect_uri: redirectUri,
      code_verifier: link.verifier,
    });
    expect(again.status).toBe(400);

    const masto = createRestAPIClient({ url: fake.origin, accessToken: token.access_token });
    const me = await masto.v1.accounts.verifyCredentials.$raw();
    expect(me.data).toMatchObject({
      id: alice.id,
      username: 'alice',
      acct: 'alice',
      followersCount: 42,
    });
    expect(me.data.source.privacy).toBe('public');
    expect(me.headers.get('x-ratelimit-limit')).toBe('300');
    expect(me.headers.get('x-ratelimit-remaining')).toBe('299');
    expect(me.headers.get('x-ratelimit-reset')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  });

  it('sends denials and scopes outside the app back to the redirect URI with the state', async () => {
    const fake = await fakeMastodon();
    fake.addUser({ username: 'alice' });
    const redirectUri = 'http://127.0.0.1:9/callback';
    const app = await registerApp(fake, redirectUri, 'read write');
    const denied = authorizeUrl(fake, app.client_id, redirectUri, 'read');
    const deniedAt = new URL(await fake.approve(denied.url, { deny: true }));
    expect(deniedAt.searchParams.get('error')).toBe('access_denied');
    expect(deniedAt.searchParams.get('state')).toBe(denied.state);
    const wide = authorizeUrl(fake, app.client_id, redirectUri, 'read admin:read');
    expect(new URL(await fake.approve(wide.url)).searchParams.get('error')).toBe('invalid_scope');
    const elsewhere = authorizeUrl(fake, app.client_id, 'http://localhost:9/callback');
    await expect(fake.approve(elsewhere.url)).rejects.toThrow(/redirect uri included is not valid/);
  });

  it('behaves as a 4.2 instance without PKCE when asked', async () => {
    const fake = await fakeMastodon({ pkce: false });
    const bob = fake.addUser({ username: 'bob' });
    expect((await fetch(`${fake.origin}/.well-known/oauth-authorization-server`)).status).toBe(404);
    const instance = (await (await fetch(`${fake.origin}/api/v2/instance`)).json()) as Record<
      string,
      unknown
    >;
    expect(instance.version).toMatch(/^4\.2\./);
    expect(instance).not.toHaveProperty('api_versions');
    // The verifier is ignored, so even a wrong one signs in.
    const app = await registerApp(fake, 'http://127.0.0.1/cb');
    const link = authorizeUrl(fake, app.client_id, 'http://127.0.0.1/cb');
    const code = new URL(await fake.approve(link.url, { userId: bob.id })).searchParams.get('code');
    const res = await exchange(fake, {
      client_id: app.client_id,
      client_secret: app.client_secret,
      redirect_uri: 'http://127.0.0.1/cb',
      code: code ?? '',
      code_verifier: 'not-the-verifier',
    });
    expect(res.status).toBe(200);
  });

  it('refuses revoked, unknown and under-scoped tokens', async () => {
    const fake = await fakeMastodon();
    const { alice, token, masto } = await user(fake);
    const narrow = await connect(fake, alice.id, 'profile');
    await narrow.masto.v1.accounts.verifyCredentials();
    const scope = await httpError(narrow.masto.v1.statuses.create({ status: 'hi' }));
    expect([scope.statusCode, scope.message]).toEqual([
      403,
      'This action is outside the authorized scopes',
    ]);
    const unknown = createRestAPIClient({ url: fake.origin, accessToken: 'nope' });
    const invalid = await httpError(unknown.v1.accounts.verifyCredentials());
    expect([invalid.statusCode, invalid.message]).toEqual([401, 'The access token is invalid']);
    fake.revokeToken(token);
    const revoked = await httpError(masto.v1.accounts.verifyCredentials());
    expect([revoked.statusCode, revoked.message]).toEqual([401, 'The access token was revoked']);
    fake.revokeUser(alice.id);
    expect((await httpError(narrow.masto.v1.accounts.verifyCredentials())).statusCode).toBe(401);
    // The client itself signs out through /oauth/revoke with its credentials.
    const later = await connect(fake, alice.id);
    const signOut = await fetch(`${fake.origin}/oauth/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: later.app.client_id,
        client_secret: later.app.client_secret,
        token: later.token,
      }),
    });
    expect([signOut.status, await signOut.json()]).toEqual([200, {}]);
    expect((await httpError(later.masto.v1.accounts.verifyCredentials())).statusCode).toBe(401);
  });
});
