// A core wired to the fake X server (routing agent, passphrase vault, a fake clock that
// starts where the fake's does) and the steps of connecting an account through it.
import net from 'node:net';
import { onTestFinished } from 'vitest';
import { createNodePorts } from '../../main/core/adapters/node-ports.ts';
import { createPassphraseCipher } from '../../main/core/adapters/passphrase-cipher.ts';
import { createCore, type CoreOptions } from '../../main/core/create-core.ts';
import { createXRoute } from '../../main/core/platforms/x/x-agent.ts';
import type { Ports } from '../../main/core/ports.ts';
import type { ConnectFlow, SocialAccount } from '../../shared/accounts.ts';
import type { EventName, Events } from '../../shared/ipc/events.ts';

import { startFakeX, type FakeUser, type FakeX } from '../fakes/x-server/index.ts';
import {
  expectOk,
  fakeClock,
  payloadsOf,
  recordEvents,
  recordingLogger,
  type SeenEvent,
  type TestCore,
} from './core.ts';
import { makeClientInput } from './factories.ts';
import { tempDataDir } from './temp-dir.ts';

export const testPassphrase = 'correct horse battery staple';
export const testXClientId = 'c3RhcmxpbmctdGVzdC1jbGllbnQ';
const clockStart = Date.UTC(2026, 10, 24, 9, 0);

export async function startX(): Promise<FakeX> {
  const fake = await startFakeX({ startAt: clockStart });
  onTestFinished(() => fake.close());
  return fake;
}

/** A loopback port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
  return port;
}

export interface XTestCore extends TestCore {
  /** Moves the core's clock and the fake's together. */
  advance(ms: number): void;
  /** Every event the core pushed, in order. */
  seen: SeenEvent[];
}

export async function makeXCore(
  fake: FakeX,
  options: { dataDir?: string; ports?: Partial<Ports>; tuning?: CoreOptions['tuning'] } = {},
): Promise<XTestCore> {
  const dataDir = options.dataDir ?? tempDataDir();
  const clock = fakeClock(clockStart);
  const logger = recordingLogger();
  const ports = createNodePorts(dataDir, {
    clock,
    logger,
    localTimeZone: 'Europe/Berlin',
    cipher: createPassphraseCipher(dataDir, testPassphrase),
    xRoute: createXRoute({ STARLING_X_API_ORIGIN: fake.origin }),
    ...options.ports,
  });
  const core = await createCore({
    dataDir,
    host: 'cli',
    ports,
    ...(options.tuning !== undefined && { tuning: options.tuning }),
  });
  onTestFinished(() => core.close());
  const seen = recordEvents(core.events);
  return {
    ...core,
    dataDir,
    clock,
    logger,
    seen,
    advance(ms) {
      clock.advance(ms);
      fake.clock.advance(ms);
    },
  };
}

export async function addClient(core: TestCore, name?: string): Promise<string> {
  const input = makeClientInput(name === undefined ? {} : { name });
  return expectOk(await core.invoke('clients:create', input)).id;
}

/** Resolves with the first event of that name matching `where`, even one already pushed. */
export function nextEvent<E extends EventName>(
  core: XTestCore,
  event: E,
  where: (payload: Events[E]) => boolean = () => true,
): Promise<Events[E]> {
  return new Promise((resolve) => {
    const past = payloadsOf(core.seen, event).find(where);
    if (past !== undefined) {
      resolve(past);
      return;
    }
    const stop = core.events.on(event, (payload) => {
      if (where(payload)) {
        stop();
        resolve(payload);
      }
    });
  });
}

/** How a flow ended: the connected account, or the failure event. */
export function flowOutcome(core: XTestCore, flowId: string) {
  return Promise.race([
    nextEvent(core, 'account:connected', (p) => p.flowId === flowId).then((p) => ({
      ok: true as const,
      account: p.account,
    })),
    nextEvent(core, 'account:connect-failed', (p) => p.flowId === flowId).then((p) => ({
      ok: false as const,
      error: p.error,
    })),
  ]);
}

/** GETs the redirect as the browser would; returns the page Starling answered. */
export async function followRedirect(url: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url);
  return { status: response.status, text: await response.text() };
}

export interface ConnectedFixture {
  core: XTestCore;
  fake: FakeX;
  clientId: string;
  user: FakeUser;
  account: SocialAccount;
  port: number;
}

/** Registers the test app on the fake for `port` and starts connect-x through dispatch. */
export async function startConnect(
  core: XTestCore,
  fake: FakeX,
  clientId: string,
  port?: number,
): Promise<{ flow: ConnectFlow; port: number }> {
  const p = port ?? (await freePort());
  fake.registerApp({
    clientId: testXClientId,
    redirectUris: [`http://127.0.0.1:${String(p)}/callback`],
  });
  const flow = expectOk(
    await core.invoke('accounts:connect-x', { clientId, xClientId: testXClientId, port: p }),
  );
  return { flow, port: p };
}

/** The whole happy path: a fake user approves, the browser follows the redirect. */
export async function connectX(
  options: { fake?: FakeX; core?: XTestCore; user?: Partial<FakeUser> } = {},
): Promise<ConnectedFixture> {
  const fake = options.fake ?? (await startX());
  const core = options.core ?? (await makeXCore(fake));
  const clientId = await addClient(core);
  const user = fake.addUser(options.user);
  const { flow, port } = await startConnect(core, fake, clientId);
  const outcome = flowOutcome(core, flow.flowId);
  const redirect = await fake.approve(flow.authorizeUrl, { userId: user.id });
  const page = await followRedirect(redirect);
  const ended = await outcome;
  if (!ended.ok) throw new Error(`connect failed: ${ended.error.message} (${page.text})`);
  return { core, fake, clientId, user, account: ended.account, port };
}
