// The OAuth 1.0a alternative against the fake X server: the user's API key and secret,
// the same loopback callback, tokens that never expire (so never refreshed), a 401
// meaning the account must reconnect, and the API secret kept only encrypted.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SocialAccount } from '../../shared/accounts.ts';
import { AppFailure } from '../../shared/result.ts';
import {
  addClient,
  flowOutcome,
  followRedirect,
  freePort,
  makeXCore,
  startX,
  type XTestCore,
} from '../helpers/x-accounts.ts';
import type { FakeX } from '../fakes/x-server/index.ts';
import { expectOk } from '../helpers/core.ts';

const consumerKey = 'starling-consumer-key';
const consumerSecret = 'starling-consumer-secret-0123456789';

async function startOAuth1(core: XTestCore, fake: FakeX, secret = consumerSecret) {
  fake.registerOAuth1App({ consumerKey, consumerSecret });
  const clientId = await addClient(core);
  const port = await freePort();
  const result = await core.invoke('accounts:connect-x-oauth1', {
    clientId,
    apiKey: consumerKey,
    apiSecret: secret,
    port,
  });
  return { result, port, clientId };
}

describe('connect an X account with OAuth 1.0a', () => {
  it('connects with the API key and secret, and never refreshes the tokens', async () => {
    const fake = await startX();
    const core = await makeXCore(fake);
    const user = fake.addUser({ username: 'oldschool', name: 'Old School' });
    const { result, port, clientId } = await startOAuth1(core, fake);
    const flow = expectOk(result);
    expect(flow.redirectUri).toBe(`http://127.0.0.1:${String(port)}/callback`);
    const url = new URL(flow.authorizeUrl);
    expect(url.origin + url.pathname).toBe(`${fake.origin}/oauth/authorize`);
    expect(url.searchParams.get('oauth_token')).toMatch(/.{10,}/);

    const outcome = flowOutcome(core, flow.flowId);
    const page = await followRedirect(await fake.approve(flow.authorizeUrl, { userId: user.id }));
    expect(page.text).toContain('@oldschool is connected');
    const ended = await outcome;
    expect(ended).toMatchObject({
      ok: true,
      account: {
        clientId,
        handle: 'oldschool',
        displayName: 'Old School',
        avatarUrl: expect.stringMatching(/^data:image\/webp;base64,/),
        authKind: 'oauth1',
        status: 'active',
      },
    });
    const account = (ended as { account: SocialAccount }).account;

    const credentials = core.database.sqlite
      .prepare('SELECT kind, access_expires_at FROM account_credentials')
      .all();
    expect(credentials).toEqual([{ kind: 'oauth1', access_expires_at: null }]);
    core.advance(365 * 24 * 60 * 60_000);
    const client = await core.xClients.forAccount(account.id);
    expect((await client.v2.me()).data.username).toBe('oldschool');
    expect(fake.ledger.requests().filter((r) => r.path === '/2/oauth2/token')).toEqual([]);

    // The secret lives only inside the ciphertext.
    core.database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    for (const file of ['starling.db', 'starling.db-wal']) {
      const full = path.join(core.dataDir, file);
      if (fs.existsSync(full)) {
        expect(fs.readFileSync(full).toString('latin1')).not.toContain(consumerSecret);
      }
    }
  });

  it('turns a 401 into needs_reauth, since OAuth 1.0a tokens cannot be refreshed', async () => {
    const fake = await startX();
    const core = await makeXCore(fake);
    const user = fake.addUser();
    const { result } = await startOAuth1(core, fake);
    const flow = expectOk(result);
    const outcome = flowOutcome(core, flow.flowId);
    await followRedirect(await fake.approve(flow.authorizeUrl, { userId: user.id }));
    const ended = await outcome;
    if (!ended.ok) throw new Error(ended.error.message);
    fake.revokeUser(user.id);
    const client = await core.xClients.forAccount(ended.account.id);
    await expect(client.v2.me()).rejects.toMatchObject({ code: 401 });
    const error = await core.xClients
      .afterUnauthorized(ended.account.id, client)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppFailure);
    expect((error as AppFailure).error).toMatchObject({ code: 'AUTH_EXPIRED', retryable: false });
    expect(core.seen.at(-1)).toMatchObject({
      event: 'account:saved',
      payload: { account: { status: 'needs_reauth', authKind: 'oauth1' } },
    });
  });

  it('ends the flow when the user declines', async () => {
    const fake = await startX();
    const core = await makeXCore(fake);
    const user = fake.addUser();
    const flow = expectOk((await startOAuth1(core, fake)).result);
    const outcome = flowOutcome(core, flow.flowId);
    await followRedirect(await fake.approve(flow.authorizeUrl, { userId: user.id, deny: true }));
    expect(await outcome).toMatchObject({ ok: false, error: { details: { reason: 'denied' } } });
  });

  it('refuses a wrong API secret before sending anyone to X, without echoing it', async () => {
    const fake = await startX();
    const core = await makeXCore(fake);
    const wrong = 'not-the-consumer-secret-at-all';
    const { result, port } = await startOAuth1(core, fake, wrong);
    expect(result).toMatchObject({ ok: false, error: { code: 'PLATFORM_REJECTED' } });
    if (!result.ok) {
      expect(result.error.message).toContain('API key and secret');
      expect(JSON.stringify(result.error)).not.toContain(wrong);
    }
    // The port is free again for the next try.
    fake.registerOAuth1App({ consumerKey, consumerSecret });
    const retry = await core.invoke('accounts:connect-x-oauth1', {
      clientId: await addClient(core),
      apiKey: consumerKey,
      apiSecret: consumerSecret,
      port,
    });
    expect(retry).toMatchObject({ ok: true });
  });
});
