// Revoking a removed account's tokens when the network cannot be asked: the removal goes
// through at once, the tokens wait sealed by the vault (never in plaintext), and they are
// revoked at the network once it answers again; after a week of failures they are let go
// with a line in the log saying where to revoke by hand.
import { ApiResponseError } from 'twitter-api-v2';
import { describe, expect, it } from 'vitest';
import { createPassphraseCipher } from '../../main/core/adapters/passphrase-cipher.ts';
import {
  xCredentials,
  type XOAuth2Credentials,
} from '../../main/core/platforms/x/x-credentials.ts';
import { createXApi } from '../../main/core/platforms/x/x-api.ts';
import { createXRoute } from '../../main/core/platforms/x/x-agent.ts';
import { createCredentialStore } from '../../main/core/vault/credential-store.ts';
import { expectOk } from '../helpers/core.ts';
import { connectX, testPassphrase, type XTestCore } from '../helpers/x-accounts.ts';

const day = 24 * 60 * 60_000;

async function storedTokens(core: XTestCore, accountId: string): Promise<XOAuth2Credentials> {
  const cipher = createPassphraseCipher(core.dataDir, testPassphrase);
  const store = createCredentialStore(core.database.db, cipher, core.clock);
  return (await store.read(accountId, xCredentials)) as XOAuth2Credentials;
}

/** What X answers to a call made with `token`: 200 while it is valid, 401 once revoked. */
async function statusWith(origin: string, token: string): Promise<number> {
  const route = createXRoute({ STARLING_X_API_ORIGIN: origin });
  try {
    await (await createXApi(route, { bearerToken: token }, 5_000)).v2.me();
    return 200;
  } catch (error) {
    if (error instanceof ApiResponseError) return error.code;
    throw error;
  } finally {
    route.agent.destroy();
  }
}

describe('revoking a removed account when its network is down', () => {
  it('removes the account at once and revokes its tokens once X answers again', async () => {
    const { core, fake, account } = await connectX();
    const tokens = await storedTokens(core, account.id);
    expect(await statusWith(fake.origin, tokens.accessToken)).toBe(200);
    // Both revocations (access and refresh token) meet an X that is down.
    fake.fault({ method: 'POST', path: '/2/oauth2/revoke', kind: 'status', status: 503, times: 2 });

    expectOk(await core.invoke('accounts:remove', { id: account.id }));

    expect(expectOk(await core.invoke('accounts:list', {}))).toEqual([]);
    const rows = await core.database.db.selectFrom('pending_revocations').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ platform: 'x', attempts: 1 });
    const sealed = Buffer.from(rows[0]?.ciphertext ?? []).toString('latin1');
    expect(sealed).not.toContain(tokens.accessToken);
    expect(rows[0]?.account).not.toContain(tokens.accessToken);
    expect(await statusWith(fake.origin, tokens.accessToken)).toBe(200);

    // Not yet due: nothing is tried.
    expect(await core.revocations.retryDue()).toEqual({ revoked: 0, waiting: 0, dropped: 0 });
    core.advance(61_000);
    expect(await core.revocations.retryDue()).toEqual({ revoked: 1, waiting: 0, dropped: 0 });
    expect(await statusWith(fake.origin, tokens.accessToken)).toBe(401);
    expect(await core.revocations.pending()).toBe(0);
  });

  it('waits longer after each failure, and gives up after a week with a hint in the log', async () => {
    const { core, fake, account } = await connectX();
    fake.fault({
      method: 'POST',
      path: '/2/oauth2/revoke',
      kind: 'status',
      status: 503,
      times: 1_000,
    });
    expectOk(await core.invoke('accounts:remove', { id: account.id }));

    const nextAt = async () =>
      (await core.database.db.selectFrom('pending_revocations').select('next_at').execute())[0]
        ?.next_at;
    core.advance(61_000);
    expect(await core.revocations.retryDue()).toMatchObject({ waiting: 1 });
    expect((await nextAt()) ?? 0).toBe(core.clock.now() + 5 * 60_000);
    core.advance(5 * 60_000);
    expect(await core.revocations.retryDue()).toMatchObject({ waiting: 1 });
    expect((await nextAt()) ?? 0).toBe(core.clock.now() + 30 * 60_000);

    core.advance(7 * day);
    expect(await core.revocations.retryDue()).toEqual({ revoked: 0, waiting: 0, dropped: 1 });
    expect(await core.revocations.pending()).toBe(0);
    expect(core.logger.entries.some((e) => e.message.startsWith('gave up revoking'))).toBe(true);
  });
});
