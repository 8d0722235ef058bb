// One client with an X, a Bluesky and a Mastodon account, connected through a real core
// against the three fakes (X's OAuth consent, the PDS's app-password session, the
// instance's OAuth consent), on a data folder a browser test then serves with `env`.
import { onTestFinished } from 'vitest';
import type { SocialAccount } from '../../shared/accounts.ts';
import { startFakeBluesky, type FakeBluesky } from '../fakes/bluesky-server/index.ts';
import type { FakeMastodon } from '../fakes/mastodon-server/index.ts';
import type { FakeX } from '../fakes/x-server/index.ts';
import { runCli } from './cli.ts';
import { approveConnect, startMastodon, startMastodonConnect } from './mastodon-accounts.ts';
import { tempDataDir } from './temp-dir.ts';
import {
  flowOutcome,
  followRedirect,
  makeXCore,
  startConnect,
  startX,
  testPassphrase,
} from './x-accounts.ts';
import { expectOk } from './core.ts';

export const blueskyAppPassword = 'abcd-efgh-ijkl-mnop';

export interface EveryNetwork {
  dataDir: string;
  /** What `starling serve` needs to reach the fake X and open the vault. */
  env: NodeJS.ProcessEnv;
  clientId: string;
  fakes: { x: FakeX; bluesky: FakeBluesky; mastodon: FakeMastodon };
  accounts: { x: SocialAccount; bluesky: SocialAccount; mastodon: SocialAccount };
}

export interface EveryNetworkOptions {
  clientName?: string;
  /** Every account's display name (long ones test the layout). */
  displayName?: string;
  /** The instance's own text limit (/api/v2/instance). */
  mastodonMaxCharacters?: number;
}

export async function startBluesky(): Promise<FakeBluesky> {
  const fake = await startFakeBluesky();
  onTestFinished(() => fake.close());
  return fake;
}

export async function connectEveryNetwork(
  options: EveryNetworkOptions = {},
): Promise<EveryNetwork> {
  const displayName = options.displayName ?? 'Bright Bakery Co';
  const x = await startX();
  const bluesky = await startBluesky();
  const mastodon = await startMastodon(
    options.mastodonMaxCharacters === undefined
      ? {}
      : { maxCharacters: options.mastodonMaxCharacters },
  );
  const xUser = x.addUser({ username: 'brightbakes', name: displayName });
  bluesky.addUser({
    handle: 'brightbakes.bsky.social',
    password: blueskyAppPassword,
    displayName,
  });
  const mastoUser = mastodon.addUser({ username: 'brightbakes', displayName });

  const dataDir = tempDataDir();
  const env: NodeJS.ProcessEnv = {
    STARLING_X_API_ORIGIN: x.origin,
    STARLING_VAULT_PASSPHRASE: testPassphrase,
  };
  const client = runCli(
    [
      '--data-dir',
      dataDir,
      '--json',
      'clients',
      'add',
      '--name',
      options.clientName ?? 'Bright Bakery',
      '--timezone',
      'Europe/Berlin',
    ],
    env,
  ).json() as { id: string };

  const core = await makeXCore(x, { dataDir });
  const { flow } = await startConnect(core, x, client.id);
  const outcome = flowOutcome(core, flow.flowId);
  await followRedirect(await x.approve(flow.authorizeUrl, { userId: xUser.id }));
  const xConnected = await outcome;
  if (!xConnected.ok) throw new Error(`X connect failed: ${xConnected.error.message}`);
  const blueskyAccount = expectOk(
    await core.invoke('accounts:sign-in', {
      clientId: client.id,
      platform: 'bluesky',
      handle: 'brightbakes.bsky.social',
      password: blueskyAppPassword,
      serviceUrl: bluesky.origin,
    }),
  );
  const started = await startMastodonConnect(core, mastodon, client.id);
  const mastodonAccount = await approveConnect(core, mastodon, started.flow, mastoUser);
  await core.close();
  return {
    dataDir,
    env,
    clientId: client.id,
    fakes: { x, bluesky, mastodon },
    accounts: { x: xConnected.account, bluesky: blueskyAccount, mastodon: mastodonAccount },
  };
}
