// Connecting one account of each network the way a person does, in the served app: the X
// app's Client ID and callback port in Settings, Connect X approved on the fake X's
// consent page in the tab the app opened, a Bluesky app password in its dialog (the PDS
// under Advanced), and Connect Mastodon approved on the fake instance's consent page.
import type { BrowserContext, Page } from 'playwright-core';
import type { FakeBluesky } from '../fakes/bluesky-server/index.ts';
import type { FakeMastodon } from '../fakes/mastodon-server/index.ts';
import type { FakeX } from '../fakes/x-server/index.ts';
import { blueskyAppPassword } from './network-accounts.ts';
import { freePort, testXClientId } from './x-accounts.ts';

export interface UiNetworks {
  x: FakeX;
  bluesky: FakeBluesky;
  mastodon: FakeMastodon;
  /** The client the accounts are connected to, as the Clients view names it. */
  clientName: string;
  /** The Bluesky handle whose app password is `blueskyAppPassword`. */
  blueskyHandle: string;
  /** The fake users who approve on X and on the instance. */
  xUserId: string;
  mastodonUserId: string;
}

/** Approves on the consent page the app opened in a new tab, then closes it. */
async function approveIn(opened: Promise<Page>, button: string): Promise<void> {
  const consent = await opened;
  await consent.getByRole('button', { name: button }).click();
  await consent.getByText('You can close this tab').waitFor();
  await consent.close();
}

export async function connectEveryNetworkInUi(page: Page, networks: UiNetworks): Promise<void> {
  const context: BrowserContext = page.context();
  const { clientName } = networks;
  const accounts = page.getByRole('list', { name: `Accounts of ${clientName}` });

  // X: the user's own X app, registered for the loopback callback, set in Settings.
  const port = await freePort();
  networks.x.registerApp({
    clientId: testXClientId,
    name: 'Starling e2e',
    redirectUris: [`http://127.0.0.1:${String(port)}/callback`],
  });
  networks.x.signIn(networks.xUserId);
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('X Client ID').fill(testXClientId);
  await page.getByLabel('Callback port').fill(String(port));
  await page.getByRole('button', { name: 'Save X app settings' }).click();
  await page.getByText('X app settings saved.').waitFor();

  await page.getByRole('link', { name: 'Clients' }).click();
  const xTab = context.waitForEvent('page');
  await page.getByRole('button', { name: `Connect X account to ${clientName}` }).click();
  await approveIn(xTab, 'Authorize app');
  await page.getByRole('dialog', { name: 'Connect X account' }).waitFor({ state: 'hidden' });

  // Bluesky: handle and app password, the fake PDS as the server.
  await page.getByRole('button', { name: `Connect Bluesky account to ${clientName}` }).click();
  const bsky = page.getByRole('dialog', { name: 'Connect Bluesky account' });
  await bsky.getByLabel('Handle').fill(networks.blueskyHandle);
  await bsky.getByLabel('App password').fill(blueskyAppPassword);
  await bsky.getByText('Advanced').click();
  await bsky.getByLabel('Server (PDS)').fill(networks.bluesky.origin);
  await bsky.getByRole('button', { name: 'Connect Bluesky' }).click();
  await bsky.waitFor({ state: 'hidden' });

  // Mastodon: the instance's address, approved on its consent page.
  networks.mastodon.signIn(networks.mastodonUserId);
  await page.getByRole('button', { name: `Connect Mastodon account to ${clientName}` }).click();
  const masto = page.getByRole('dialog', { name: 'Connect Mastodon account' });
  await masto.getByLabel('Instance').fill(networks.mastodon.origin);
  const mastoTab = context.waitForEvent('page');
  await masto.getByRole('button', { name: 'Sign in on the instance' }).click();
  await approveIn(mastoTab, 'Authorize');
  await masto.waitFor({ state: 'hidden' });

  for (const network of ['X', 'Bluesky', 'Mastodon']) {
    await accounts.getByRole('listitem').filter({ hasText: network }).first().waitFor();
  }
}
