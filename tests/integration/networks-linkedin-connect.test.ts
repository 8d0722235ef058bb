// Connecting LinkedIn through accounts:connect against the fake LinkedIn: the user's own
// app kept with its secret sealed in the vault, OAuth 2 with state and PKCE, the member read
// from /v2/userinfo, the 60-day end of the sign-in on the account listing, PKCE-only apps,
// company pages listed and added as accounts of their own, and bad input refused in words
// with nothing written: no app, a missing product, a page the member does not administer.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dumpDatabase, expectOk } from '../helpers/core.ts';
import {
  connectLinkedIn,
  makeLinkedInCore,
  setUpApp,
  startLinkedIn,
  startLinkedInConnect,
  testLinkedInApp,
} from '../helpers/linkedin-accounts.ts';
import { addClient, flowOutcome, freePort } from '../helpers/x-accounts.ts';

const day = 24 * 60 * 60_000;

/** Every file in the data folder as text, and the database's rows. */
function everythingStored(core: { dataDir: string }, db: Record<string, unknown[]>): string {
  const files = fs
    .readdirSync(core.dataDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !/\.(db|db-wal|db-shm)$/.test(e.name))
    .map((e) => fs.readFileSync(path.join(e.parentPath, e.name), 'latin1'));
  return JSON.stringify(db, (_key, value: unknown) =>
    value instanceof Uint8Array ? Buffer.from(value).toString('latin1') : value,
  ).concat(...files);
}

describe('connect a LinkedIn member', () => {
  it('signs in with the saved app, seals its secret, and names when the sign-in runs out', async () => {
    const fake = await startLinkedIn();
    const core = await makeLinkedInCore(fake);
    const clientId = await addClient(core, 'Nova Bakery');
    const member = fake.addMember({ givenName: 'Ada', familyName: 'Baker' });
    const port = await freePort();
    await setUpApp(core, fake, port);
    expect(expectOk(await core.invoke('accounts:get-app', { platform: 'linkedin' }))).toEqual({
      platform: 'linkedin',
      clientId: testLinkedInApp.clientId,
      hasSecret: true,
      fromEnvironment: false,
      redirectUri: null,
    });

    const flow = await startLinkedInConnect(core, clientId, port);
    const url = new URL(flow.authorizeUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${fake.origin}/oauth/v2/authorization`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: testLinkedInApp.clientId,
      redirect_uri: `http://127.0.0.1:${String(port)}/callback`,
      scope: 'openid profile w_member_social',
      code_challenge_method: 'S256',
    });
    expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const outcome = flowOutcome(core, flow.flowId);
    await fake.approve(flow.authorizeUrl, { memberId: member.id });
    const ended = await outcome;
    if (!ended.ok) throw new Error(ended.error.message);
    expect(ended.account).toMatchObject({
      clientId,
      platform: 'linkedin',
      platformUserId: `urn:li:person:${member.id}`,
      handle: 'Ada Baker',
      displayName: 'Ada Baker',
      serviceUrl: null,
      status: 'active',
      statusReason: null,
      authKind: 'oauth2',
      // No refresh tokens for this app: the sign-in ends 60 days from now.
      credentialsExpireAt: core.clock.now() + 60 * day,
    });
    expect(expectOk(await core.invoke('accounts:list', { clientId }))).toEqual([ended.account]);

    // The secret and the tokens exist only sealed: not in the database's plain columns,
    // the preferences file or the log.
    const stored = everythingStored(core, dumpDatabase(core));
    expect(stored).not.toContain(testLinkedInApp.clientSecret);
    const token = fake.ledger.requests().find((r) => r.path === '/v2/userinfo')?.authorization;
    expect(token).toMatch(/^Bearer .+/);
    expect(stored).not.toContain(token?.slice('Bearer '.length));
    expect(JSON.stringify(core.logger.entries)).not.toContain(testLinkedInApp.clientSecret);
  });

  it('signs in with PKCE alone where LinkedIn enabled it for the app, and asks for the secret where not', async () => {
    const fake = await startLinkedIn();
    const core = await makeLinkedInCore(fake);
    const clientId = await addClient(core);
    const member = fake.addMember();
    const port = await freePort();
    await setUpApp(core, fake, port, { pkce: true });
    // Forget the secret: this app signs in with its code verifier only.
    const app = expectOk(
      await core.invoke('accounts:save-app', {
        platform: 'linkedin',
        clientId: testLinkedInApp.clientId,
        clientSecret: null,
      }),
    );
    expect(app.hasSecret).toBe(false);
    const flow = await startLinkedInConnect(core, clientId, port);
    const outcome = flowOutcome(core, flow.flowId);
    await fake.approve(flow.authorizeUrl, { memberId: member.id });
    expect(await outcome).toMatchObject({ ok: true });
    const exchange = fake.ledger.requests().find((r) => r.path === '/oauth/v2/accessToken');
    const form = new URLSearchParams(exchange?.body ?? '');
    expect(form.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(form.has('client_secret')).toBe(false);

    // The same app without PKCE enabled: LinkedIn wants the secret, and says so.
    fake.registerApp({
      ...testLinkedInApp,
      redirectUris: [`http://127.0.0.1:${String(port)}/callback`],
    });
    const again = await startLinkedInConnect(core, await addClient(core, 'Second'), port);
    const failed = flowOutcome(core, again.flowId);
    await fake.approve(again.authorizeUrl, { memberId: fake.addMember().id });
    const ended = await failed;
    expect(ended.ok).toBe(false);
    expect(!ended.ok && ended.error.message).toMatch(
      /LinkedIn wants the app’s client secret .* STARLING_LINKEDIN_CLIENT_SECRET/,
    );
  });

  it('refuses to start without an app, saying what to create and which redirect to register', async () => {
    const fake = await startLinkedIn();
    const core = await makeLinkedInCore(fake);
    const clientId = await addClient(core);
    const before = dumpDatabase(core);
    const port = await freePort();
    const result = await core.invoke('accounts:connect', { clientId, platform: 'linkedin', port });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(!result.ok && result.error.message).toContain(
      `add the redirect URL http://127.0.0.1:${String(port)}/callback`,
    );
    expect(dumpDatabase(core)).toEqual(before);
  });
});

describe('LinkedIn company pages', () => {
  it('lists the pages the member may post for and adds chosen ones as accounts of the client', async () => {
    const fake = await startLinkedIn();
    const nova = fake.addOrganization({
      name: 'Nova Bakery',
      vanityName: 'nova-bakery',
      followers: 12,
    });
    const flour = fake.addOrganization({ name: 'Flour Co', vanityName: 'flour-co' });
    const watched = fake.addOrganization({ name: 'Only Analyst Here' });
    const pending = fake.addOrganization({ name: 'Not Yet Approved' });
    const member = fake.addMember({ givenName: 'Ada', familyName: 'Baker' });
    fake.grantRole(member.id, nova.id);
    fake.grantRole(member.id, flour.id, { role: 'CONTENT_ADMINISTRATOR' });
    fake.grantRole(member.id, watched.id, { role: 'ANALYST' });
    fake.grantRole(member.id, pending.id, { state: 'REQUESTED' });
    const { core, account, clientId } = await connectLinkedIn({ fake, member, pages: true });
    const token = fake.ledger.requests().find((r) => r.path === '/oauth/v2/authorization');
    expect(new URL(token?.url ?? '', fake.origin).searchParams.get('scope')).toBe(
      'openid profile w_member_social r_organization_social w_organization_social rw_organization_admin',
    );

    const pages = expectOk(await core.invoke('accounts:list-pages', { accountId: account.id }));
    expect(pages).toEqual([
      {
        id: flour.id,
        name: 'Flour Co',
        handle: 'flour-co',
        avatarUrl: null,
        role: 'CONTENT_ADMINISTRATOR',
        accountId: null,
      },
      {
        id: nova.id,
        name: 'Nova Bakery',
        handle: 'nova-bakery',
        avatarUrl: null,
        role: 'ADMINISTRATOR',
        accountId: null,
      },
    ]);

    const added = expectOk(
      await core.invoke('accounts:add-pages', { accountId: account.id, pageIds: [nova.id] }),
    );
    expect(added).toEqual([
      expect.objectContaining({
        clientId,
        platform: 'linkedin',
        platformUserId: nova.urn,
        handle: 'nova-bakery',
        displayName: 'Nova Bakery',
        status: 'active',
        credentialsExpireAt: account.credentialsExpireAt,
      }),
    ]);
    const listed = expectOk(await core.invoke('accounts:list-pages', { accountId: account.id }));
    expect(listed.find((p) => p.id === nova.id)?.accountId).toBe(added[0]?.id);
    expect(expectOk(await core.invoke('accounts:list', { clientId }))).toHaveLength(2);
  });

  it('refuses a page the member does not administer and keeps none of the pages asked for', async () => {
    const fake = await startLinkedIn();
    const mine = fake.addOrganization({ name: 'Mine' });
    const theirs = fake.addOrganization({ name: 'Theirs' });
    const member = fake.addMember();
    fake.grantRole(member.id, mine.id);
    fake.grantRole(fake.addMember().id, theirs.id);
    const { core, account } = await connectLinkedIn({ fake, member, pages: true });
    const before = dumpDatabase(core);
    const result = await core.invoke('accounts:add-pages', {
      accountId: account.id,
      pageIds: [mine.id, theirs.id],
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(!result.ok && result.error.message).toContain(
      `does not administer the LinkedIn page ${theirs.id}`,
    );
    expect(dumpDatabase(core)).toEqual(before);
  });

  it('names the Community Management API when the app lacks it, and writes nothing', async () => {
    const fake = await startLinkedIn();
    const core = await makeLinkedInCore(fake);
    const clientId = await addClient(core);
    const member = fake.addMember();
    const port = await freePort();
    await setUpApp(core, fake, port, { products: ['sign-in-openid', 'share'] });
    const before = dumpDatabase(core);
    const flow = await startLinkedInConnect(core, clientId, port, true);
    const outcome = flowOutcome(core, flow.flowId);
    await fake.approve(flow.authorizeUrl, { memberId: member.id }).catch(() => '');
    const ended = await outcome;
    expect(ended.ok).toBe(false);
    expect(!ended.ok && ended.error.message).toContain(
      'add the Community Management API product to your LinkedIn app',
    );
    expect(dumpDatabase(core)).toEqual(before);
  });

  it('says to connect again with pages when the member was connected without them', async () => {
    const { core, account } = await connectLinkedIn();
    const result = await core.invoke('accounts:list-pages', { accountId: account.id });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(!result.ok && result.error.message).toContain('Connect LinkedIn again with pages');
  });
});
