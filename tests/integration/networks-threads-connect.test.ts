// Connecting a Threads account against the fake Threads: the authorize URL on threads.net
// with the registered https redirect, no loopback listener, the address the browser lands
// on pasted into the same flow (state checked; a wrong one refused while it keeps waiting),
// the code exchanged for a long-lived token kept only in the vault, denial, a missing app,
// and the token refreshed before its 60 days run out or the account marked needs_reauth.
import { describe, expect, it } from 'vitest';
import { dumpDatabase, expectOk } from '../helpers/core.ts';
import {
  connectThreads,
  makeThreadsCore,
  setUpThreadsApp,
  startThreads,
  startThreadsConnect,
  testThreadsApp,
} from '../helpers/threads-accounts.ts';
import { addClient, flowOutcome } from '../helpers/x-accounts.ts';

const dayMs = 86_400_000;

describe('connect a Threads account (paste the address)', () => {
  it('sends the browser to the registered redirect and connects from the pasted address', async () => {
    const fake = await startThreads();
    const core = await makeThreadsCore(fake);
    const clientId = await addClient(core);
    const user = fake.addUser({ username: 'novabakery', name: 'Nova Bakery' });
    await setUpThreadsApp(core, fake);
    const app = expectOk(await core.invoke('accounts:get-app', { platform: 'threads' }));
    expect(app).toEqual({
      platform: 'threads',
      clientId: testThreadsApp.clientId,
      hasSecret: true,
      fromEnvironment: false,
      redirectUri: testThreadsApp.redirectUri,
    });

    const flow = await startThreadsConnect(core, clientId);
    expect(flow).toMatchObject({ awaitsPaste: true, redirectUri: testThreadsApp.redirectUri });
    const url = new URL(flow.authorizeUrl);
    expect(url.origin + url.pathname).toBe(`${fake.origin}/oauth/authorize`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: testThreadsApp.clientId,
      redirect_uri: testThreadsApp.redirectUri,
      response_type: 'code',
      scope:
        'threads_basic,threads_content_publish,threads_manage_insights,threads_manage_replies,threads_read_replies',
    });

    const outcome = flowOutcome(core, flow.flowId);
    const address = await fake.approve(flow.authorizeUrl, { userId: user.id });
    expect(address).toMatch(/^https:\/\/starling\.example\/threads\/callback\?code=.+#_$/);

    const forged = new URL(address);
    forged.searchParams.set('state', 'not-the-state');
    const refused = await core.invoke('accounts:paste-address', {
      flowId: flow.flowId,
      address: forged.href,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(fake.ledger.requests().filter((r) => r.path === '/oauth/access_token')).toEqual([]);

    const account = expectOk(
      await core.invoke('accounts:paste-address', { flowId: flow.flowId, address }),
    );
    expect(account).toMatchObject({
      clientId,
      platform: 'threads',
      platformUserId: user.id,
      handle: 'novabakery',
      displayName: 'Nova Bakery',
      status: 'active',
      authKind: 'oauth2',
      credentialsExpireAt: core.clock.now() + 60 * dayMs,
    });
    expect(await outcome).toMatchObject({ ok: true, account: { id: account.id } });
    // Short-lived → long-lived at once; neither token nor the secret is kept in the clear.
    const paths = fake.ledger.requests().map((r) => r.path);
    expect(paths).toEqual(
      expect.arrayContaining(['/oauth/access_token', '/access_token', '/v1.0/me']),
    );
    const rows = JSON.stringify(dumpDatabase(core), (_k, value: unknown) =>
      value instanceof Uint8Array ? Buffer.from(value).toString('latin1') : value,
    );
    expect(rows).not.toMatch(/TH[SL][A-Za-z0-9_-]{20}/);
    expect(rows).not.toContain(testThreadsApp.clientSecret);
  });

  it('ends the flow when the user declines on Threads', async () => {
    const fake = await startThreads();
    const core = await makeThreadsCore(fake);
    const clientId = await addClient(core);
    const user = fake.addUser();
    await setUpThreadsApp(core, fake);
    const flow = await startThreadsConnect(core, clientId);
    const address = await fake.approve(flow.authorizeUrl, { userId: user.id, deny: true });
    const refused = await core.invoke('accounts:paste-address', { flowId: flow.flowId, address });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'PLATFORM_REJECTED', details: { reason: 'denied' } },
    });
    expect(expectOk(await core.invoke('accounts:list', {}))).toEqual([]);
  });

  it('refuses to start without a complete Threads app, saying what to set', async () => {
    const fake = await startThreads();
    const core = await makeThreadsCore(fake);
    const clientId = await addClient(core);
    const none = await core.invoke('accounts:connect', { clientId, platform: 'threads' });
    expect(none).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!none.ok) expect(none.error.message).toContain('STARLING_THREADS_APP_ID');
    expectOk(
      await core.invoke('accounts:save-app', {
        platform: 'threads',
        clientId: testThreadsApp.clientId,
        clientSecret: testThreadsApp.clientSecret,
      }),
    );
    const noRedirect = await core.invoke('accounts:connect', { clientId, platform: 'threads' });
    expect(noRedirect).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!noRedirect.ok) expect(noRedirect.error.message).toContain('redirect address');
    const http = await core.invoke('accounts:save-app', {
      platform: 'threads',
      clientId: testThreadsApp.clientId,
      redirectUri: 'http://starling.example/cb',
    });
    expect(http).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('refreshes the long-lived token before its 60 days run out', async () => {
    const { core, fake, account } = await connectThreads();
    const metricsCall = () =>
      core.platforms.get('threads').metrics.readAccount({ ...account, settings: {} });
    // Fresh: used as it is.
    await metricsCall();
    expect(fake.ledger.requests().filter((r) => r.path === '/refresh_access_token')).toEqual([]);
    core.advance(11 * dayMs);
    await metricsCall();
    expect(fake.ledger.requests().filter((r) => r.path === '/refresh_access_token')).toHaveLength(
      1,
    );
    const [listed] = expectOk(await core.invoke('accounts:list', {}));
    expect(listed?.credentialsExpireAt).toBe(core.clock.now() + 60 * dayMs);
  });

  it('marks the account needs_reauth when Threads refuses its token', async () => {
    const { core, fake, account, user } = await connectThreads();
    fake.revokeUser(user.id);
    await expect(
      core.platforms.get('threads').metrics.readAccount({ ...account, settings: {} }),
    ).rejects.toMatchObject({ error: { code: 'AUTH_EXPIRED' } });
    const [listed] = expectOk(await core.invoke('accounts:list', {}));
    expect(listed).toMatchObject({ status: 'needs_reauth' });
    expect(listed?.statusReason).toContain('Threads');
  });
});
