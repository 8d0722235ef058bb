// Token refresh single-flight across processes ([Note: refresh leases]): two cores on one
// data folder (each its own database connection, refresh gate and in-memory state, as the
// app and `starling daemon` are) refresh an expiring account at the same moment. X's
// refresh tokens work once, so a second refresh would be refused and force a reconnect:
// exactly one refresh must reach each network, and both cores must use its pair. A
// refresh whose answer was lost after X rotated the token is the one case that cannot be
// recovered: it ends in needs_reauth, and the reason says what happened.
import { describe, expect, it } from 'vitest';
import { platformAccount } from '../../main/core/publishing/plan.ts';
import { AppFailure } from '../../shared/result.ts';
import { expectOk } from '../helpers/core.ts';
import { connectEveryNetwork } from '../helpers/network-accounts.ts';
import { connectX, makeXCore } from '../helpers/x-accounts.ts';

const hour = 60 * 60_000;

describe('token refresh across processes on one data folder', () => {
  it('refreshes an X account once for two processes, and both use the new pair', async () => {
    const { core: first, fake, account } = await connectX();
    const second = await makeXCore(fake, { dataDir: first.dataDir });
    const refreshes = () =>
      fake.ledger
        .requests()
        .filter((r) => r.path === '/2/oauth2/token' && (r.body ?? '').includes('refresh_token'))
        .length;
    first.advance(2 * hour - 60_000);
    second.advance(2 * hour - 60_000);
    // A slow token endpoint, so the two processes' refreshes overlap.
    fake.fault({ method: 'POST', path: '/2/oauth2/token', kind: 'latency', ms: 300 });

    const clients = await Promise.all([
      first.xClients.forAccount(account.id),
      second.xClients.forAccount(account.id),
      first.xClients.forAccount(account.id),
      second.xClients.forAccount(account.id),
    ]);

    expect(refreshes()).toBe(1);
    const tokens = new Set(clients.map((c) => JSON.stringify(c.getActiveTokens())));
    expect(tokens.size).toBe(1);
    for (const core of [first, second]) {
      expect(expectOk(await core.invoke('accounts:list', {}))).toEqual([
        expect.objectContaining({ id: account.id, status: 'active' }),
      ]);
    }
    const leases = await first.database.db
      .selectFrom('credential_refresh_leases')
      .selectAll()
      .execute();
    expect(leases).toEqual([]);
  });

  it('names a lost refresh answer as the reason the account must be reconnected', async () => {
    const { core, fake, account } = await connectX();
    core.advance(2 * hour - 60_000);
    // X rotates the refresh token, and its answer never arrives.
    fake.fault({ method: 'POST', path: '/2/oauth2/token', kind: 'drop-after-record' });
    const lost = await core.xClients.forAccount(account.id).catch((error: unknown) => error);
    expect(lost).toBeInstanceOf(AppFailure);
    expect((lost as AppFailure).error).toMatchObject({ retryable: true });
    expect(expectOk(await core.invoke('accounts:list', {}))[0]?.status).toBe('active');

    const refused = await core.xClients.forAccount(account.id).catch((error: unknown) => error);
    expect((refused as AppFailure).error).toMatchObject({ code: 'AUTH_EXPIRED' });
    expect((refused as AppFailure).error.message).toMatch(/answer to an earlier refresh was lost/);
    expect(expectOk(await core.invoke('accounts:list', {}))[0]?.status).toBe('needs_reauth');
  });

  it('renews a Bluesky session once for two processes', async () => {
    const every = await connectEveryNetwork();
    const first = await makeXCore(every.fakes.x, { dataDir: every.dataDir });
    const second = await makeXCore(every.fakes.x, { dataDir: every.dataDir });
    // Past the access JWT's life by the cores' clocks (which start days before the fake
    // PDS's real-time one): each renews before its next call.
    first.advance(30 * 24 * hour);
    second.advance(30 * 24 * hour);
    every.fakes.bluesky.fault({
      path: '/xrpc/com.atproto.server.refreshSession',
      kind: 'latency',
      ms: 300,
    });
    const row = await first.database.db
      .selectFrom('social_accounts')
      .selectAll()
      .where('id', '=', every.accounts.bluesky.id)
      .executeTakeFirstOrThrow();
    const read = (core: typeof first) =>
      core.platforms.get('bluesky').metrics.readAccount(platformAccount(row));

    const counts = await Promise.all([read(first), read(second), read(first), read(second)]);

    expect(counts.map((c) => c.followers)).toEqual([0, 0, 0, 0]);
    const renewals = every.fakes.bluesky.ledger
      .requests()
      .filter((r) => r.path === '/xrpc/com.atproto.server.refreshSession');
    expect(renewals).toHaveLength(1);
  });
});
