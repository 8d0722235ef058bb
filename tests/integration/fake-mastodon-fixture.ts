// Helpers for the fake Mastodon instance's own tests (fake-mastodon-oauth.test.ts,
// fake-mastodon-statuses.test.ts): a fake per test, the OAuth steps over plain HTTP, a
// signed-in masto 8 client, and a loopback callback server.
import crypto from 'node:crypto';
import { createRestAPIClient, MastoHttpError } from 'masto';
import { expect, onTestFinished } from 'vitest';
import { startFakeMastodon, type FakeMastodon } from '../fakes/mastodon-server/index.ts';
import { localServer } from '../helpers/local-server.ts';

export const scopes = 'read write profile';
export const minute = 60_000;

export async function fakeMastodon(opts: Parameters<typeof startFakeMastodon>[0] = {}) {
  const fake = await startFakeMastodon(opts);
  onTestFinished(() => fake.close());
  return fake;
}

export async function postJson(fake: FakeMastodon, path: string, body: unknown, token?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  return fetch(`${fake.origin}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
}

export async function registerApp(fake: FakeMastodon, redirectUri: string, appScopes = scopes) {
  const res = await postJson(fake, '/api/v1/apps', {
    client_name: 'Starling',
    redirect_uris: [redirectUri],
    scopes: appScopes,
    website: 'https://starling.example',
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { client_id: string; client_secret: string; scopes: string[] };
}

export function authorizeUrl(
  fake: FakeMastodon,
  clientId: string,
  redirectUri: string,
  scope = scopes,
) {
  const verifier = crypto.randomBytes(48).toString('base64url');
  const state = crypto.randomBytes(16).toString('base64url');
  const url = new URL('/oauth/authorize', fake.origin);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    scope,
    state,
    code_challenge: crypto.createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  return { url: url.toString(), verifier, state };
}

export function exchange(fake: FakeMastodon, fields: Record<string, string>) {
  return fetch(`${fake.origin}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', ...fields }),
  });
}

/** The whole sign-in: app, consent as `userId`, code for a token. */
export async function connect(fake: FakeMastodon, userId: string, scope = scopes) {
  const redirectUri = 'http://127.0.0.1/callback';
  const app = await registerApp(fake, redirectUri);
  const link = authorizeUrl(fake, app.client_id, redirectUri, scope);
  const code = new URL(await fake.approve(link.url, { userId })).searchParams.get('code') ?? '';
  const res = await exchange(fake, {
    client_id: app.client_id,
    client_secret: app.client_secret,
    redirect_uri: redirectUri,
    code,
    code_verifier: link.verifier,
  });
  const { access_token: token } = (await res.json()) as { access_token: string };
  return { app, token, masto: createRestAPIClient({ url: fake.origin, accessToken: token }) };
}

export async function user(fake: FakeMastodon) {
  const alice = fake.addUser({ username: 'alice', displayName: 'Alice', followers: 42 });
  return { alice, ...(await connect(fake, alice.id)) };
}

export async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

export async function httpError(promise: Promise<unknown>): Promise<MastoHttpError> {
  const error = await failure(promise);
  expect(error).toBeInstanceOf(MastoHttpError);
  return error as MastoHttpError;
}

/** A loopback server that records the callback the browser is sent to. */
export async function callbackServer() {
  const { asked, port } = await localServer((res) => {
    res.end('You can close this window.');
  });
  return { hits: asked, port };
}
