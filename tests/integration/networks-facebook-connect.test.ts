// Connecting Facebook through accounts:connect against the fake Meta: the user's own Meta
// app kept with its secret sealed, Facebook Login with state, the short-lived token
// exchanged for a long-lived one whose end the account names, the Pages granted listed
// and added with their Page tokens, each linked Instagram account added beside its Page,
// every token only in the vault, and refusals in words with nothing written.
import { describe, expect, it } from 'vitest';
import { dumpDatabase, expectOk } from '../helpers/core.ts';
import {
  connectFacebook,
  makeMetaCore,
  setUpMetaApp,
  startFacebookConnect,
  startMeta,
  testMetaApp,
} from '../helpers/meta-accounts.ts';
import { addClient, flowOutcome, freePort } from '../helpers/x-accounts.ts';
import { everythingStored } from './stored-text.ts';

const day = 24 * 60 * 60_000;

describe('connect Facebook', () => {
  it('signs in with the saved app and keeps a long-lived token that ends in 60 days', async () => {
    const fake = await startMeta();
    const core = await makeMetaCore(fake);
    const clientId = await addClient(core, 'Rye & Co');
    const user = fake.addUser({ name: 'Ada Baker' });
    const port = await freePort();
    await setUpMetaApp(core, fake, port);
    expect(expectOk(await core.invoke('accounts:get-app', { platform: 'facebook' }))).toEqual({
      platform: 'facebook',
      clientId: testMetaApp.clientId,
      hasSecret: true,
      redirectUri: null,
      fromEnvironment: false,
    });
    const flow = await startFacebookConnect(core, clientId, port);
    const url = new URL(flow.authorizeUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${fake.origin}/v24.0/dialog/oauth`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: testMetaApp.clientId,
      redirect_uri: `http://127.0.0.1:${String(port)}/callback`,
      response_type: 'code',
    });
    expect(url.searchParams.get('scope')?.split(',')).toEqual(
      expect.arrayContaining([
        'pages_show_list',
        'pages_manage_posts',
        'pages_read_engagement',
        'instagram_basic',
        'instagram_content_publish',
        'instagram_manage_insights',
        'instagram_manage_comments',
        'business_management',
      ]),
    );
    expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{32}$/);

    const outcome = flowOutcome(core, flow.flowId);
    await fake.approve(flow.authorizeUrl, { userId: user.id });
    const ended = await outcome;
    if (!ended.ok) throw new Error(ended.error.message);
    expect(ended.account).toMatchObject({
      clientId,
      platform: 'facebook',
      platformUserId: user.id,
      displayName: 'Ada Baker',
      status: 'active',
      authKind: 'oauth2',
      credentialsExpireAt: core.clock.now() + 60 * day,
    });
    const exchanges = fake.requests().filter((r) => r.path === '/v24.0/oauth/access_token');
    expect(exchanges.map((r) => new URL(r.url, 'http://x').searchParams.get('grant_type'))).toEqual(
      [null, 'fb_exchange_token'],
    );
  });

  it('connects from the address the browser shows, pasted, as from the loopback redirect', async () => {
    const fake = await startMeta();
    const core = await makeMetaCore(fake);
    const clientId = await addClient(core);
    const user = fake.addUser({ name: 'Ada Baker' });
    const port = await freePort();
    await setUpMetaApp(core, fake, port);
    const flow = await startFacebookConnect(core, clientId, port);
    const outcome = flowOutcome(core, flow.flowId);
    // The browser is elsewhere: its address bar shows the redirect, which the user pastes.
    const shown = await fake.approve(flow.authorizeUrl, { userId: user.id, follow: false });
    const wrong = new URL(shown);
    wrong.searchParams.set('state', 'not-this-flow');
    const refused = await core.invoke('accounts:paste-address', {
      flowId: flow.flowId,
      address: wrong.href,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expectOk(await core.invoke('accounts:paste-address', { flowId: flow.flowId, address: shown }));
    const ended = await outcome;
    expect(ended).toMatchObject({
      ok: true,
      account: { platform: 'facebook', platformUserId: user.id },
    });
  });

  it('adds the Pages granted and their Instagram accounts, with tokens in the vault only', async () => {
    const fake = await startMeta();
    const user = fake.addUser({ name: 'Ada Baker' });
    const rye = fake.addPage(user.id, { name: 'Rye & Co' });
    const gym = fake.addPage(user.id, { name: 'Gym 24' });
    const ig = fake.linkInstagram(rye.id, { username: 'ryeandco' });
    const { core, account, clientId } = await connectFacebook({ fake, user });

    const pages = expectOk(await core.invoke('accounts:list-pages', { accountId: account.id }));
    expect(pages.map((p) => [p.id, p.name, p.accountId])).toEqual([
      [gym.id, 'Gym 24', null],
      [rye.id, 'Rye & Co (+ Instagram @ryeandco)', null],
    ]);
    const added = expectOk(
      await core.invoke('accounts:add-pages', { accountId: account.id, pageIds: [rye.id] }),
    );
    expect(
      added.map((a) => [a.platform, a.platformUserId, a.handle, a.credentialsExpireAt]),
    ).toEqual([
      ['facebook', rye.id, 'Rye & Co', null],
      ['instagram', ig.id, 'ryeandco', null],
    ]);
    const instagram = expectOk(await core.invoke('accounts:list', { clientId })).find(
      (a) => a.platform === 'instagram',
    );
    expect(instagram?.id).toBe(added[1]?.id);

    // Every token Meta handed out exists only sealed: not in plain columns, files or logs.
    const stored = everythingStored(core, dumpDatabase(core));
    const logged = JSON.stringify(core.logger.entries);
    expect(fake.liveTokens().length).toBeGreaterThan(2);
    for (const token of fake.liveTokens()) {
      expect(stored).not.toContain(token);
      expect(logged).not.toContain(token);
    }
    expect(stored).not.toContain(testMetaApp.clientSecret);
  });

  it('refuses a Page not granted, writing nothing', async () => {
    const fake = await startMeta();
    const user = fake.addUser();
    const granted = fake.addPage(user.id, { name: 'Granted' });
    const other = fake.addPage(user.id, { name: 'Not granted' });
    const fx = await (async () => {
      const core = await makeMetaCore(fake);
      const clientId = await addClient(core);
      const port = await freePort();
      await setUpMetaApp(core, fake, port);
      const flow = await startFacebookConnect(core, clientId, port);
      const outcome = flowOutcome(core, flow.flowId);
      await fake.approve(flow.authorizeUrl, { userId: user.id, pageIds: [granted.id] });
      const ended = await outcome;
      if (!ended.ok) throw new Error(ended.error.message);
      return { core, clientId, account: ended.account };
    })();
    const before = dumpDatabase(fx.core);
    const refused = await fx.core.invoke('accounts:add-pages', {
      accountId: fx.account.id,
      pageIds: [granted.id, other.id],
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('Nothing was added') },
    });
    expect(dumpDatabase(fx.core)).toEqual(before);
  });

  it('ends the flow in words when the user cancels, and refuses to start without an app', async () => {
    const fake = await startMeta();
    const core = await makeMetaCore(fake);
    const clientId = await addClient(core);
    const port = await freePort();
    const missing = await core.invoke('accounts:connect', { clientId, platform: 'facebook', port });
    expect(missing).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('No Meta app is set') },
    });
    const user = fake.addUser();
    await setUpMetaApp(core, fake, port);
    const flow = await startFacebookConnect(core, clientId, port);
    const outcome = flowOutcome(core, flow.flowId);
    await fake.approve(flow.authorizeUrl, { userId: user.id, deny: true });
    const ended = await outcome;
    expect(ended).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('declined') },
    });
    expect(expectOk(await core.invoke('accounts:list', { clientId }))).toEqual([]);
  });
});
