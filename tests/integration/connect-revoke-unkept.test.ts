// A sign-in whose account cannot be kept (the network user is already connected to
// another client) revokes what it just got: tokens or a session nobody holds must not
// stay valid at the network. The account that is kept keeps working.
import { describe, expect, it } from 'vitest';
import { blueskyFixture } from './bluesky-fixture.ts';
import {
  addClient,
  connectX,
  flowOutcome,
  followRedirect,
  startConnect,
} from '../helpers/x-accounts.ts';

describe('a sign-in that is not kept', () => {
  it('revokes the X tokens it just got, and the kept account still works', async () => {
    const first = await connectX();
    const { core, fake, user } = first;
    const revokes = () => fake.ledger.requests().filter((r) => r.path === '/2/oauth2/revoke');
    expect(revokes()).toHaveLength(0);

    const other = await addClient(core, 'Someone Else');
    const { flow } = await startConnect(core, fake, other);
    const outcome = flowOutcome(core, flow.flowId);
    await followRedirect(await fake.approve(flow.authorizeUrl, { userId: user.id }));
    expect(await outcome).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // The new access and refresh tokens, not the kept account's.
    expect(revokes()).toHaveLength(2);
    const client = await core.xClients.forAccount(first.account.id);
    expect((await client.v2.me()).data.username).toBe(user.username);
  });

  it('ends the Bluesky session it just made', async () => {
    const fx = await blueskyFixture();
    const other = await addClient(fx.core, 'Someone Else');
    const before = fx.calls('com.atproto.server.deleteSession');
    const refused = await fx.core.dispatch('accounts:sign-in', {
      clientId: other,
      platform: 'bluesky',
      handle: fx.user.handle,
      password: 'nova-bake-ry42-pass',
      serviceUrl: fx.fake.origin,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(fx.calls('com.atproto.server.deleteSession')).toBe(before + 1);
    // The kept account's own session is untouched: it still reads its profile.
    const { id, clientId, platform, platformUserId, handle, serviceUrl } = fx.account;
    const counts = await fx.core.platforms.get('bluesky').metrics.readAccount({
      id,
      clientId,
      platform,
      platformUserId,
      handle,
      serviceUrl,
      settings: {},
    });
    expect(counts.followers).toBeGreaterThanOrEqual(0);
  });
});
