// A core wired for the fake LinkedIn (STARLING_LINKEDIN_API_ORIGIN pointed at it for the
// test, a passphrase vault, a fake clock that starts where the fake's does, processing
// waits that move both clocks), the user's LinkedIn app saved through accounts:save-app,
// and the steps of connecting a member (and their pages) through the real flows.
import { onTestFinished } from 'vitest';
import type { ConnectFlow, SocialAccount } from '../../shared/accounts.ts';
import {
  startFakeLinkedIn,
  type FakeLinkedIn,
  type FakeLinkedInOptions,
  type FakeMember,
  type LinkedInProduct,
} from '../fakes/linkedin-server/index.ts';
import { expectOk } from './core.ts';
import { makeNetworkCore } from './network-core.ts';
import { addClient, flowOutcome, freePort, type XTestCore } from './x-accounts.ts';

/** 24 November 2026: the fake takes LinkedIn-Version 202611 from this month on. */
export const linkedinClockStart = Date.UTC(2026, 10, 24, 9, 0);
export const testLinkedInApp = {
  clientId: '86starlingtestapp',
  clientSecret: 'linkedin-test-client-secret',
} as const;

export async function startLinkedIn(options: FakeLinkedInOptions = {}): Promise<FakeLinkedIn> {
  const fake = await startFakeLinkedIn({ startAt: linkedinClockStart, ...options });
  onTestFinished(() => fake.close());
  return fake;
}

/** Points LinkedIn's route at `fake` for this test (the platform reads it at each call). */
export function routeTo(fake: FakeLinkedIn): void {
  const before = process.env.STARLING_LINKEDIN_API_ORIGIN;
  process.env.STARLING_LINKEDIN_API_ORIGIN = fake.origin;
  onTestFinished(() => {
    if (before === undefined) delete process.env.STARLING_LINKEDIN_API_ORIGIN;
    else process.env.STARLING_LINKEDIN_API_ORIGIN = before;
  });
}

/** A real core on a fresh data folder; `advance` moves its clock and the fake's together. */
export function makeLinkedInCore(
  fake: FakeLinkedIn,
  options: { dataDir?: string } = {},
): Promise<XTestCore> {
  routeTo(fake);
  return makeNetworkCore(fake, options);
}

/** Registers the test app on the fake for `port`'s redirect and saves it in Starling. */
export async function setUpApp(
  core: Pick<XTestCore, 'invoke'>,
  fake: FakeLinkedIn,
  port: number,
  app: { products?: LinkedInProduct[]; refreshTokens?: boolean; pkce?: boolean } = {},
): Promise<void> {
  fake.registerApp({
    ...testLinkedInApp,
    name: 'Starling test',
    redirectUris: [`http://127.0.0.1:${String(port)}/callback`],
    products: app.products ?? ['sign-in-openid', 'share', 'community-management'],
    refreshTokens: app.refreshTokens ?? false,
    pkce: app.pkce ?? false,
  });
  expectOk(await core.invoke('accounts:save-app', { platform: 'linkedin', ...testLinkedInApp }));
}

export async function startLinkedInConnect(
  core: Pick<XTestCore, 'invoke'>,
  clientId: string,
  port: number,
  pages = false,
): Promise<ConnectFlow> {
  return expectOk(
    await core.invoke('accounts:connect', { clientId, platform: 'linkedin', port, pages }),
  );
}

export interface LinkedInConnected {
  core: XTestCore;
  fake: FakeLinkedIn;
  clientId: string;
  member: FakeMember;
  account: SocialAccount;
  port: number;
}

/** The happy path: the app set up, a member approves on the fake's consent page. */
export async function connectLinkedIn(
  options: {
    fake?: FakeLinkedIn;
    core?: XTestCore;
    clientId?: string;
    pages?: boolean;
    refreshTokens?: boolean;
    member?: FakeMember;
  } = {},
): Promise<LinkedInConnected> {
  const fake = options.fake ?? (await startLinkedIn());
  const core = options.core ?? (await makeLinkedInCore(fake));
  const clientId = options.clientId ?? (await addClient(core));
  const member = options.member ?? fake.addMember({ givenName: 'Ada', familyName: 'Baker' });
  const port = await freePort();
  await setUpApp(core, fake, port, { refreshTokens: options.refreshTokens ?? false });
  const flow = await startLinkedInConnect(core, clientId, port, options.pages ?? false);
  const outcome = flowOutcome(core, flow.flowId);
  await fake.approve(flow.authorizeUrl, { memberId: member.id });
  const ended = await outcome;
  if (!ended.ok) throw new Error(`connect failed: ${ended.error.message}`);
  return { core, fake, clientId, member, account: ended.account, port };
}
