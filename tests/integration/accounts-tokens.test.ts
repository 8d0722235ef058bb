// Token health against the fake X server: refresh shortly before expiry and after a
// 401, one refresh per account however many callers ask, the new pair committed before
// use, a refused refresh turning the account needs_reauth (with an event) until it is
// reconnected, and the request timeout every client carries.
import { ApiRequestError, ApiResponseError, type TwitterApi } from 'twitter-api-v2';
import { describe, expect, it } from 'vitest';
import { createPassphraseCipher } from '../../main/core/adapters/passphrase-cipher.ts';
import { isXTimeout } from '../../main/core/platforms/x/x-api.ts';
import { createCredentialStore } from '../../main/core/vault/credential-store.ts';
import {
  xCredentials,
  type XOAuth2Credentials,
} from '../../main/core/platforms/x/x-credentials.ts';

import { AppFailure } from '../../shared/result.ts';
import {
  connectX,
  flowOutcome,
  followRedirect,
  makeXCore,
  startConnect,
  startX,
  testPassphrase,
  type XTestCore,
} from '../helpers/x-accounts.ts';
import { expectOk } from '../helpers/core.ts';

const hour = 60 * 60_000;

const tokenRequests = (fake: { ledger: { requests(): { path: string; body?: string }[] } }) =>
  fake.ledger.requests().filter((r) => r.path === '/2/oauth2/token');

function storedTokens(core: XTestCore, accountId: string): Promise<XOAuth2Credentials> {
  const store = createCredentialStore(
    core.database.db,
    createPassphraseCipher(core.dataDir, testPassphrase),
    core.clock,
  );
  return store.read(accountId, xCredentials) as Promise<XOAuth2Credentials>;
}

async function failureOf(promise: Promise<unknown>): Promise<AppFailure['error']> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppFailure) return error.error;
    throw error;
  }
  throw new Error('expected a failure');
}

const meOf = async (client: TwitterApi) => (await client.v2.me()).data.username;

describe('X tokens', () => {
  it('uses the stored token while more than 5 minutes are left', async () => {
    const { core, fake, account, user } = await connectX();
    const before = tokenRequests(fake).length;
    core.advance(2 * hour - 6 * 60_000);
    expect(await meOf(await core.xClients.forAccount(account.id))).toBe(user.username);
    expect(tokenRequests(fake)).toHaveLength(before);
  });

  it('refreshes shortly before expiry and commits the new pair before using it', async () => {
    const { core, fake, account, user } = await connectX();
    const old = await storedTokens(core, account.id);
    core.advance(2 * hour - 4 * 60_000);

    const client = await core.xClients.forAccount(account.id);
    const refreshes = tokenRequests(fake).slice(1);
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0]?.body).toContain('refresh_token');

    const stored = await storedTokens(core, account.id);
    expect(stored.accessToken).not.toBe(old.accessToken);
    expect(stored.refreshToken).not.toBe(old.refreshToken);
    expect(stored.expiresAt).toBe(core.clock.now() + 2 * hour);
    expect(client.getActiveTokens()).toEqual({ type: 'oauth2', bearerToken: stored.accessToken });
    expect(await meOf(client)).toBe(user.username);

    // A second caller finds the fresh pair and does not refresh again.
    await core.xClients.forAccount(account.id);
    expect(tokenRequests(fake).slice(1)).toHaveLength(1);
  });

  it('refreshes once after a 401 and hands back a working client', async () => {
    const { core, fake, account, user } = await connectX();
    const client = await core.xClients.forAccount(account.id);
    fake.fault({ method: 'GET', path: '/2/users/me', kind: 'revoked' });
    const rejected = await client.v2.me().catch((e: unknown) => e);
    expect(rejected).toBeInstanceOf(ApiResponseError);
    expect((rejected as ApiResponseError).code).toBe(401);

    const fresh = await core.xClients.afterUnauthorized(account.id, client);
    expect(await meOf(fresh)).toBe(user.username);
    expect(tokenRequests(fake).slice(1)).toHaveLength(1);
    // The same rejected client again: the refresh already happened, none is repeated.
    await core.xClients.afterUnauthorized(account.id, client);
    expect(tokenRequests(fake).slice(1)).toHaveLength(1);
  });

  it('shares one refresh among concurrent callers', async () => {
    const { core, fake, account, user } = await connectX();
    core.advance(2 * hour - 60_000);
    fake.fault({ method: 'POST', path: '/2/oauth2/token', kind: 'latency', ms: 150 });
    const clients = await Promise.all(
      Array.from({ length: 6 }, () => core.xClients.forAccount(account.id)),
    );
    expect(tokenRequests(fake).slice(1)).toHaveLength(1);
    const tokens = new Set(clients.map((c) => JSON.stringify(c.getActiveTokens())));
    expect(tokens.size).toBe(1);
    expect(await meOf(clients[0] as TwitterApi)).toBe(user.username);

    // Many callers that all got a 401 with the same token: again one refresh.
    const current = clients[0] as TwitterApi;
    await Promise.all(
      Array.from({ length: 4 }, () => core.xClients.afterUnauthorized(account.id, current)),
    );
    expect(tokenRequests(fake).slice(1)).toHaveLength(2);
  });

  it('marks the account needs_reauth when X refuses a reused refresh token', async () => {
    const { core, fake, account } = await connectX();
    const stored = await storedTokens(core, account.id);
    // Somebody else spends the single-use refresh token (a crash after X answered).
    await (
      await core.xClients.app({ clientId: stored.clientId })
    ).refreshOAuth2Token(stored.refreshToken ?? '');

    core.advance(2 * hour);
    const error = await failureOf(core.xClients.forAccount(account.id));
    expect(error).toMatchObject({ code: 'AUTH_EXPIRED', retryable: false });
    expect(error.message).toContain(`@${account.handle}`);
    expect(error.message).not.toContain(stored.refreshToken ?? '-');
    const saved = core.seen.filter((s) => s.event === 'account:saved');
    expect(saved).toEqual([
      {
        event: 'account:saved',
        payload: { account: expect.objectContaining({ id: account.id, status: 'needs_reauth' }) },
      },
    ]);
    expect(expectOk(await core.invoke('accounts:list', {}))).toEqual([
      expect.objectContaining({ status: 'needs_reauth' }),
    ]);

    // No more calls to X for it until it is reconnected.
    const requests = fake.ledger.requests().length;
    expect(await failureOf(core.xClients.forAccount(account.id))).toMatchObject({
      code: 'AUTH_EXPIRED',
    });
    expect(fake.ledger.requests()).toHaveLength(requests);
  });

  it('marks a revoked account needs_reauth, and reconnecting makes it active again', async () => {
    const { core, fake, account, user, clientId } = await connectX();
    fake.revokeUser(user.id);
    const client = await core.xClients.forAccount(account.id);
    await expect(client.v2.me()).rejects.toBeInstanceOf(ApiResponseError);
    expect(await failureOf(core.xClients.afterUnauthorized(account.id, client))).toMatchObject({
      code: 'AUTH_EXPIRED',
      retryable: false,
    });
    expect(core.seen.at(-1)).toMatchObject({
      event: 'account:saved',
      payload: { account: { status: 'needs_reauth' } },
    });

    const { flow } = await startConnect(core, fake, clientId);
    const outcome = flowOutcome(core, flow.flowId);
    await followRedirect(await fake.approve(flow.authorizeUrl, { userId: user.id }));
    expect(await outcome).toMatchObject({
      ok: true,
      account: { id: account.id, status: 'active' },
    });
    expect(await meOf(await core.xClients.forAccount(account.id))).toBe(user.username);
  });

  it('keeps the account active when the refresh only failed to get through', async () => {
    const { core, fake, account, user } = await connectX();
    core.advance(2 * hour - 60_000);
    fake.fault({ method: 'POST', path: '/2/oauth2/token', kind: 'reset' });
    expect(await failureOf(core.xClients.forAccount(account.id))).toMatchObject({
      code: 'OFFLINE',
      retryable: true,
    });
    fake.fault({ method: 'POST', path: '/2/oauth2/token', kind: 'status', status: 503 });
    expect(await failureOf(core.xClients.forAccount(account.id))).toMatchObject({
      code: 'OFFLINE',
      retryable: true,
    });
    fake.fault({ method: 'POST', path: '/2/oauth2/token', kind: 'rate-limit', resetInSeconds: 60 });
    expect(await failureOf(core.xClients.forAccount(account.id))).toMatchObject({
      code: 'RATE_LIMITED',
      retryable: true,
      details: { resetAt: expect.any(Number) },
    });
    expect(core.seen.filter((s) => s.event === 'account:saved')).toEqual([]);
    expect(await meOf(await core.xClients.forAccount(account.id))).toBe(user.username);
  });

  it('times out a call X does not answer, with the timeout on every client', async () => {
    const fake = await startX();
    const core = await makeXCore(fake, { tuning: { xRequestTimeoutMs: 200 } });
    const { account } = await connectX({ fake, core });
    fake.fault({ method: 'GET', path: '/2/users/me', kind: 'latency', ms: 1500 });
    const started = Date.now();
    const error = await core.xClients
      .forAccount(account.id)
      .then((c) => c.v2.me())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(isXTimeout(error)).toBe(true);
    expect(Date.now() - started).toBeLessThan(1200);

    // App clients (token exchange, refresh) carry it too.
    fake.fault({ method: 'POST', path: '/2/oauth2/revoke', kind: 'latency', ms: 1500 });
    const revoke = await (
      await core.xClients.app({ clientId: 'c3RhcmxpbmctdGVzdC1jbGllbnQ' })
    )
      .revokeOAuth2Token('x')
      .catch((e: unknown) => e);
    expect(isXTimeout(revoke)).toBe(true);
  });

  it('answers NOT_FOUND for an unknown account', async () => {
    const fake = await startX();
    const core = await makeXCore(fake);
    expect(await failureOf(core.xClients.forAccount('nope'))).toMatchObject({ code: 'NOT_FOUND' });
  });
});
