// The fake Graph API over real HTTP, through Starling's own Graph client: Facebook Login's
// dialog and code, the long-lived exchange, Page tokens from /me/accounts with linked
// Instagram accounts, posting with the Page token only, usage headers up to the Page's
// limit, and Meta's error shapes for tokens it no longer takes.
import { afterEach, describe, expect, it } from 'vitest';
import { createGraphApi, GraphError } from '../../main/core/platforms/meta/graph.ts';
import { metaRoute } from '../../main/core/platforms/meta/route.ts';
import { parseUsage } from '../../main/core/platforms/meta/usage.ts';
import { startFakeMeta, type FakeMeta } from '../fakes/meta-server/index.ts';

const redirectUri = 'http://127.0.0.1:17823/callback';
const opened: FakeMeta[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((f) => f.close()));
});

async function setUp() {
  const fake = await startFakeMeta({ startAt: Date.UTC(2026, 11, 4, 12) });
  opened.push(fake);
  const user = fake.addUser({ name: 'Ada Baker' });
  const page = fake.addPage(user.id, { name: 'Rye & Co', followers: 120 });
  const other = fake.addPage(user.id, { name: 'Gym 24' });
  const ig = fake.linkInstagram(page.id, { username: 'ryeandco' });
  fake.registerApp({ appId: '5550001', appSecret: 'app-secret', redirectUris: [redirectUri] });
  const seen: Record<string, string>[] = [];
  const graph = createGraphApi(
    () => metaRoute({ STARLING_META_API_ORIGIN: fake.origin }),
    (headers) => {
      seen.push(
        Object.fromEntries(parseUsage(headers, 0).map((u) => [u.scope, String(u.percent)])),
      );
    },
  );
  return { fake, user, page, other, ig, graph, seen };
}

const dialogUrl = (fake: FakeMeta, scope: string) =>
  `${fake.origin}/v24.0/dialog/oauth?${new URLSearchParams({
    client_id: '5550001',
    redirect_uri: redirectUri,
    state: 'st-1',
    scope,
    response_type: 'code',
  }).toString()}`;

const scopes =
  'pages_show_list pages_manage_posts pages_read_engagement pages_manage_engagement read_insights';

async function longLivedToken(fake: FakeMeta, graph: ReturnType<typeof createGraphApi>) {
  const back = new URL(await fake.approve(dialogUrl(fake, scopes)));
  expect(back.searchParams.get('state')).toBe('st-1');
  const short = await graph.token({
    client_id: '5550001',
    client_secret: 'app-secret',
    redirect_uri: redirectUri,
    code: back.searchParams.get('code') ?? '',
  });
  const long = await graph.token({
    grant_type: 'fb_exchange_token',
    client_id: '5550001',
    client_secret: 'app-secret',
    fb_exchange_token: String(short.access_token),
  });
  expect(long.expires_in).toBe(5_184_000);
  return String(long.access_token);
}

describe('fake Meta', () => {
  it('logs in, lists Pages with tokens and linked Instagram accounts, and posts as a Page', async () => {
    const { fake, page, other, ig, graph } = await setUp();
    const token = await longLivedToken(fake, graph);
    const accounts = await graph.get(token, '/me/accounts', {
      fields: 'id,name,access_token,tasks,instagram_business_account{id,username}',
    });
    const data = accounts.data as Record<string, unknown>[];
    expect(data.map((p) => p.id)).toEqual([page.id, other.id]);
    expect(data[0]?.instagram_business_account).toMatchObject({ id: ig.id, username: 'ryeandco' });
    expect(data[1]).not.toHaveProperty('instagram_business_account');
    const pageToken = String(data[0]?.access_token);

    // A user token may not post for the Page; its Page token may.
    await expect(graph.post(token, `/${page.id}/feed`, { message: 'hi' })).rejects.toMatchObject({
      code: 200,
    });
    const posted = await graph.post(pageToken, `/${page.id}/feed`, {
      message: 'Fresh rye',
      link: 'https://rye.example/bread',
    });
    expect(fake.postsOf(page.id)).toMatchObject([
      { id: posted.id, kind: 'link', message: 'Fresh rye', link: 'https://rye.example/bread' },
    ]);
  });

  it('refuses a reused code and a wrong redirect, and denies in the redirect', async () => {
    const { fake, graph } = await setUp();
    const back = new URL(await fake.approve(dialogUrl(fake, scopes)));
    const code = back.searchParams.get('code') ?? '';
    const redeem = (redirect: string) =>
      graph.token({
        client_id: '5550001',
        client_secret: 'app-secret',
        redirect_uri: redirect,
        code,
      });
    await expect(redeem('http://127.0.0.1:1/callback')).rejects.toMatchObject({ subcode: 36008 });
    await redeem(redirectUri);
    await expect(redeem(redirectUri)).rejects.toMatchObject({ code: 100, subcode: 36009 });
    const denied = new URL(await fake.approve(dialogUrl(fake, scopes), { deny: true }));
    expect(denied.searchParams.get('error_reason')).toBe('user_denied');
    expect(denied.searchParams.get('state')).toBe('st-1');
  });

  it('reports the Page’s usage and refuses at its limit with 80001', async () => {
    const { fake, page, graph, seen } = await setUp();
    const token = await longLivedToken(fake, graph);
    const accounts = await graph.get(token, '/me/accounts', { fields: 'id,access_token' });
    const pageToken = String((accounts.data as Record<string, unknown>[])[0]?.access_token);
    fake.setLimits({ pageCallsPerHour: 2 });
    await graph.get(pageToken, `/${page.id}`, { fields: 'followers_count' });
    await graph.get(pageToken, `/${page.id}`, { fields: 'followers_count' });
    expect(seen.at(-1)).toEqual({ [page.id]: '100' });
    const refused = await graph.get(pageToken, `/${page.id}`).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(GraphError);
    expect(refused).toMatchObject({ code: 80001, transient: true });
  });

  it('answers 190 for a revoked grant and an injected expiry', async () => {
    const { fake, user, graph } = await setUp();
    const token = await longLivedToken(fake, graph);
    fake.faults.add({ kind: 'expired', path: '/v24.0/me' });
    await expect(graph.get(token, '/me')).rejects.toMatchObject({ code: 190, subcode: 463 });
    fake.revokeUser(user.id);
    await expect(graph.get(token, '/me')).rejects.toMatchObject({ code: 190, subcode: 458 });
  });
});
