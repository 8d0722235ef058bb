// Connecting a Bluesky account through the core (accounts:sign-in): the session is sealed
// in the vault and the app password is kept nowhere; a wrong password, an http:// server
// that is not this computer, or an unreachable one are refused with nothing written; a
// removed account's session is signed out at the PDS.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createPassphraseCipher } from '../../main/core/adapters/passphrase-cipher.ts';

import { dumpDatabase, expectOk } from '../helpers/core.ts';
import { makePost } from '../helpers/post-factories.ts';
import { testPassphrase } from '../helpers/x-accounts.ts';
import { appPassword, blueskyFixture, type BlueskyFixture } from './bluesky-fixture.ts';

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

async function credentialsRow(fx: BlueskyFixture) {
  return fx.db
    .selectFrom('account_credentials')
    .selectAll()
    .where('account_id', '=', fx.account.id)
    .executeTakeFirstOrThrow();
}

const refusal = (result: Awaited<ReturnType<BlueskyFixture['signIn']>>) =>
  result.ok ? null : result.error;

describe('connecting Bluesky accounts', () => {
  it('signs in with the app password and keeps only the session, sealed', async () => {
    const fx = await blueskyFixture();

    expect(fx.account).toMatchObject({
      platform: 'bluesky',
      platformUserId: fx.user.did,
      handle: 'nova.test',
      displayName: 'Nova Bakery',
      avatarUrl: 'https://cdn.example/nova.jpg',
      serviceUrl: fx.fake.origin,
      status: 'active',
      authKind: 'session',
    });
    expect(fx.core.seen.some((s) => s.event === 'account:saved')).toBe(true);
    const row = await credentialsRow(fx);
    const sealed = JSON.parse(
      createPassphraseCipher(fx.core.dataDir, testPassphrase).decrypt(row.ciphertext),
    ) as Record<string, unknown>;
    expect(Object.keys(sealed).sort()).toEqual(
      ['accessJwt', 'did', 'expiresAt', 'handle', 'kind', 'refreshJwt', 'serviceUrl'].sort(),
    );
    expect(sealed).toMatchObject({ kind: 'session', did: fx.user.did, serviceUrl: fx.fake.origin });
    // The access JWT's own expiry: two hours on the PDS.
    expect(row).toMatchObject({
      kind: 'session',
      access_expires_at: fx.core.clock.now() + 2 * 60 * 60_000,
    });
    expect(sealed.expiresAt).toBe(row.access_expires_at);
  });

  it('never writes the app password to the data folder, the logs or the credentials', async () => {
    const fx = await blueskyFixture();
    const made = await makePost(fx.db, {
      clientId: fx.clientId,
      accountIds: [fx.account.id],
      parts: ['Hello'],
    });
    await fx.publish(made.targets[fx.account.id] ?? '');
    expectOk(await fx.signIn());
    await fx.signIn({ password: 'wrong-pass-word-here' });

    const secret = Buffer.from(appPassword, 'utf8');
    for (const file of filesUnder(fx.core.dataDir)) {
      expect(fs.readFileSync(file).includes(secret), file).toBe(false);
    }
    expect(JSON.stringify(fx.core.logger.entries)).not.toContain(appPassword);
    const row = await credentialsRow(fx);
    expect(Buffer.from(row.ciphertext).includes(secret)).toBe(false);
    const opened = createPassphraseCipher(fx.core.dataDir, testPassphrase).decrypt(row.ciphertext);
    expect(opened).not.toContain(appPassword);
    expect(JSON.stringify(dumpDatabase(fx.core))).not.toContain(appPassword);
  });

  it('refuses a wrong app password with a hint where to make one, and writes nothing', async () => {
    const fx = await blueskyFixture();
    const before = dumpDatabase(fx.core);

    const error = refusal(await fx.signIn({ password: 'not-the-right-one' }));

    expect(error?.code).toBe('PLATFORM_REJECTED');
    expect(error?.message).toMatch(/^Bluesky refused that handle and app password/);
    expect(error?.message).toContain('Settings → Privacy and security → App passwords');
    expect(error?.message).not.toContain('not-the-right-one');
    expect(dumpDatabase(fx.core)).toEqual(before);
  });

  it('refuses a server on plain http:// unless it is this computer, before asking it', async () => {
    const fx = await blueskyFixture();
    const before = dumpDatabase(fx.core);
    const signIns = fx.calls('com.atproto.server.createSession');

    const error = refusal(await fx.signIn({ serviceUrl: 'http://example.com' }));

    expect(error?.code).toBe('VALIDATION');
    expect(error?.message).toMatch(/example\.com must be reached over https:\/\//);
    expect(dumpDatabase(fx.core)).toEqual(before);
    expect(fx.calls('com.atproto.server.createSession')).toBe(signIns);
  });

  it('says so when the server cannot be reached', async () => {
    const fx = await blueskyFixture();
    const origin = fx.fake.origin;
    await fx.fake.close();

    const error = refusal(await fx.signIn({ serviceUrl: origin }));

    expect(error).toMatchObject({ code: 'OFFLINE', retryable: true });
    expect(error?.message).toMatch(/^Could not reach Bluesky while signing in as @nova\.test/);
  });

  it('refuses the account password (a session that could change the account) and signs it out', async () => {
    const fx = await blueskyFixture();
    // A PDS that answers as bsky.social does to the account's own password.
    const jwt = (claims: object) =>
      `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2ln`;
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      seen.push(req.url ?? '');
      res.setHeader('content-type', 'application/json');
      if (req.url === '/xrpc/com.atproto.server.deleteSession') return res.end();
      res.end(
        JSON.stringify({
          did: 'did:plc:abcdefghijklmnopqrstuvwx',
          handle: 'nova.test',
          accessJwt: jwt({ scope: 'com.atproto.access', exp: 1_900_000_000 }),
          refreshJwt: jwt({ scope: 'com.atproto.refresh' }),
        }),
      );
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
    const { port } = server.address() as AddressInfo;
    const before = dumpDatabase(fx.core);

    const error = refusal(await fx.signIn({ serviceUrl: `http://127.0.0.1:${String(port)}` }));

    expect(error?.code).toBe('PLATFORM_REJECTED');
    expect(error?.message).toMatch(
      /^That is @nova\.test's account password; Starling signs in with an app password only/,
    );
    expect(seen).toEqual([
      '/xrpc/com.atproto.server.createSession',
      '/xrpc/com.atproto.server.deleteSession',
    ]);
    expect(dumpDatabase(fx.core)).toEqual(before);
  });

  it('signs the session out at the PDS when the account is removed', async () => {
    const fx = await blueskyFixture();

    expectOk(await fx.core.invoke('accounts:remove', { id: fx.account.id }));

    const signOut = fx.fake.ledger
      .requests()
      .filter((r) => r.path === '/xrpc/com.atproto.server.deleteSession');
    expect(signOut.map((r) => r.status)).toEqual([200]);
    expect(expectOk(await fx.core.invoke('accounts:list', {}))).toEqual([]);
    expect(await fx.db.selectFrom('account_credentials').selectAll().execute()).toEqual([]);
  });
});
