// Bluesky sessions while publishing: a revoked session holds the post and marks the
// account needs_reauth; an expired one is refreshed once for concurrent publishes, the
// new pair committed before use; a 400 ExpiredToken answer refreshes and sends again.
import { describe, expect, it } from 'vitest';
import { createPassphraseCipher } from '../../main/core/adapters/passphrase-cipher.ts';

import { makePost } from '../helpers/post-factories.ts';
import { testPassphrase } from '../helpers/x-accounts.ts';
import { blueskyFixture, readTarget, type BlueskyFixture } from './bluesky-fixture.ts';
import { expectOk } from '../helpers/core.ts';

const createPath = '/xrpc/com.atproto.repo.createRecord';

async function postOf(fx: BlueskyFixture, parts: string[]) {
  const made = await makePost(fx.db, { clientId: fx.clientId, accountIds: [fx.account.id], parts });
  return made.targets[fx.account.id] ?? '';
}

/** The account's session as the vault holds it. */
async function storedSession(fx: BlueskyFixture) {
  const row = await fx.db
    .selectFrom('account_credentials')
    .select('ciphertext')
    .where('account_id', '=', fx.account.id)
    .executeTakeFirstOrThrow();
  const cipher = createPassphraseCipher(fx.core.dataDir, testPassphrase);
  return JSON.parse(cipher.decrypt(row.ciphertext)) as { refreshJwt: string; accessJwt: string };
}

describe('Bluesky sessions while publishing', () => {
  it('holds the post and marks the account needs_reauth when the session was revoked', async () => {
    const fx = await blueskyFixture();
    const targetId = await postOf(fx, ['Held until reconnected']);
    fx.fake.revokeSessions(fx.user.did);

    const outcome = await fx.publish(targetId);

    expect(outcome).toMatchObject({ kind: 'held', code: 'AUTH_EXPIRED' });
    expect(await readTarget(fx, targetId)).toMatchObject({ error_code: 'AUTH_EXPIRED' });
    const [account] = expectOk(await fx.core.invoke('accounts:list', {}));
    expect(account?.status).toBe('needs_reauth');
    const saved = fx.core.seen.filter((s) => s.event === 'account:saved').at(-1);
    expect(saved?.payload).toMatchObject({
      account: { id: fx.account.id, status: 'needs_reauth' },
    });
    expect(fx.posts()).toEqual([]);

    // Signing in again brings the account back, and the post goes out once.
    expectOk(await fx.signIn());
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    expect(fx.posts()).toHaveLength(1);
  });

  it('refreshes an expired session once for two concurrent publishes, committing the new pair', async () => {
    const fx = await blueskyFixture({ fake: { accessJwtLifetimeMs: 30 * 60_000 } });
    const before = await storedSession(fx);
    const a = await postOf(fx, ['Morning batch']);
    const b = await postOf(fx, ['Evening batch']);
    fx.core.advance(31 * 60_000);

    const outcomes = await Promise.all([fx.publish(a), fx.publish(b)]);

    expect(outcomes).toMatchObject([{ kind: 'published' }, { kind: 'published' }]);
    expect(fx.calls('com.atproto.server.refreshSession')).toBe(1);
    const after = await storedSession(fx);
    expect(after.refreshJwt).not.toBe(before.refreshJwt);
    // The stored pair is the live one: another publish needs no refresh (a spent one would fail).
    expect(await fx.publish(await postOf(fx, ['Night batch']))).toMatchObject({
      kind: 'published',
    });
    expect(fx.calls('com.atproto.server.refreshSession')).toBe(1);
    expect(fx.posts()).toHaveLength(3);
  });

  it('refreshes once and sends again when the PDS answers 400 ExpiredToken', async () => {
    const fx = await blueskyFixture();
    const targetId = await postOf(fx, ['Still fresh']);
    fx.fake.fault({ path: createPath, kind: 'revoked' });

    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    expect(fx.calls('com.atproto.server.refreshSession')).toBe(1);
    expect(
      fx.fake.ledger
        .requests()
        .filter((r) => r.path === createPath)
        .map((r) => r.status),
    ).toEqual([400, 200]);
    expect(fx.posts()).toHaveLength(1);
  });
});
