// `starling accounts connect-linkedin`, `pages` and `add-pages`, and `text count --network
// linkedin`, as processes against the fake LinkedIn: the app's Client ID and secret from
// the environment (no flag takes the secret), the sign-in address on stderr with
// --no-browser, the member and their pages as JSON, a page added as an account, and
// LinkedIn's 3,000 characters counted as LinkedIn counts them.
import { describe, expect, it } from 'vitest';
import type { NetworkPage, SocialAccount } from '../../shared/accounts.ts';
import { runCli, startCli } from '../helpers/cli.ts';
import { startLinkedIn, testLinkedInApp } from '../helpers/linkedin-accounts.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';
import { freePort, testPassphrase } from '../helpers/x-accounts.ts';

describe('starling accounts connect-linkedin (CLI)', () => {
  it('prints the sign-in address, connects the member with their pages, and adds a page', async () => {
    const fake = await startLinkedIn();
    const port = await freePort();
    fake.registerApp({
      ...testLinkedInApp,
      redirectUris: [`http://127.0.0.1:${String(port)}/callback`],
      products: ['sign-in-openid', 'share', 'community-management'],
    });
    const member = fake.addMember({ givenName: 'Bright', familyName: 'Baker' });
    const page = fake.addOrganization({ name: 'Bright Bakery', vanityName: 'bright-bakery' });
    fake.grantRole(member.id, page.id);
    const dataDir = tempDataDir();
    const env = {
      STARLING_VAULT_PASSPHRASE: testPassphrase,
      STARLING_LINKEDIN_API_ORIGIN: fake.origin,
      STARLING_LINKEDIN_CLIENT_ID: testLinkedInApp.clientId,
      STARLING_LINKEDIN_CLIENT_SECRET: testLinkedInApp.clientSecret,
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
      'connect-linkedin',
      '--client',
      clientId,
    ];

    const cli = startCli([...args, '--pages', '--port', String(port), '--no-browser'], env);
    const origin = fake.origin.replaceAll('.', '\\.');
    const authorizeUrl = await cli.stderrLine(new RegExp(`^${origin}/oauth/v2/authorization\\?`));
    expect(new URL(authorizeUrl).searchParams.get('scope')).toContain('w_organization_social');
    await fake.approve(authorizeUrl, { memberId: member.id });
    const done = await cli.exited;
    expect(done.code, done.stderr).toBe(0);
    const connected = JSON.parse(done.stdout) as SocialAccount & { pages: NetworkPage[] };
    expect(connected).toMatchObject({
      clientId,
      platform: 'linkedin',
      handle: 'Bright Baker',
      pages: [{ id: page.id, name: 'Bright Bakery', handle: 'bright-bakery', accountId: null }],
    });
    expect(done.stdout + done.stderr).not.toContain(testLinkedInApp.clientSecret);

    // The fake lives in this process: these commands run without blocking it.
    const added = await startCli(
      ['--data-dir', dataDir, '--json', 'accounts', 'add-pages', connected.id, page.id],
      env,
    ).exited;
    expect(added.code, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toEqual([
      expect.objectContaining({
        platform: 'linkedin',
        platformUserId: page.urn,
        handle: 'bright-bakery',
      }),
    ]);
    const pages = await startCli(['--data-dir', dataDir, 'accounts', 'pages', connected.id], env)
      .exited;
    expect(pages.stdout).toMatch(
      new RegExp(`${page.id}\\s+Bright Bakery\\s+bright-bakery\\s+ADMINISTRATOR`),
    );

    // No flag takes the secret, and without an app the command says what to set.
    const flag = runCli([...args, '--client-secret', 'x'], env);
    expect(flag.status).toBe(2);
    const noApp = runCli([...args, '--no-browser'], {
      STARLING_VAULT_PASSPHRASE: testPassphrase,
      STARLING_LINKEDIN_API_ORIGIN: fake.origin,
    });
    expect(noApp.status).toBe(1);
    expect(noApp.stderr).toContain('STARLING_LINKEDIN_CLIENT_ID');
  });
});

describe('starling text count --network linkedin', () => {
  it('counts characters up to LinkedIn’s 3,000, an emoji as one', () => {
    const fits = runCli([
      '--json',
      'text',
      'count',
      '--network',
      'linkedin',
      '--text',
      '🥐'.repeat(3000),
    ]);
    expect(fits.status, fits.stderr).toBe(0);
    expect(fits.json()).toEqual({ network: 'linkedin', length: 3000, limit: 3000, valid: true });
    const over = runCli(['text', 'count', '--network', 'linkedin', '--text', 'a'.repeat(3001)]);
    expect(over.status).toBe(0);
    expect(over.stdout.trim()).toBe('3001/3000: 1 over the LinkedIn limit');
  });
});
