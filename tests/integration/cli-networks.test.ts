// `starling accounts connect-bluesky`, `connect-mastodon` and `hand-off`, and `text count
// --network`, as processes against the fake PDS and the fake Mastodon: the app password
// from the environment (never a flag), the instance's sign-in address on stderr with
// --no-browser, a wrong state refused while the command keeps waiting, the account as
// JSON, each account's network in the list, and the refusals a user meets; `posts
// unpublish` deleting a thread from the instance, exiting 1 while any account keeps it.
import { describe, expect, it } from 'vitest';
import type { SocialAccount } from '../../shared/accounts.ts';
import { runCli, startCli } from '../helpers/cli.ts';
import { startMastodon } from '../helpers/mastodon-accounts.ts';
import { blueskyAppPassword, startBluesky } from '../helpers/network-accounts.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';
import { freePort, testPassphrase } from '../helpers/x-accounts.ts';
import { mastodonFixture } from './mastodon-fixture.ts';

function setup() {
  const dataDir = tempDataDir();
  const env = { STARLING_VAULT_PASSPHRASE: testPassphrase };
  const client = runCli(
    ['--data-dir', dataDir, '--json', 'clients', 'add', '--name', 'Bright Bakery'],
    env,
  );
  expect(client.status, client.stderr).toBe(0);
  return { dataDir, env, clientId: (client.json() as { id: string }).id };
}

describe('starling accounts for Bluesky and Mastodon (CLI)', () => {
  it('connects Bluesky with the app password from the environment, and refuses a wrong one', async () => {
    const pds = await startBluesky();
    pds.addUser({ handle: 'brightbakes.bsky.social', password: blueskyAppPassword });
    const { dataDir, env, clientId } = setup();
    const args = [
      '--data-dir',
      dataDir,
      '--json',
      'accounts',
      'connect-bluesky',
      '--client',
      clientId,
      '--handle',
      '@brightbakes.bsky.social',
      '--service',
      pds.origin,
    ];

    const wrong = await startCli(args, {
      ...env,
      STARLING_BLUESKY_APP_PASSWORD: 'nope-nope-nope-nope',
    }).exited;
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/refused that handle and app password/);
    expect(runCli(['--data-dir', dataDir, '--json', 'accounts', 'list'], env).json()).toEqual([]);

    const done = await startCli(args, { ...env, STARLING_BLUESKY_APP_PASSWORD: blueskyAppPassword })
      .exited;
    expect(done.code, done.stderr).toBe(0);
    const account = JSON.parse(done.stdout) as SocialAccount;
    expect(account).toMatchObject({
      clientId,
      platform: 'bluesky',
      handle: 'brightbakes.bsky.social',
      authKind: 'session',
      serviceUrl: pds.origin,
    });
    // The password never reaches the output, and no flag takes it.
    expect(done.stdout + done.stderr).not.toContain(blueskyAppPassword);
    const flag = runCli([...args, '--password', blueskyAppPassword], env);
    expect(flag.status).toBe(2);
    expect(flag.stderr).toContain("Unknown option '--password'. See starling --help.");

    const list = runCli(['--data-dir', dataDir, 'accounts', 'list'], env);
    expect(list.stdout).toMatch(/bluesky\s+@brightbakes\.bsky\.social/i);
  });

  it('connects Mastodon in the browser, refusing a wrong state, and switches hand-off', async () => {
    const mastodon = await startMastodon();
    const user = mastodon.addUser({ username: 'brightbakes', displayName: 'Bright Bakery' });
    const { dataDir, env, clientId } = setup();
    const port = await freePort();
    const cli = startCli(
      [
        '--data-dir',
        dataDir,
        '--json',
        'accounts',
        'connect-mastodon',
        '--client',
        clientId,
        '--instance',
        mastodon.origin,
        '--port',
        String(port),
        '--no-browser',
      ],
      env,
    );
    const origin = mastodon.origin.replaceAll('.', '\\.');
    const authorizeUrl = await cli.stderrLine(new RegExp(`^${origin}/oauth/authorize\\?`));
    // A callback that is not this sign-in's is refused, and the command keeps waiting.
    const forged = await fetch(
      `http://127.0.0.1:${String(port)}/callback?code=x&state=forged`,
    ).catch((error: unknown) => {
      throw new Error(`no callback listener: ${String(error)}\n${cli.stderrSoFar()}`);
    });
    expect(forged.status, cli.stderrSoFar()).toBe(400);
    // The fake's consent page sends the browser back to the loopback callback itself.
    await mastodon.approve(authorizeUrl, { userId: user.id });
    const done = await cli.exited;
    expect(done.code, done.stderr).toBe(0);
    const account = JSON.parse(done.stdout) as SocialAccount;
    const host = new URL(mastodon.origin).host;
    expect(account).toMatchObject({
      platform: 'mastodon',
      handle: `brightbakes@${host}`,
      handOff: false,
    });

    const on = await startCli(
      ['--data-dir', dataDir, '--json', 'accounts', 'hand-off', account.id, 'on'],
      env,
    ).exited;
    expect(on.code, on.stderr).toBe(0);
    expect(JSON.parse(on.stdout)).toMatchObject({ id: account.id, handOff: true });
    const bad = runCli(['--data-dir', dataDir, 'accounts', 'hand-off', account.id, 'maybe'], env);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('Say on or off, not "maybe".');
    const text = runCli(['--data-dir', dataDir, 'accounts', 'hand-off', account.id, 'off'], env);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain(`Starling publishes @brightbakes@${host}'s posts itself.`);
  });

  it('counts text by each network’s rules', () => {
    const count = (...args: string[]) => runCli(['--json', 'text', 'count', ...args]);
    const text = (value: string) => ['--text', value];
    const emoji = '👩‍👩‍👧‍👦'.repeat(10);
    expect(count('--network', 'bluesky', ...text(emoji)).json()).toMatchObject({
      length: 10,
      limit: 300,
    });
    // A real top-level domain: Mastodon, like X, links only addresses it recognises.
    const url = `Menu: https://brightbakery.com/${'a'.repeat(80)}`;
    expect(count('--network', 'mastodon', ...text(url)).json()).toMatchObject({
      length: 29,
      limit: 500,
    });
    expect(count('--network', 'mastodon', '--limit', '1000', ...text(url)).json()).toMatchObject({
      limit: 1000,
    });
    const refused = count('--network', 'myspace', ...text('hi'));
    expect(refused.status).toBe(2);
    expect(refused.json()).toMatchObject({
      error: {
        code: 'VALIDATION',
        message:
          "Option '--network <network>' argument 'myspace' is invalid. Allowed choices are x, bluesky, mastodon, linkedin, facebook, instagram. See starling --help.",
      },
    });
  });

  it('deletes a published thread from the instance with posts unpublish', async () => {
    const fx = await mastodonFixture();
    const { postId, targetId } = await fx.post(['Bake sale on Saturday', 'Bring a bag']);
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    expect(fx.statuses()).toHaveLength(2);
    const env = { STARLING_VAULT_PASSPHRASE: testPassphrase };
    const unpublish = () =>
      startCli(['--data-dir', fx.core.dataDir, 'posts', 'unpublish', postId], env).exited;

    fx.fake.fault({ method: 'DELETE', path: '/api/v1/statuses/:id', kind: 'status', status: 503 });
    const refused = await unpublish();
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/^Not deleted post /);
    expect(refused.stdout).toMatch(/still on @\S+: Mastodon /);
    expect(fx.statuses()).toHaveLength(2);

    const done = await unpublish();
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toMatch(/^Deleted post \S+: deleted/);
    expect(fx.statuses()).toEqual([]);
    const again = await unpublish();
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already deleted/);
  }, 60_000);
});
