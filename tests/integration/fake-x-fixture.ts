// Helpers for the fake X server's own tests (fake-x-*.test.ts): a fake per test, the
// routing agent aimed at it, twitter-api-v2 clients, PKCE links, a signed-in user, and
// plain HTTP with the Host header X would see.
import crypto from 'node:crypto';
import http from 'node:http';
import { ApiResponseError, TwitterApi } from 'twitter-api-v2';
import { expect, onTestFinished } from 'vitest';
import { createXRoute } from '../../main/core/platforms/x/x-agent.ts';
import { startFakeX, type FakeUser, type FakeX } from '../fakes/x-server/index.ts';

export const clientId = 'starling-test-client';
export const redirectUri = 'http://127.0.0.1:4567/callback';
export const consumerKey = 'starling-consumer-key';
export const consumerSecret = 'starling-consumer-secret';
export const allScopes = [
  'tweet.read',
  'tweet.write',
  'users.read',
  'media.write',
  'offline.access',
];
export const unauthorizedBody = {
  title: 'Unauthorized',
  type: 'about:blank',
  status: 401,
  detail: 'Unauthorized',
};

export async function fakeX(): Promise<FakeX> {
  const fake = await startFakeX();
  onTestFinished(() => fake.close());
  return fake;
}

export function routeTo(fake: FakeX) {
  return createXRoute({ STARLING_X_API_ORIGIN: fake.origin });
}

export function oauth2App(fake: FakeX) {
  return new TwitterApi({ clientId }, { httpAgent: routeTo(fake).agent });
}

export function bearer(fake: FakeX, token: string) {
  return new TwitterApi(token, { httpAgent: routeTo(fake).agent });
}

/** What a rejected call threw. */
export async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

export async function responseError(promise: Promise<unknown>): Promise<ApiResponseError> {
  const error = await failureOf(promise);
  expect(error).toBeInstanceOf(ApiResponseError);
  return error as ApiResponseError;
}

export function randomString(bytes: number) {
  return crypto.randomBytes(bytes).toString('base64url');
}

/** A PKCE authorize link with our own crypto-random verifier and state, aimed at the fake. */
export function authLink(fake: FakeX, opts: { scope?: string[]; redirect?: string } = {}) {
  const state = randomString(24);
  const codeVerifier = randomString(48);
  const url = new URL('/i/oauth2/authorize', routeTo(fake).authorizeOrigin);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: opts.redirect ?? redirectUri,
    scope: (opts.scope ?? allScopes).join(' '),
    state,
    code_challenge: crypto.createHash('sha256').update(codeVerifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  return { url: url.toString(), state, codeVerifier };
}

export function setUp(fake: FakeX): FakeUser {
  fake.registerApp({ clientId, redirectUris: [redirectUri], name: 'Starling' });
  const user = fake.addUser({ username: 'acme_coffee', name: 'Acme Coffee', followers: 120 });
  fake.signIn(user.id);
  return user;
}

export async function login(fake: FakeX, scope?: string[]) {
  const link = authLink(fake, scope === undefined ? {} : { scope });
  const code = new URL(await fake.approve(link.url)).searchParams.get('code') ?? '';
  return oauth2App(fake).loginWithOAuth2({ code, codeVerifier: link.codeVerifier, redirectUri });
}

/** A client for a user with tokens issued directly (no sign-in flow). */
export function clientFor(fake: FakeX, userId: string, scopes?: string[]) {
  const tokens = fake.issueTokens(userId, scopes === undefined ? {} : { scopes });
  return bearer(fake, tokens.accessToken).v2;
}

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** Plain HTTP to the fake, with the Host header X would see. */
export function raw(
  fake: FakeX,
  opts: {
    method?: string;
    path: string;
    host?: string;
    headers?: Record<string, string>;
    body?: string;
  },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: fake.port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: { host: opts.host ?? 'api.x.com', ...opts.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString(),
          });
        });
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}
