// `starling accounts …` as a process, against the fake X server: connect-x end to end
// (the authorize address read from stderr, approved at the fake, the redirect followed,
// the account JSON on stdout), Ctrl-C cancelling, list and remove, and the refusals a
// user meets first (no Client ID, no vault passphrase).
import { describe, expect, it } from 'vitest';
import type { SocialAccount } from '../../shared/accounts.ts';
import { runCli, startCli } from '../helpers/cli.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';
import { freePort, startX, testPassphrase, testXClientId } from '../helpers/x-accounts.ts';
import type { FakeX } from '../fakes/x-server/index.ts';

async function setup(fake: FakeX) {
  const dataDir = tempDataDir();
  const env = { STARLING_X_API_ORIGIN: fake.origin, STARLING_VAULT_PASSPHRASE: testPassphrase };
  const client = runCli(
    ['--data-dir', dataDir, '--json', 'clients', 'add', '--name', 'Acme Coffee'],
    env,
  );
  expect(client.status, client.stderr).toBe(0);
  const port = await freePort();
  fake.registerApp({
    clientId: testXClientId,
    redirectUris: [`http://127.0.0.1:${String(port)}/callback`],
  });
  return { dataDir, env, clientId: (client.json() as { id: string }).id, port };
}

const authorizeLine = (fake: FakeX) =>
  new RegExp(`^${fake.origin.replaceAll('.', '\\.')}/i/oauth2/authorize\\?`);

describe('starling accounts (CLI)', () => {
  it('connects an X account end to end, then lists and removes it', async () => {
    const fake = await startX();
    const user = fake.addUser({ username: 'acmecoffee', name: 'Acme Coffee' });
    const { dataDir, env, clientId, port } = await setup(fake);

    const cli = startCli(
      [
        '--data-dir',
        dataDir,
        'accounts',
        'connect-x',
        '--client',
        clientId,
        '--x-client-id',
        testXClientId,
        '--port',
        String(port),
        '--no-browser',
        '--json',
      ],
      env,
    );
    const authorizeUrl = await cli.stderrLine(authorizeLine(fake));
    const page = await fetch(await fake.approve(authorizeUrl, { userId: user.id }));
    expect(await page.text()).toContain('You can close this tab');
    const done = await cli.exited;
    expect(done.code, done.stderr).toBe(0);
    const account = JSON.parse(done.stdout) as SocialAccount;
    expect(account).toMatchObject({
      clientId,
      handle: 'acmecoffee',
      displayName: 'Acme Coffee',
      platformUserId: user.id,
      status: 'active',
      authKind: 'oauth2',
    });
    expect(done.stderr).toContain(
      `Waiting for X to send you back to http://127.0.0.1:${String(port)}/callback`,
    );

    const listed = runCli(
      ['--data-dir', dataDir, '--json', 'accounts', 'list', '--client', clientId],
      env,
    );
    expect(listed.json()).toEqual([account]);
    const text = runCli(['--data-dir', dataDir, 'accounts', 'list'], env);
    expect(text.stdout).toMatch(/@acmecoffee\s+Acme Coffee\s+active\s+oauth2/);

    // Removing revokes at the fake, which lives in this process: no spawnSync here.
    const removed = await startCli(
      ['--data-dir', dataDir, '--json', 'accounts', 'remove', account.id],
      env,
    ).exited;
    expect(removed.code, removed.stderr).toBe(0);
    expect(JSON.parse(removed.stdout)).toEqual({ id: account.id });
    expect(fake.ledger.requests().filter((r) => r.path === '/2/oauth2/revoke')).toHaveLength(2);
    expect(runCli(['--data-dir', dataDir, '--json', 'accounts', 'list'], env).json()).toEqual([]);
  });

  it('cancels cleanly on Ctrl-C and frees the port', async () => {
    const fake = await startX();
    const { dataDir, env, clientId, port } = await setup(fake);
    const args = [
      '--data-dir',
      dataDir,
      '--json',
      'accounts',
      'connect-x',
      '--client',
      clientId,
      '--x-client-id',
      testXClientId,
      '--port',
      String(port),
      '--no-browser',
    ];
    const cli = startCli(args, env);
    await cli.stderrLine(/Ctrl-C cancels/);
    cli.kill('SIGINT');
    const done = await cli.exited;
    expect(done.code).toBe(130);
    expect(JSON.parse(done.stdout)).toMatchObject({
      error: { code: 'CONFLICT', message: 'Connecting was cancelled.' },
    });
    // The port is free for the next attempt.
    const again = startCli(args, env);
    await again.stderrLine(/Ctrl-C cancels/);
    again.kill('SIGTERM');
    expect((await again.exited).code).toBe(130);
  });

  it('explains a missing Client ID and a missing vault passphrase', async () => {
    const fake = await startX();
    const { dataDir, env, clientId, port } = await setup(fake);
    const base = ['--data-dir', dataDir, '--json', 'accounts', 'connect-x', '--client', clientId];
    const noClientId = runCli([...base, '--port', String(port), '--no-browser'], env);
    expect(noClientId.status).toBe(1);
    expect(noClientId.json()).toMatchObject({ error: { code: 'VALIDATION' } });
    expect(noClientId.stderr).toContain('--x-client-id');

    const noPassphrase = runCli(
      [...base, '--x-client-id', testXClientId, '--port', String(port), '--no-browser'],
      { ...env, STARLING_VAULT_PASSPHRASE: '' },
    );
    expect(noPassphrase.status).toBe(1);
    expect(noPassphrase.json()).toMatchObject({ error: { code: 'ENCRYPTION_UNAVAILABLE' } });
    expect(noPassphrase.stderr).toContain('STARLING_VAULT_PASSPHRASE');

    const badPort = runCli([...base, '--x-client-id', testXClientId, '--port', 'eighty'], env);
    expect(badPort.json()).toMatchObject({ error: { code: 'VALIDATION' } });
  });

  it('takes an OAuth 1.0a key secret from the environment or a terminal, never a flag', async () => {
    const fake = await startX();
    const { dataDir, env, clientId } = await setup(fake);
    const base = ['--data-dir', dataDir, '--json', 'accounts', 'connect-x', '--client', clientId];
    const asFlag = runCli([...base, '--oauth1', '--api-key', 'k', '--api-secret', 's3cret'], env);
    expect(asFlag.status).not.toBe(0);
    expect(asFlag.stderr).toContain("Unknown option '--api-secret'");

    // Not on a terminal and not in the environment: said plainly, nothing asked.
    const missing = runCli([...base, '--oauth1', '--api-key', 'k'], {
      ...env,
      STARLING_X_API_SECRET: undefined,
    });
    expect(missing.status).toBe(1);
    expect(missing.json()).toMatchObject({ error: { code: 'VALIDATION' } });
    expect(missing.stderr).toContain('STARLING_X_API_SECRET');
  });
});
