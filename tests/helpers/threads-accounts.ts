// A core wired for the fake Threads (STARLING_THREADS_API_ORIGIN pointed at it for the
// test, a passphrase vault, a fake clock that starts where the fake's does, on the wall
// clock so the relay's presigned URLs pass s3rver's expiry check), the user's Threads app
// saved through accounts:save-app, and connecting through the real flow with the address
// pasted as a person would ([Note: pasted address]).
import { onTestFinished } from 'vitest';
import type { ConnectFlow, SocialAccount } from '../../shared/accounts.ts';
import {
  startFakeThreads,
  type FakeThreads,
  type FakeThreadsUser,
} from '../fakes/threads-server/index.ts';
import { expectOk } from './core.ts';
import { makeNetworkCore } from './network-core.ts';
import { addClient, type XTestCore } from './x-accounts.ts';

export const testThreadsApp = {
  clientId: '1234567890123456',
  clientSecret: 'threads-test-app-secret-0f9e8d',
  redirectUri: 'https://starling.example/threads/callback',
} as const;

export async function startThreads(): Promise<FakeThreads> {
  const fake = await startFakeThreads({ startAt: Math.floor(Date.now() / 1000) * 1000 });
  onTestFinished(() => fake.close());
  return fake;
}

/** Points Threads' route at `fake` for this test (the platform reads it at each call). */
export function routeToThreads(fake: FakeThreads): void {
  const before = process.env.STARLING_THREADS_API_ORIGIN;
  process.env.STARLING_THREADS_API_ORIGIN = fake.origin;
  onTestFinished(() => {
    if (before === undefined) delete process.env.STARLING_THREADS_API_ORIGIN;
    else process.env.STARLING_THREADS_API_ORIGIN = before;
  });
}

export function makeThreadsCore(
  fake: FakeThreads,
  options: { dataDir?: string } = {},
): Promise<XTestCore> {
  routeToThreads(fake);
  return makeNetworkCore(fake, options);
}

/** Registers the test app on the fake and saves it in Starling. */
export async function setUpThreadsApp(
  core: Pick<XTestCore, 'invoke'>,
  fake: FakeThreads,
): Promise<void> {
  fake.registerApp({
    clientId: testThreadsApp.clientId,
    clientSecret: testThreadsApp.clientSecret,
    redirectUris: [testThreadsApp.redirectUri],
  });
  expectOk(await core.invoke('accounts:save-app', { platform: 'threads', ...testThreadsApp }));
}

export async function startThreadsConnect(
  core: Pick<XTestCore, 'invoke'>,
  clientId: string,
): Promise<ConnectFlow> {
  return expectOk(await core.invoke('accounts:connect', { clientId, platform: 'threads' }));
}

export interface ThreadsConnected {
  core: XTestCore;
  fake: FakeThreads;
  clientId: string;
  user: FakeThreadsUser;
  account: SocialAccount;
}

/** The happy path: the app set up, the user approves, the address is pasted. */
export async function connectThreads(
  options: { fake?: FakeThreads; core?: XTestCore; clientId?: string; user?: FakeThreadsUser } = {},
): Promise<ThreadsConnected> {
  const fake = options.fake ?? (await startThreads());
  const core = options.core ?? (await makeThreadsCore(fake));
  const clientId = options.clientId ?? (await addClient(core));
  const user = options.user ?? fake.addUser({ username: 'novabakery', name: 'Nova Bakery' });
  await setUpThreadsApp(core, fake);
  const flow = await startThreadsConnect(core, clientId);
  const address = await fake.approve(flow.authorizeUrl, { userId: user.id });
  const account = expectOk(
    await core.invoke('accounts:paste-address', { flowId: flow.flowId, address }),
  );
  return { core, fake, clientId, user, account };
}
