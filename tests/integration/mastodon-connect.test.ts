// Connecting Mastodon accounts through accounts:connect against the fake instance: PKCE
// where the instance has it and the plain code flow where it does not, Starling's app
// registered once per instance and reused, a stray callback refused while the flow keeps
// waiting, addresses that are not https:// or not Mastodon refused with nothing written,
// and the token revoked when the account is removed.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { dumpDatabase, expectOk } from '../helpers/core.ts';
import {
  approveConnect,
  connectMastodon,
  makeMastodonCore,
  startMastodon,
  startMastodonConnect,
} from '../helpers/mastodon-accounts.ts';
import { addClient, flowOutcome, followRedirect, freePort } from '../helpers/x-accounts.ts';

const scopes = 'profile write:statuses write:media read:statuses';

/** A loopback web server that is not Mastodon: every path answers `status` with `body`. */
async function notMastodon(status: number, type: string, body: string): Promise<string> {
  const server = http.createServer((_req, res) => {
    res.writeHead(status, { 'content-type': type });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      ),
  );
  return `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
}

describe('connect a Mastodon account', () => {
  it('signs in with PKCE S256, keeps the instance’s limits, and reuses the app next time', async () => {
    const fake = await startMastodon({ maxCharacters: 640 });
    const core = await makeMastodonCore(fake);
    const clientId = await addClient(core, 'Nova Bakery');
    const alice = fake.addUser({ username: 'nova', displayName: 'Nova Bakery' });
    const { flow, port } = await startMastodonConnect(core, fake, clientId);

    const url = new URL(flow.authorizeUrl);
    expect(url.origin + url.pathname).toBe(`${fake.origin}/oauth/authorize`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      redirect_uri: `http://127.0.0.1:${String(port)}/callback`,
      scope: scopes,
      code_challenge_method: 'S256',
    });
    expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [app] = fake.ledger.apps();
    expect(fake.ledger.apps()).toHaveLength(1);
    expect(app).toMatchObject({ name: 'Starling', redirectUris: [flow.redirectUri] });
    expect(app?.scopes.join(' ')).toBe(scopes);
    expect(url.searchParams.get('client_id')).toBe(app?.clientId);

    const account = await approveConnect(core, fake, flow, alice);
    const host = new URL(fake.origin).host;
    expect(account).toMatchObject({
      clientId,
      platform: 'mastodon',
      platformUserId: `${alice.id}@${host}`,
      handle: `nova@${host}`,
      displayName: 'Nova Bakery',
      serviceUrl: fake.origin,
      status: 'active',
      authKind: 'oauth2',
    });
    const row = await core.database.db
      .selectFrom('social_accounts')
      .select('settings')
      .where('id', '=', account.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.settings)).toMatchObject({
      maxCharacters: 640,
      urlLength: 23,
      maxMedia: 4,
      descriptionLimit: 1500,
      defaultVisibility: 'public',
      version: expect.stringMatching(/^4\.3\./),
    });
    // The app's secret is sealed by the vault, never stored as it is.
    const kept = await core.database.db.selectFrom('platform_apps').selectAll().execute();
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ platform: 'mastodon', origin: fake.origin, scopes });
    expect(Buffer.from(kept[0]?.secret_ciphertext ?? []).toString('latin1')).not.toContain(
      app?.clientSecret,
    );

    // A second account on the same instance and port: the kept app, no new registration.
    const bea = fake.addUser({ username: 'bea' });
    const again = await startMastodonConnect(core, fake, clientId, port);
    expect(new URL(again.flow.authorizeUrl).searchParams.get('client_id')).toBe(app?.clientId);
    const second = await approveConnect(core, fake, again.flow, bea);
    expect(second.handle).toBe(`bea@${host}`);
    expect(fake.ledger.apps()).toHaveLength(1);
    expect(fake.ledger.requests().filter((r) => r.path === '/api/v1/apps')).toHaveLength(1);
    expect(await core.database.db.selectFrom('platform_apps').selectAll().execute()).toHaveLength(
      1,
    );
  });

  it('uses the plain code flow (and read:accounts) on an instance without PKCE', async () => {
    const fake = await startMastodon({ pkce: false });
    const { account, core } = await connectMastodon({ fake, username: 'oldtimer' });
    const [app] = fake.ledger.apps();
    expect(app?.scopes.join(' ')).toBe('read:accounts write:statuses write:media read:statuses');
    const authorize = fake.ledger.requests().find((r) => r.path === '/oauth/authorize');
    const query = new URL(authorize?.url ?? '', fake.origin).searchParams;
    expect(query.has('code_challenge')).toBe(false);
    expect(query.has('code_challenge_method')).toBe(false);
    expect(account).toMatchObject({ platform: 'mastodon', status: 'active' });
    const listed = expectOk(await core.invoke('accounts:list', {}));
    expect(listed.map((a) => a.handle)).toEqual([account.handle]);
  });

  it('refuses a callback with a wrong or missing state and keeps waiting for the right one', async () => {
    const fake = await startMastodon();
    const core = await makeMastodonCore(fake);
    const clientId = await addClient(core);
    const alice = fake.addUser({ username: 'alice' });
    const { flow } = await startMastodonConnect(core, fake, clientId);

    const forged = new URL(flow.redirectUri);
    forged.searchParams.set('code', 'stolen-code');
    forged.searchParams.set('state', 'not-the-state-starling-sent');
    const refused = await followRedirect(forged.href);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('not the sign-in Starling is waiting for');
    forged.searchParams.delete('state');
    expect((await followRedirect(forged.href)).status).toBe(400);
    expect(core.seen.filter((s) => s.event.startsWith('account:connect'))).toEqual([]);

    const account = await approveConnect(core, fake, flow, alice);
    expect(account.handle).toBe(`alice@${new URL(fake.origin).host}`);
  });

  it('ends the flow when the user declines on the instance', async () => {
    const fake = await startMastodon();
    const core = await makeMastodonCore(fake);
    const clientId = await addClient(core);
    fake.addUser({ username: 'alice' });
    const { flow } = await startMastodonConnect(core, fake, clientId);
    const outcome = flowOutcome(core, flow.flowId);
    await fake.approve(flow.authorizeUrl, { deny: true });
    expect(await outcome).toMatchObject({
      ok: false,
      error: { code: 'PLATFORM_REJECTED', details: { reason: 'denied' } },
    });
    expect(await core.database.db.selectFrom('social_accounts').selectAll().execute()).toEqual([]);
  });

  it('refuses http:// off this computer and servers that are not Mastodon, writing nothing', async () => {
    const fake = await startMastodon();
    const core = await makeMastodonCore(fake);
    const clientId = await addClient(core);
    const before = dumpDatabase(core);
    const connect = async (serviceUrl: string) =>
      await core.invoke('accounts:connect', {
        clientId,
        platform: 'mastodon',
        serviceUrl,
        port: await freePort(),
      });

    const plain = await connect('http://mastodon.example');
    expect(plain).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(!plain.ok && plain.error.message).toMatch(/must be reached over https:\/\//);

    const pages = [
      await notMastodon(404, 'text/html', '<!doctype html><p>Not found</p>'),
      await notMastodon(200, 'text/html', '<!doctype html><p>My blog</p>'),
      await notMastodon(200, 'application/json', '{"hello":"world"}'),
    ];
    for (const address of pages) {
      const answer = await connect(address);
      expect(answer).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(!answer.ok && answer.error.message).toMatch(/^That address is not a Mastodon server/);
    }
    // Nobody there: a different failure, worth trying again later.
    const down = await connect(`http://127.0.0.1:${String(await freePort())}`);
    expect(down).toMatchObject({ ok: false, error: { code: 'OFFLINE', retryable: true } });
    expect(dumpDatabase(core)).toEqual(before);
    expect(fake.ledger.requests()).toEqual([]);
  });

  it('revokes the token at the instance when the account is removed', async () => {
    const { core, fake, account } = await connectMastodon();
    expectOk(await core.invoke('accounts:remove', { id: account.id }));
    const revoked = fake.ledger.requests().filter((r) => r.path === '/oauth/revoke');
    expect(revoked.map((r) => r.status)).toEqual([200]);
    const token = /(?:^|&)token=([^&]+)/.exec(revoked[0]?.body ?? '')?.[1] ?? '';
    const me = await fetch(`${fake.origin}/api/v1/accounts/verify_credentials`, {
      headers: { authorization: `Bearer ${decodeURIComponent(token)}` },
    });
    expect(me.status).toBe(401);
  });
});
