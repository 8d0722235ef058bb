// A core wired for the fake Meta (STARLING_META_API_ORIGIN pointed at it for the test, a
// passphrase vault, a fake clock that starts where the fake's does), the user's Meta app
// saved through accounts:save-app, and the steps of connecting Facebook and adding Pages
// (with their linked Instagram accounts) through the real flows.
import { onTestFinished } from 'vitest';
import type { ConnectFlow, SocialAccount } from '../../shared/accounts.ts';
import {
  startFakeMeta,
  type FakeMeta,
  type FakeMetaOptions,
  type FakeMetaUser,
} from '../fakes/meta-server/index.ts';
import { expectOk } from './core.ts';
import { makeNetworkCore } from './network-core.ts';
import { addClient, flowOutcome, freePort, type XTestCore } from './x-accounts.ts';

export const metaClockStart = Date.UTC(2026, 11, 1, 9, 0);
export const testMetaApp = {
  clientId: '5550001234',
  clientSecret: 'meta-test-app-secret',
} as const;

export async function startMeta(options: FakeMetaOptions = {}): Promise<FakeMeta> {
  const fake = await startFakeMeta({ startAt: metaClockStart, ...options });
  onTestFinished(() => fake.close());
  return fake;
}

/** Points Meta's route at `fake` for this test (the platform reads it at each call). */
export function routeToMeta(fake: FakeMeta): void {
  const before = process.env.STARLING_META_API_ORIGIN;
  process.env.STARLING_META_API_ORIGIN = fake.origin;
  onTestFinished(() => {
    if (before === undefined) delete process.env.STARLING_META_API_ORIGIN;
    else process.env.STARLING_META_API_ORIGIN = before;
  });
}

export function makeMetaCore(
  fake: FakeMeta,
  options: { dataDir?: string } = {},
): Promise<XTestCore> {
  routeToMeta(fake);
  return makeNetworkCore(fake, options);
}

/** Registers the test app on the fake for `port`'s redirect (the user an admin) and saves it. */
export async function setUpMetaApp(
  core: Pick<XTestCore, 'invoke'>,
  fake: FakeMeta,
  port: number,
  admins?: string[],
): Promise<void> {
  fake.registerApp({
    appId: testMetaApp.clientId,
    appSecret: testMetaApp.clientSecret,
    name: 'Starling test',
    redirectUris: [`http://127.0.0.1:${String(port)}/callback`],
    ...(admins === undefined ? {} : { admins }),
  });
  expectOk(await core.invoke('accounts:save-app', { platform: 'facebook', ...testMetaApp }));
}

export async function startFacebookConnect(
  core: Pick<XTestCore, 'invoke'>,
  clientId: string,
  port: number,
): Promise<ConnectFlow> {
  return expectOk(await core.invoke('accounts:connect', { clientId, platform: 'facebook', port }));
}

export interface FacebookConnected {
  core: XTestCore;
  fake: FakeMeta;
  clientId: string;
  user: FakeMetaUser;
  /** The signed-in user's own account, which lists Pages. */
  account: SocialAccount;
  port: number;
}

/** The happy path: the app set up, the user continues in Facebook's dialog. */
export async function connectFacebook(
  options: { fake?: FakeMeta; core?: XTestCore; clientId?: string; user?: FakeMetaUser } = {},
): Promise<FacebookConnected> {
  const fake = options.fake ?? (await startMeta());
  const core = options.core ?? (await makeMetaCore(fake));
  const clientId = options.clientId ?? (await addClient(core));
  const user = options.user ?? fake.addUser({ name: 'Ada Baker' });
  const port = await freePort();
  await setUpMetaApp(core, fake, port);
  const flow = await startFacebookConnect(core, clientId, port);
  const outcome = flowOutcome(core, flow.flowId);
  await fake.approve(flow.authorizeUrl, { userId: user.id });
  const ended = await outcome;
  if (!ended.ok) throw new Error(`connect failed: ${ended.error.message}`);
  return { core, fake, clientId, user, account: ended.account, port };
}
