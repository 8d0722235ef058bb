// Tokens at rest and in transit: after connecting, publishing, refreshing, failing and removing,
// no token appears in any file of the data folder (database, WAL, logs, preferences),
// any log line, any event or any IPC answer. Removing an account deletes its ciphertext
// and revokes it at X. Where the OS has no keychain, connecting waits for consent.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileLogger } from '../../main/core/adapters/file-logger.ts';
import { createPassphraseCipher } from '../../main/core/adapters/passphrase-cipher.ts';
import { createTargetPublisher } from '../../main/core/publishing/publish-target.ts';
import { createCredentialStore } from '../../main/core/vault/credential-store.ts';
import {
  xCredentials,
  type XOAuth2Credentials,
} from '../../main/core/platforms/x/x-credentials.ts';
import { createWrappedKeyCipher, type KeyProtector } from '../../main/shell/wrapped-key-cipher.ts';

import type { Result } from '../../shared/result.ts';
import type { Invoke } from '../../shared/ipc/contract.ts';
import { dumpDatabase, fakeClock, expectOk } from '../helpers/core.ts';
import { makePost } from '../helpers/post-factories.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';
import {
  addClient,
  connectX,
  freePort,
  makeXCore,
  startX,
  testPassphrase,
  testXClientId,
  type XTestCore,
} from '../helpers/x-accounts.ts';

const hour = 60 * 60_000;

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

const readTokens = (core: XTestCore, accountId: string) =>
  createCredentialStore(
    core.database.db,
    createPassphraseCipher(core.dataDir, testPassphrase),
    core.clock,
  ).read(accountId, xCredentials) as Promise<XOAuth2Credentials>;

describe('the token vault', () => {
  it('keeps every token out of the data folder, the logs, events and IPC answers', async () => {
    const fake = await startX();
    const dataDir = tempDataDir();
    const clock = fakeClock(Date.UTC(2026, 10, 24, 9, 0));
    const core = await makeXCore(fake, {
      dataDir,
      ports: { logger: createFileLogger(dataDir, () => clock.now()) },
    });
    const answers: Result<unknown>[] = [];
    const dispatch: Invoke = async (channel, input) => {
      const result = await core.invoke(channel, input);
      answers.push(result);
      return result;
    };

    const { account, user } = await connectX({ fake, core });
    const tokens = new Set<string>();
    const remember = async () => {
      const t = await readTokens(core, account.id);
      tokens.add(t.accessToken);
      if (t.refreshToken !== null) tokens.add(t.refreshToken);
    };
    await remember();

    // Publish a thread with the known tokens, as the scheduler will.
    const published: unknown[] = [];
    const publisher = createTargetPublisher({
      db: core.database.db,
      platformFor: (platform) => core.platforms.get(platform),
      clock: core.clock,
      logger: core.logger,
      dataDir,
      onEvent: (event) => published.push(event),
    });
    const post = await makePost(core.database.db, {
      clientId: account.clientId,
      accountIds: [account.id],
      parts: ['Fresh loaves at 8', 'Sourdough on Saturdays'],
    });
    const target = post.targets[account.id] ?? '';
    expect(await publisher.publishTarget(target)).toMatchObject({ kind: 'published' });
    expect(fake.ledger.tweets().map((t) => t.text)).toEqual([
      'Fresh loaves at 8',
      'Sourdough on Saturdays',
    ]);
    core.advance(2 * hour - 60_000);
    await core.xClients.forAccount(account.id);
    await remember();
    fake.fault({ method: 'GET', path: '/2/users/me', kind: 'revoked' });
    const client = await core.xClients.forAccount(account.id);
    await client.v2.me().catch(() => undefined);
    await core.xClients.afterUnauthorized(account.id, client);
    await remember();
    fake.revokeUser(user.id);
    core.advance(2 * hour);
    await core.xClients.forAccount(account.id).catch(() => undefined);
    await dispatch('accounts:list', {});
    await dispatch('vault:get-status', {});
    // Every token X issued or was shown, as its request log saw them.
    for (const r of fake.ledger.requests()) {
      const bearer = /^Bearer (\S+)$/.exec(r.authorization ?? '')?.[1];
      if (bearer !== undefined) tokens.add(bearer);
      for (const m of (r.body ?? '').matchAll(/"(?:refresh_token|token)":"([^"]+)"/g)) {
        if (m[1] !== undefined) tokens.add(m[1]);
      }
    }
    expect(tokens.size).toBeGreaterThanOrEqual(6);
    await dispatch('accounts:remove', { id: account.id });
    core.database.sqlite.pragma('wal_checkpoint(PASSIVE)');

    const files = filesUnder(dataDir);
    expect(files.map((f) => path.relative(dataDir, f))).toEqual(
      expect.arrayContaining(['starling.db', path.join('logs', 'starling.log')]),
    );
    const logText = fs.readFileSync(path.join(dataDir, 'logs', 'starling.log'), 'utf8');
    expect(logText).toContain('access token refreshed');
    expect(logText).toContain('account needs to be reconnected');
    const texts = [
      ...files.map((f) => ({ where: f, text: fs.readFileSync(f).toString('latin1') })),
      { where: 'events', text: JSON.stringify(core.seen) },
      { where: 'publish events', text: JSON.stringify(published) },
      { where: 'IPC answers', text: JSON.stringify(answers) },
    ];
    for (const token of tokens) {
      for (const { where, text } of texts) {
        expect(text.includes(token), `a token appears in ${where}`).toBe(false);
      }
    }
  });

  it('removes an account: its row, its ciphertext, and its grant at X', async () => {
    const { core, fake, account } = await connectX();
    const client = await core.xClients.forAccount(account.id);
    expect(dumpDatabase(core).account_credentials).toHaveLength(1);

    expect(expectOk(await core.invoke('accounts:remove', { id: account.id }))).toEqual({
      id: account.id,
    });
    expect(dumpDatabase(core).social_accounts).toEqual([]);
    expect(dumpDatabase(core).account_credentials).toEqual([]);
    expect(core.seen.at(-1)).toEqual({ event: 'account:removed', payload: { id: account.id } });
    const revokes = fake.ledger.requests().filter((r) => r.path === '/2/oauth2/revoke');
    expect(revokes.map((r) => r.status)).toEqual([200, 200]);
    await expect(client.v2.me()).rejects.toMatchObject({ code: 401 });

    expect(await core.invoke('accounts:remove', { id: account.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('removes the account even when X cannot be reached to revoke it', async () => {
    const { core, fake, account } = await connectX();
    fake.fault({ path: '/2/oauth2/revoke', kind: 'reset', times: 2 });
    expect(await core.invoke('accounts:remove', { id: account.id })).toMatchObject({ ok: true });
    expect(dumpDatabase(core).account_credentials).toEqual([]);
    expect(core.logger.entries).toContainEqual(
      expect.objectContaining({ level: 'warn', message: 'could not revoke a token at X' }),
    );
  });

  it('connects without a keychain only after the user accepts weaker protection', async () => {
    const fake = await startX();
    const dataDir = tempDataDir();
    const noKeyring: KeyProtector = {
      unavailableReason: () => Promise.resolve('no system keyring is running'),
      protect: () => Promise.reject(new Error('no keyring')),
      unprotect: () => Promise.reject(new Error('no keyring')),
    };
    const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const cipher = await createWrappedKeyCipher(path.join(dataDir, 'vault.key'), noKeyring, quiet);
    const core = await makeXCore(fake, { dataDir, ports: { cipher } });
    const clientId = await addClient(core);
    fake.registerApp({ clientId: testXClientId, redirectUris: [] });

    expect(expectOk(await core.invoke('vault:get-status', {}))).toMatchObject({
      available: false,
      weakProtectionAccepted: false,
      canAcceptWeakProtection: true,
    });
    const refused = await core.invoke('accounts:connect-x', {
      clientId,
      xClientId: testXClientId,
      port: await freePort(),
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'ENCRYPTION_UNAVAILABLE', details: { canAcceptWeakProtection: true } },
    });
    if (!refused.ok) expect(refused.error.message).toContain('accept weaker protection');

    expect(
      expectOk(await core.invoke('vault:accept-weak-protection', { accept: true })),
    ).toMatchObject({ available: true, weakProtectionAccepted: true });
    const { account } = await connectX({ fake, core });
    expect(account.status).toBe('active');
  });
});
