// LinkedIn's 60-day tokens: renewed through the refresh gate where LinkedIn granted the
// app refresh tokens (once, however many posts need it at the same moment), and otherwise
// the account marked needs_reauth at expiry with the reason named, its post held, never
// failed silently. The account listing says when the sign-in runs out, for the warning.
import { describe, expect, it } from 'vitest';
import { expectOk, payloadsOf } from '../helpers/core.ts';
import { linkedinFixture, readTarget } from './linkedin-fixture.ts';

const day = 24 * 60 * 60_000;

const refreshes = (fx: Awaited<ReturnType<typeof linkedinFixture>>) =>
  fx.fake.ledger
    .requests()
    .filter((r) => r.path === '/oauth/v2/accessToken')
    .filter((r) => new URLSearchParams(r.body ?? '').get('grant_type') === 'refresh_token');

describe('LinkedIn sign-ins without refresh tokens', () => {
  it('posts until the 60 days are up, then holds the post and names why the account needs reconnecting', async () => {
    const fx = await linkedinFixture();
    const connectedAt = fx.core.clock.now();
    expect(fx.account.credentialsExpireAt).toBe(connectedAt + 60 * day);

    // Six days before the end: the listing carries the date the app warns from.
    fx.core.advance(54 * day);
    const [listed] = expectOk(await fx.core.invoke('accounts:list', { clientId: fx.clientId }));
    expect((listed?.credentialsExpireAt ?? 0) - fx.core.clock.now()).toBeLessThan(7 * day);
    const early = await fx.post(['Still within the 60 days']);
    expect(await fx.publish(early.targetId)).toMatchObject({ kind: 'published' });

    fx.core.advance(6 * day + 60_000);
    const late = await fx.post(['After the 60 days']);
    const outcome = await fx.publish(late.targetId);
    expect(outcome).toMatchObject({ kind: 'held', code: 'AUTH_EXPIRED' });
    expect(fx.posts()).toHaveLength(1);
    const [account] = expectOk(await fx.core.invoke('accounts:list', { clientId: fx.clientId }));
    expect(account).toMatchObject({ status: 'needs_reauth' });
    expect(account?.statusReason).toMatch(
      /sign-in ran out on 2027-01-23; this LinkedIn app gets no refresh tokens/,
    );
    expect(payloadsOf(fx.core.seen, 'account:saved').at(-1)?.account.status).toBe('needs_reauth');
    const target = await readTarget(fx, late.targetId);
    expect(target).toMatchObject({ status: 'scheduled', error_code: 'AUTH_EXPIRED' });
    expect(target.error_message).toContain('Reconnect the account');
    expect(refreshes(fx)).toHaveLength(0);
  });

  it('marks the account when LinkedIn says Starling’s access was revoked', async () => {
    const fx = await linkedinFixture();
    fx.fake.revokeMember(fx.member.id);
    const { targetId } = await fx.post(['Nobody home']);
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'held', code: 'AUTH_EXPIRED' });
    const [account] = expectOk(await fx.core.invoke('accounts:list', { clientId: fx.clientId }));
    expect(account).toMatchObject({
      status: 'needs_reauth',
      statusReason: 'Starling’s access was revoked on LinkedIn',
    });
  });
});

describe('LinkedIn sign-ins with refresh tokens', () => {
  it('renews an expired token once for every post that needs it, and keeps the year-long date', async () => {
    const fx = await linkedinFixture({ refreshTokens: true });
    const connectedAt = fx.core.clock.now();
    expect(fx.account.credentialsExpireAt).toBe(connectedAt + 365 * day);
    fx.core.advance(61 * day);
    const posts = [await fx.post(['One']), await fx.post(['Two']), await fx.post(['Three'])];
    const outcomes = await Promise.all(posts.map((p) => fx.publish(p.targetId)));
    expect(outcomes.map((o) => o.kind)).toEqual(['published', 'published', 'published']);
    expect(refreshes(fx)).toHaveLength(1);
    const [account] = expectOk(await fx.core.invoke('accounts:list', { clientId: fx.clientId }));
    expect(account).toMatchObject({
      status: 'active',
      credentialsExpireAt: connectedAt + 365 * day,
    });
  });

  it('renews after a 401 for an expired token and sends once', async () => {
    const fx = await linkedinFixture({ refreshTokens: true });
    fx.fake.fault({ kind: 'expired', method: 'POST', path: '/rest/posts' });
    const { targetId } = await fx.post(['Expired in flight']);
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    expect(refreshes(fx)).toHaveLength(1);
    expect(fx.posts()).toHaveLength(1);
  });

  it('marks the account when LinkedIn refuses to renew, naming LinkedIn’s words', async () => {
    const fx = await linkedinFixture({ refreshTokens: true });
    fx.fake.revokeMember(fx.member.id);
    const { targetId } = await fx.post(['Refused']);
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'held', code: 'AUTH_EXPIRED' });
    const [account] = expectOk(await fx.core.invoke('accounts:list', { clientId: fx.clientId }));
    expect(account?.status).toBe('needs_reauth');
    expect(account?.statusReason).toMatch(/^LinkedIn refused to renew its sign-in \(.+\)$/);
  });
});
