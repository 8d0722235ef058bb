// The fake X server, driven by twitter-api-v2 through the real routing agent
// (x-agent.ts) and, where the library cannot, by plain HTTP: it must answer in the
// shapes the library parses, so tests of Starling against it mean something.
import crypto from 'node:crypto';
import { TwitterApi, type ApiResponseError } from 'twitter-api-v2';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createXRoute } from '../../main/core/platforms/x/x-agent.ts';
import { startFakeX, type FakeX } from '../fakes/x-server/index.ts';

const clientId = 'starling-test-client';
const redirectUri = 'http://127.0.0.1:4567/callback';

async function fakeX(): Promise<FakeX> {
  const fake = await startFakeX();
  onTestFinished(() => fake.close());
  return fake;
}

function clientOf(fake: FakeX) {
  const route = createXRoute({ STARLING_X_API_ORIGIN: fake.origin });
  return {
    route,
    oauth2App: () => new TwitterApi({ clientId }, { httpAgent: route.agent }),
    bearer: (token: string) => new TwitterApi(token, { httpAgent: route.agent }),
  };
}

/** What a rejected twitter-api-v2 call threw. */
async function failureOf(promise: Promise<unknown>): Promise<ApiResponseError> {
  try {
    await promise;
  } catch (error) {
    return error as ApiResponseError;
  }
  throw new Error('expected the call to fail');
}

/** A PKCE link with our own crypto-random verifier and state, aimed at the fake. */
function authLink(
  fake: FakeX,
  scope = ['tweet.read', 'tweet.write', 'users.read', 'offline.access'],
) {
  const { oauth2App, route } = clientOf(fake);
  const state = crypto.randomBytes(24).toString('base64url');
  const codeVerifier = crypto.randomBytes(48).toString('base64url');
  const codeChallenge = crypto.createHash('sha256').update(codeVerifier).digest('base64url');
  const url = new URL('/i/oauth2/authorize', route.authorizeOrigin);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    scope: scope.join(' '),
    state,
    code_challenge: codeChallenge,
    code_challenge_method: 'S256',
  }).toString();
  // The library's own link generator for comparison (its state is Math.random based).
  const libraryLink = oauth2App().generateOAuth2AuthLink(redirectUri, { scope, state });
  return { url: url.toString(), state, codeVerifier, libraryLink };
}

function signedInFake(fake: FakeX) {
  fake.registerApp({ clientId, redirectUris: [redirectUri], name: 'Starling' });
  const user = fake.addUser({ username: 'acme_coffee', name: 'Acme Coffee', followers: 120 });
  fake.signIn(user.id);
  return user;
}

describe('fake X: OAuth 2 with PKCE', () => {
  it('logs in with a code, reads the user and posts', async () => {
    const fake = await fakeX();
    const user = signedInFake(fake);
    const link = authLink(fake);
    const callback = new URL(await fake.approve(link.url));
    expect(callback.origin + callback.pathname).toBe(redirectUri);
    expect(callback.searchParams.get('state')).toBe(link.state);
    const code = callback.searchParams.get('code') ?? '';

    const login = await clientOf(fake).oauth2App().loginWithOAuth2({
      code,
      codeVerifier: link.codeVerifier,
      redirectUri,
    });
    expect(login.expiresIn).toBe(7200);
    expect(login.scope).toEqual(['tweet.read', 'tweet.write', 'users.read', 'offline.access']);
    expect(login.refreshToken).toEqual(expect.any(String));

    const me = await login.client.v2.me({ 'user.fields': ['profile_image_url', 'public_metrics'] });
    expect(me.data).toMatchObject({
      id: user.id,
      username: 'acme_coffee',
      name: 'Acme Coffee',
      profile_image_url: expect.stringMatching(/^https:\/\//),
      public_metrics: { followers_count: 120, following_count: 0, tweet_count: 0 },
    });

    const posted = await login.client.v2.tweet('Fresh beans today');
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
  });
});

describe('fake X: authentication', () => {
  it('answers 401 in X shape for an unknown bearer token', async () => {
    const fake = await fakeX();
    const error = await failureOf(clientOf(fake).bearer('not-a-token').v2.me());
    expect(error.code).toBe(401);
    expect(error.data).toEqual({
      title: 'Unauthorized',
      type: 'about:blank',
      status: 401,
      detail: 'Unauthorized',
    });
  });
});
