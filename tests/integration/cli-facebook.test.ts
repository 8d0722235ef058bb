// `starling accounts connect-facebook` and `add-pages` as processes against the fake Meta:
// the Meta app from the environment (no flag takes the secret), the sign-in address on
// stderr with --no-browser, the user and the Pages they granted as JSON through the
// loopback redirect, and a Page added with its linked Instagram account.
import { describe, expect, it } from 'vitest';
import type { NetworkPage, SocialAccount } from '../../shared/accounts.ts';
import { runCli, startCli } from '../helpers/cli.ts';
import { startMeta, testMetaApp } from '../helpers/meta-accounts.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';
import { freePort, testPassphrase } from '../helpers/x-accounts.ts';

async function setUp() {
  const fake = await startMeta();
  const port = await freePort();
  const user = fake.addUser({ name: 'Bright Baker' });
  const page = fake.addPage(user.id, { name: 'Bright Bakery' });
  const ig = fake.linkInstagram(page.id, { username: 'brightbakery' });
  fake.registerApp({
    appId: testMetaApp.clientId,
    appSecret: testMetaApp.clientSecret,
    redirectUris: [`http://127.0.0.1:${String(port)}/callback`],
  });
  const dataDir = tempDataDir();
  const env = {
    STARLING_VAULT_PASSPHRASE: testPassphrase,
    STARLING_META_API_ORIGIN: fake.origin,
    STARLING_META_APP_ID: testMetaApp.clientId,
    STARLING_META_APP_SECRET: testMetaApp.clientSecret,
  };
  const client = runCli(
    ['--data-dir', dataDir, '--json', 'clients', 'add', '--name', 'Bright'],
    env,
  );
  expect(client.status, client.stderr).toBe(0);
  const clientId = (client.json() as { id: string }).id;
  const args = [
    '--data-dir',
    dataDir,
    '--json',
    'accounts',
    'connect-facebook',
    '--client',
    clientId,
  ];
  return {
    fake,
    port,
    user,
    page,
    ig,
    dataDir,
    env,
    clientId,
    args: [...args, '--port', String(port), '--no-browser'],
  };
}

const dialog = (origin: string) =>
  new RegExp(`^${origin.replaceAll('.', '\\.')}/v24\\.0/dialog/oauth\\?`);

describe('starling accounts connect-facebook (CLI)', () => {
  it('connects through the loopback redirect, lists the Pages, and adds one with its Instagram account', async () => {
    const { fake, user, page, ig, dataDir, env, clientId, args } = await setUp();
    const cli = startCli(args, env);
    const authorizeUrl = await cli.stderrLine(dialog(fake.origin));
    await fake.approve(authorizeUrl, { userId: user.id });
    const done = await cli.exited;
    expect(done.code, done.stderr + done.stdout).toBe(0);
    const connected = JSON.parse(done.stdout) as SocialAccount & { pages: NetworkPage[] };
    expect(connected).toMatchObject({
      clientId,
      platform: 'facebook',
      handle: 'Bright Baker',
      pages: [{ id: page.id, name: 'Bright Bakery (+ Instagram @brightbakery)', accountId: null }],
    });
    // Started, not run: spawnSync would block the fake living in this process.
    const added = await startCli(
      ['--data-dir', dataDir, '--json', 'accounts', 'add-pages', connected.id, page.id],
      env,
    ).exited;
    expect(added.code, added.stderr).toBe(0);
    expect(
      (JSON.parse(added.stdout) as SocialAccount[]).map((a) => [a.platform, a.platformUserId]),
    ).toEqual([
      ['facebook', page.id],
      ['instagram', ig.id],
    ]);
  });

  it('takes the address the browser shows, pasted on standard input', async () => {
    const { fake, user, env, args } = await setUp();
    const cli = startCli(args, env, { stdin: true });
    const authorizeUrl = await cli.stderrLine(dialog(fake.origin));
    // The browser is elsewhere: its address bar shows the redirect, which the user pastes.
    const shown = await fake.approve(authorizeUrl, { userId: user.id, follow: false });
    cli.type('not an address');
    await cli.stderrLine(/address/i);
    cli.type(shown);
    const done = await cli.exited;
    expect(done.code, done.stderr).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({ platform: 'facebook', handle: 'Bright Baker' });
  });
});
