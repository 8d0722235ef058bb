// `starling accounts connect-threads` and `text count --network threads` as processes
// against the fake Threads: the app from the environment, the sign-in address on stderr
// with --no-browser, the address the browser lands on read from standard input (a wrong
// one refused while the command keeps reading), the account as JSON; input that ends
// first stops the wait.
import { describe, expect, it } from 'vitest';
import type { SocialAccount } from '../../shared/accounts.ts';
import { runCli, startCli } from '../helpers/cli.ts';
import { startThreads, testThreadsApp } from '../helpers/threads-accounts.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';
import { testPassphrase } from '../helpers/x-accounts.ts';

function setup(origin: string) {
  const dataDir = tempDataDir();
  const env = {
    STARLING_VAULT_PASSPHRASE: testPassphrase,
    STARLING_THREADS_API_ORIGIN: origin,
    STARLING_THREADS_APP_ID: testThreadsApp.clientId,
    STARLING_THREADS_APP_SECRET: testThreadsApp.clientSecret,
    STARLING_THREADS_REDIRECT_URI: testThreadsApp.redirectUri,
  };
  const client = runCli(['--data-dir', dataDir, '--json', 'clients', 'add', '--name', 'Nova'], env);
  expect(client.status, client.stderr).toBe(0);
  return { dataDir, env, clientId: (client.json() as { id: string }).id };
}

describe('starling accounts connect-threads (CLI)', () => {
  it('reads the pasted address on standard input and prints the account', async () => {
    const fake = await startThreads();
    fake.registerApp({ ...testThreadsApp, redirectUris: [testThreadsApp.redirectUri] });
    const user = fake.addUser({ username: 'novabakery' });
    const { dataDir, env, clientId } = setup(fake.origin);
    const cli = startCli(
      [
        '--data-dir',
        dataDir,
        '--json',
        'accounts',
        'connect-threads',
        '--client',
        clientId,
        '--no-browser',
      ],
      env,
      { stdin: true },
    );
    const origin = fake.origin.replaceAll('.', '\\.');
    const authorizeUrl = await cli.stderrLine(new RegExp(`^${origin}/oauth/authorize\\?`));
    await cli.stderrLine(/paste it here/);
    const address = await fake.approve(authorizeUrl, { userId: user.id });
    cli.type('https://elsewhere.example/callback?code=x&state=y');
    await cli.stderrLine(/not the address the sign-in sends you back to/);
    cli.type(address);
    const done = await cli.exited;
    expect(done.code, done.stderr).toBe(0);
    expect(JSON.parse(done.stdout) as SocialAccount).toMatchObject({
      platform: 'threads',
      handle: 'novabakery',
      status: 'active',
    });
    expect(done.stderr).not.toContain(testThreadsApp.clientSecret);
  });

  it('stops waiting when standard input ends without an address', async () => {
    const fake = await startThreads();
    fake.registerApp({ ...testThreadsApp, redirectUris: [testThreadsApp.redirectUri] });
    const { dataDir, env, clientId } = setup(fake.origin);
    const cli = startCli(
      [
        '--data-dir',
        dataDir,
        '--json',
        'accounts',
        'connect-threads',
        '--client',
        clientId,
        '--no-browser',
      ],
      env,
      { stdin: true },
    );
    await cli.stderrLine(/paste it here/);
    cli.type(null);
    const done = await cli.exited;
    expect(done.code).not.toBe(0);
    expect(done.stderr).toContain('Standard input ended before an address was pasted.');
  });

  it('counts text as Threads does', () => {
    const counted = runCli(['--json', 'text', 'count', '--network', 'threads', '--text', 'Rye 🥖']);
    expect(counted.status, counted.stderr).toBe(0);
    expect(counted.json()).toMatchObject({ length: 8, limit: 500 });
  });
});
