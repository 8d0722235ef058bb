// The fake X server's OAuth 1.0a, driven by twitter-api-v2 through the real routing
// agent: three-legged sign-in and signed calls, refusals, and tokens issued directly.
import { TwitterApi } from 'twitter-api-v2';
import { describe, expect, it } from 'vitest';
import { type FakeX } from '../fakes/x-server/index.ts';
import {
  consumerKey,
  consumerSecret,
  unauthorizedBody,
  fakeX,
  routeTo,
  responseError,
} from './fake-x-fixture.ts';

describe('fake X: OAuth 1.0a', () => {
  function oauth1Setup(fake: FakeX) {
    fake.registerOAuth1App({ consumerKey, consumerSecret, name: 'Starling' });
    const user = fake.addUser({ username: 'bean_roasters' });
    fake.signIn(user.id);
    const app = new TwitterApi(
      { appKey: consumerKey, appSecret: consumerSecret },
      { httpAgent: routeTo(fake).agent },
    );
    return { user, app };
  }

  it('signs in three-legged, then signs API calls', async () => {
    const fake = await fakeX();
    const { user, app } = oauth1Setup(fake);
    const link = await app.generateAuthLink('http://127.0.0.1:4567/oauth1-callback', {
      linkMode: 'authorize',
    });
    expect(link.oauth_callback_confirmed).toBe('true');
    expect(link.url).toMatch(/^https:\/\/api\.x\.com\/oauth\/authorize\?oauth_token=/);
    const callback = new URL(
      await fake.approve(link.url.replace('https://api.x.com', fake.origin)),
    );
    expect(callback.pathname).toBe('/oauth1-callback');
    expect(callback.searchParams.get('oauth_token')).toBe(link.oauth_token);
    const verifier = callback.searchParams.get('oauth_verifier') ?? '';

    const requestClient = new TwitterApi(
      {
        appKey: consumerKey,
        appSecret: consumerSecret,
        accessToken: link.oauth_token,
        accessSecret: link.oauth_token_secret,
      },
      { httpAgent: routeTo(fake).agent },
    );
    const session = await requestClient.login(verifier);
    expect(session).toMatchObject({ userId: user.id, screenName: 'bean_roasters' });
    const me = await session.client.v2.me({ 'user.fields': ['public_metrics'] });
    expect(me.data.id).toBe(user.id);
    const posted = await session.client.v2.tweet('Signed with HMAC-SHA1');
    expect(fake.ledger.tweets()[0]).toMatchObject({ id: posted.data.id, authorId: user.id });
    const read = await session.client.v2.tweets([posted.data.id], {
      'tweet.fields': ['created_at'],
    });
    expect(read.data[0]?.id).toBe(posted.data.id);

    // The request token and verifier are single-use.
    expect((await responseError(requestClient.login(verifier))).code).toBe(401);
    // A wrong token secret makes a wrong signature.
    const forged = new TwitterApi(
      {
        appKey: consumerKey,
        appSecret: consumerSecret,
        accessToken: session.accessToken,
        accessSecret: 'wrong',
      },
      { httpAgent: routeTo(fake).agent },
    );
    const bad = await responseError(forged.v2.me());
    expect(bad.code).toBe(401);
    expect(bad.data).toEqual(unauthorizedBody);
  });

  it('refuses a bad consumer secret and redirects with denied= on cancel', async () => {
    const fake = await fakeX();
    const { app } = oauth1Setup(fake);
    const wrongApp = new TwitterApi(
      { appKey: consumerKey, appSecret: 'not-the-secret' },
      { httpAgent: routeTo(fake).agent },
    );
    const refused = await responseError(wrongApp.generateAuthLink('http://127.0.0.1:4567/cb'));
    expect(refused.code).toBe(401);
    expect(refused.data).toEqual({
      errors: [{ code: 32, message: 'Could not authenticate you.' }],
    });

    const link = await app.generateAuthLink('http://127.0.0.1:4567/cb');
    expect(link.url).toContain('/oauth/authenticate?');
    const callback = new URL(await fake.approve(link.url, { deny: true }));
    expect(callback.searchParams.get('denied')).toBe(link.oauth_token);
    expect(callback.searchParams.has('oauth_verifier')).toBe(false);
  });

  it('issues tokens directly, which revokeUser kills', async () => {
    const fake = await fakeX();
    const { user } = oauth1Setup(fake);
    const tokens = fake.issueOAuth1Tokens(user.id, consumerKey);
    const client = new TwitterApi(
      { appKey: consumerKey, appSecret: consumerSecret, ...tokens },
      { httpAgent: routeTo(fake).agent },
    );
    expect((await client.v2.me()).data.username).toBe('bean_roasters');
    fake.revokeUser(user.id);
    expect((await responseError(client.v2.me())).code).toBe(401);
  });
});
