// Connecting an X account with OAuth 2 + PKCE through dispatch, against the fake X
// server: the authorize URL, the loopback callback (state checked, a stray callback
// refused while the flow keeps waiting), denial, expired codes, busy ports, cancel,
// timeout, and an account that belongs to another client.
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { createPassphraseCipher } from '../../main/core/adapters/passphrase-cipher.ts';
import type { SocialAccount } from '../../shared/accounts.ts';
import { dumpDatabase, expectOk } from '../helpers/core.ts';
import {
  addClient,
  connectX,
  flowOutcome,
  followRedirect,
  freePort,
  makeXCore,
  startConnect,
  startX,
  testXClientId,
} from '../helpers/x-accounts.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

/** True when something (our listener) still accepts connections on the port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      resolve(false);
    });
  });
}

describe('connect an X account (OAuth 2 + PKCE)', () => {
  it('connects through the loopback callback and fills handle, name and avatar', async () => {
    const fake = await startX();
    const core = await makeXCore(fake);
    const clientId = await addClient(core, 'Nova Bakery');
    const user = fake.addUser({ username: 'novabakery', name: 'Nova Bakery' });
    const { flow, port } = await startConnect(core, fake, clientId);

    expect(flow).toMatchObject({
      redirectUri: `http://127.0.0.1:${String(port)}/callback`,
      browserOpened: false,
      expiresAt: core.clock.now() + 10 * 60_000,
    });
    const url = new URL(flow.authorizeUrl);
    expect(url.origin + url.pathname).toBe(`${fake.origin}/i/oauth2/authorize`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: testXClientId,
      redirect_uri: flow.redirectUri,
      scope: 'tweet.read tweet.write users.read offline.access media.write',
      code_challenge_method: 'S256',
    });
    expect(flow.authorizeUrl).toContain('scope=tweet.read%20tweet.write');
    expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const outcome = flowOutcome(core, flow.flowId);
    const redirect = await fake.approve(flow.authorizeUrl, { userId: user.id });
    const page = await followRedirect(redirect);
    expect(page.status).toBe(200);
    expect(page.text).toContain('@novabakery is connected');
    expect(page.text).toContain('You can close this tab');

    const ended = await outcome;
    expect(ended.ok).toBe(true);
    const account = (ended as { account: SocialAccount }).account;
    expect(account).toMatchObject({
      clientId,
      platform: 'x',
      platformUserId: user.id,
      handle: 'novabakery',
      displayName: 'Nova Bakery',
      // The picture itself, kept locally (accounts-avatar.test.ts).
      avatarUrl: expect.stringMatching(/^data:image\/webp;base64,/),
      status: 'active',
      authKind: 'oauth2',
    });
    expect(expectOk(await core.invoke('accounts:list', { clientId }))).toEqual([account]);
    expect(expectOk(await core.invoke('accounts:list', {}))).toEqual([account]);

    const me = fake.ledger.requests().find((r) => r.path === '/2/users/me');
    expect(new URL(me?.url ?? '', 'http://x').searchParams.get('user.fields')).toBe(
      'profile_image_url,name,username',
    );
    // The code was redeemed with the verifier whose challenge the URL carried.
    const exchange = fake.ledger.requests().find((r) => r.path === '/2/oauth2/token');
    expect(exchange?.status).toBe(200);
    expect(await listening(port)).toBe(false);
  });

  it('refuses a callback with a wrong or missing state and keeps waiting for the right one', async () => {
    const fake = await startX();
    const core = await makeXCore(fake);
    const clientId = await addClient(core);
    const user = fake.addUser();
    const { flow } = await startConnect(core, fake, clientId);
    const outcome = flowOutcome(core, flow.flowId);

    const redirect = new URL(await fake.approve(flow.authorizeUrl, { userId: user.id }));
    const forged = new URL(redirect);
    forged.searchParams.set('state', 'not-the-state-starling-sent-aaaaaaaaaaaaaaa');
    const wrong = await followRedirect(forged.href);
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('still waiting');
    const stateless = new URL(redirect);
    stateless.searchParams.delete('state');
    expect((await followRedirect(stateless.href)).status).toBe(400);
    expect((await followRedirect(new URL('/other', redirect).href)).status).toBe(404);
    expect(core.seen.filter((s) => s.event.startsWith('account:'))).toEqual([]);

    expect((await followRedirect(redirect.href)).status).toBe(200);
    expect(await outcome).toMatchObject({ ok: true, account: { platformUserId: user.id } });
  });

  it('ends the flow when the user declines at X, and frees the port', async () => {
    const fake = await startX();
    const core = await makeXCore(fake);
    const clientId = await addClient(core);
    const user = fake.addUser();
    const { flow, port } = await startConnect(core, fake, clientId);
    const outcome = flowOutcome(core, flow.flowId);
    const page = await followRedirect(
      await fake.approve(flow.authorizeUrl, { userId: user.id, deny: true }),
    );
    expect(page.text).toContain('You declined access on X');
    expect(await outcome).toMatchObject({
      ok: false,
      error: { code: 'PLATFORM_REJECTED', details: { reason: 'denied' } },
    });
    expect(await listening(port)).toBe(false);
    expect(expectOk(await core.invoke('accounts:list', {}))).toEqual([]);
  });

  it('reports a code that expired before it reached Starling (codes live 30 s)', async () => {
    const fake = await startX();
    const core = await makeXCore(fake);
    const clientId = await addClient(core);
    const user = fake.addUser();
    const { flow } = await startConnect(core, fake, clientId);
    const outcome = flowOutcome(core, flow.flowId);
    const redirect = await fake.approve(flow.authorizeUrl, { userId: user.id });
    fake.clock.advance(31_000);
    const page = await followRedirect(redirect);
    expect(page.text).toContain('Not connected');
    expect(await outcome).toMatchObject({
      ok: false,
      error: {
        code: 'PLATFORM_REJECTED',
        message: expect.stringContaining('30 seconds'),
        details: { reason: 'exchange_failed' },
      },
    });
    expect(expectOk(await core.invoke('accounts:list', {}))).toEqual([]);
  });

  it('names --port when the callback port is busy', async () => {
    const fake = await startX();
    const core = await makeXCore(fake);
    const clientId = await addClient(core);
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      const result = await core.invoke('accounts:connect-x', {
        clientId,
        xClientId: testXClientId,
        port,
      });
      expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { port } } });
      if (!result.ok) {
        expect(result.error.message).toContain(`Port ${String(port)}`);
        expect(result.error.message).toContain('--port');
      }
    } finally {
      blocker.close();
    }
  });

  it('refuses an X account already connected to another client, and reconnects it on its own', async () => {
    const first = await connectX();
    const { core, fake, user } = first;
    const before = dumpDatabase(core).account_credentials;

    const otherClient = await addClient(core, 'Someone Else');
    const { flow } = await startConnect(core, fake, otherClient);
    const outcome = flowOutcome(core, flow.flowId);
    const page = await followRedirect(await fake.approve(flow.authorizeUrl, { userId: user.id }));
    expect(page.text).toContain('already connected');
    expect(await outcome).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { accountId: first.account.id } },
    });
    expect(dumpDatabase(core).account_credentials).toEqual(before);

    // The same client connecting the same X user again: new tokens, same account.
    core.advance(60_000);
    const { flow: again } = await startConnect(core, fake, first.clientId);
    const reconnected = flowOutcome(core, again.flowId);
    await followRedirect(await fake.approve(again.authorizeUrl, { userId: user.id }));
    expect(await reconnected).toMatchObject({
      ok: true,
      account: {
        id: first.account.id,
        status: 'active',
        updatedAt: first.account.updatedAt + 60_000,
      },
    });
    expect(dumpDatabase(core).account_credentials).not.toEqual(before);
    expect(expectOk(await core.invoke('accounts:list', {}))).toHaveLength(1);
  });

  it('asks for a Client ID when none is set or passed', async () => {
    const fake = await startX();
    const core = await makeXCore(fake);
    const clientId = await addClient(core);
    const result = await core.invoke('accounts:connect-x', { clientId, port: await freePort() });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!result.ok) {
      expect(result.error.message).toContain('Settings');
      expect(result.error.message).toContain('--x-client-id');
    }
    // The Client ID kept in settings is used when none is passed.
    const port = await freePort();
    expectOk(
      await core.invoke('settings:update-preferences', {
        xClientId: testXClientId,
        xCallbackPort: port,
      }),
    );
    const flow = expectOk(await core.invoke('accounts:connect-x', { clientId }));
    expect(new URL(flow.authorizeUrl).searchParams.get('client_id')).toBe(testXClientId);
    expect(flow.redirectUri).toBe(`http://127.0.0.1:${String(port)}/callback`);
  });

  it('refuses to start when tokens could not be stored encrypted', async () => {
    const fake = await startX();
    const dataDir = tempDataDir();
    const core = await makeXCore(fake, {
      dataDir,
      ports: { cipher: createPassphraseCipher(dataDir, undefined) },
    });
    const clientId = await addClient(core);
    const port = await freePort();
    const result = await core.invoke('accounts:connect-x', {
      clientId,
      xClientId: testXClientId,
      port,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'ENCRYPTION_UNAVAILABLE' } });
    if (!result.ok) expect(result.error.message).toContain('STARLING_VAULT_PASSPHRASE');
    expect(await listening(port)).toBe(false);
    expect(expectOk(await core.invoke('vault:get-status', {}))).toMatchObject({
      available: false,
      canAcceptWeakProtection: false,
    });
  });

  it('refuses unknown and archived clients before opening anything', async () => {
    const fake = await startX();
    const core = await makeXCore(fake);
    const port = await freePort();
    expect(
      await core.invoke('accounts:connect-x', {
        clientId: 'nope',
        xClientId: testXClientId,
        port,
      }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const clientId = await addClient(core);
    expectOk(await core.invoke('clients:archive', { id: clientId }));
    expect(
      await core.invoke('accounts:connect-x', { clientId, xClientId: testXClientId, port }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await listening(port)).toBe(false);
  });

  it('cancels a waiting flow, and lets a new connect take over the port', async () => {
    const fake = await startX();
    const core = await makeXCore(fake);
    const clientId = await addClient(core);
    const { flow, port } = await startConnect(core, fake, clientId);
    const first = flowOutcome(core, flow.flowId);
    const { flow: second } = await startConnect(core, fake, clientId, port);
    expect(await first).toMatchObject({ ok: false, error: { details: { reason: 'superseded' } } });
    expect(await listening(port)).toBe(true);

    const outcome = flowOutcome(core, second.flowId);
    expect(
      expectOk(await core.invoke('accounts:cancel-connect', { flowId: second.flowId })),
    ).toEqual({ flowId: second.flowId });
    expect(await outcome).toMatchObject({ ok: false, error: { details: { reason: 'cancelled' } } });
    expect(await listening(port)).toBe(false);
    // Cancelling again (or a flow that never was) is a no-op.
    expect(await core.invoke('accounts:cancel-connect', { flowId: second.flowId })).toMatchObject({
      ok: true,
    });
  });

  it('gives up after the flow timeout and frees the port', async () => {
    const fake = await startX();
    const core = await makeXCore(fake, { tuning: { connectFlowTimeoutMs: 150 } });
    const clientId = await addClient(core);
    const { flow, port } = await startConnect(core, fake, clientId);
    expect(await flowOutcome(core, flow.flowId)).toMatchObject({
      ok: false,
      error: { code: 'AUTH_EXPIRED', retryable: true, details: { reason: 'timeout' } },
    });
    expect(await listening(port)).toBe(false);
  });

  it('frees the port when the core closes mid-flow', async () => {
    const fake = await startX();
    const core = await makeXCore(fake);
    const clientId = await addClient(core);
    const { port } = await startConnect(core, fake, clientId);
    await core.close();
    expect(await listening(port)).toBe(false);
  });
});
