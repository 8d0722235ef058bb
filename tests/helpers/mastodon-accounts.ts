// A core wired for the fake Mastodon (passphrase vault, a fake clock that starts where the
// fake's does, processing waits that move both clocks) and the steps of connecting an
// account through accounts:connect and the fake's consent page.
import { onTestFinished } from 'vitest';
import type { ConnectFlow, SocialAccount } from '../../shared/accounts.ts';
import {
  startFakeMastodon,
  type FakeMastoUser,
  type FakeMastodon,
  type FakeMastodonOptions,
} from '../fakes/mastodon-server/index.ts';
import { expectOk } from './core.ts';
import { makeNetworkCore } from './network-core.ts';
import { addClient, flowOutcome, freePort, type XTestCore } from './x-accounts.ts';

export const mastodonClockStart = Date.UTC(2026, 10, 24, 9, 0);

export async function startMastodon(options: FakeMastodonOptions = {}): Promise<FakeMastodon> {
  const fake = await startFakeMastodon({ startAt: mastodonClockStart, ...options });
  onTestFinished(() => fake.close());
  return fake;
}

/** A real core on a fresh data folder; `advance` moves its clock and the fake's together. */
export function makeMastodonCore(fake: FakeMastodon): Promise<XTestCore> {
  return makeNetworkCore(fake);
}

/** Starts accounts:connect for the fake instance on a free loopback port. */
export async function startMastodonConnect(
  core: XTestCore,
  fake: FakeMastodon,
  clientId: string,
  port?: number,
): Promise<{ flow: ConnectFlow; port: number }> {
  const p = port ?? (await freePort());
  const flow = expectOk(
    await core.invoke('accounts:connect', {
      clientId,
      platform: 'mastodon',
      serviceUrl: fake.origin,
      port: p,
    }),
  );
  return { flow, port: p };
}

/** The user approves on the fake's consent page; its redirect reaches the flow's listener. */
export async function approveConnect(
  core: XTestCore,
  fake: FakeMastodon,
  flow: ConnectFlow,
  user: FakeMastoUser,
): Promise<SocialAccount> {
  const outcome = flowOutcome(core, flow.flowId);
  await fake.approve(flow.authorizeUrl, { userId: user.id });
  const ended = await outcome;
  if (!ended.ok) throw new Error(`connect failed: ${ended.error.message}`);
  return ended.account;
}

export interface MastodonConnected {
  core: XTestCore;
  fake: FakeMastodon;
  clientId: string;
  user: FakeMastoUser;
  account: SocialAccount;
}

/** The whole happy path for a new user of the fake instance. */
export async function connectMastodon(
  options: {
    fake?: FakeMastodon;
    core?: XTestCore;
    clientId?: string;
    username?: string;
    followers?: number;
  } = {},
): Promise<MastodonConnected> {
  const fake = options.fake ?? (await startMastodon());
  const core = options.core ?? (await makeMastodonCore(fake));
  const clientId = options.clientId ?? (await addClient(core));
  const user = fake.addUser({
    username: options.username ?? 'nova_bakery',
    displayName: 'Nova Bakery',
    ...(options.followers !== undefined && { followers: options.followers }),
  });
  const { flow } = await startMastodonConnect(core, fake, clientId);
  const account = await approveConnect(core, fake, flow, user);
  return { core, fake, clientId, user, account };
}
