// Threads in the soak (soak-networks.ts has the others): accounts connected through the
// core's real flow with the address pasted, media handed over through a media relay on
// s3rver (the fake fetches each presigned URL), Threads' faults on containers and
// publishing, and its ledger read back as posts and their replies, in Starling's terms.
import type { FaultRule } from '../fakes/http-kit/types.ts';
import { startFakeThreads, type FakeThreads } from '../fakes/threads-server/index.ts';
import { expectOk } from '../helpers/core.ts';
import { s3Keys, startS3, type S3Server } from '../helpers/s3-server.ts';
import { testThreadsApp } from '../helpers/threads-accounts.ts';
import { addClient, type XTestCore } from '../helpers/x-accounts.ts';
import { sendsOf, type SoakNetwork } from './soak-networks.ts';

const publishPath = '/v1.0/:user/threads_publish';
const containerPath = '/v1.0/:user/threads';
const originVariable = 'STARLING_THREADS_API_ORIGIN';

/**
 * Threads reads its origin from the environment at each call, so this process's is pointed
 * at the fake until close (the daemon gets it through `env`). The app and the relay are
 * saved in the database the daemon opens. No rate limit is injected: Threads names no
 * reset, so Starling waits a quarter of an hour, longer than the soak.
 */
export async function threadsNetwork(): Promise<
  SoakNetwork & { fake: FakeThreads; s3: S3Server; env: Record<string, string> }
> {
  const fake = await startFakeThreads({ startAt: Date.now() });
  const s3 = await startS3({ closeWithTest: false });
  const before = process.env[originVariable];
  process.env[originVariable] = fake.origin;
  fake.registerApp({ ...testThreadsApp, redirectUris: [testThreadsApp.redirectUri] });
  let saved = false;

  async function setUp(core: XTestCore) {
    if (saved) return;
    expectOk(await core.invoke('accounts:save-app', { platform: 'threads', ...testThreadsApp }));
    expectOk(
      await core.invoke('relay:save', {
        endpoint: s3.endpoint,
        region: s3.region,
        bucket: s3.bucket,
        ...s3Keys,
      }),
    );
    saved = true;
  }

  const textOfContainer = (body: Record<string, unknown>) =>
    fake.ledger.containers().find((c) => c.id === body.creation_id)?.text;
  const publishes = () =>
    fake.ledger
      .requests()
      .filter((r) => r.method === 'POST' && /^\/v1\.0\/[^/]+\/threads_publish$/.test(r.path));

  return {
    name: 'threads',
    fake,
    s3,
    origin: fake.origin,
    env: { [originVariable]: fake.origin },
    follow: (now) => {
      fake.clock.advance(Math.max(0, now - fake.clock.now()));
    },
    async connect(core, index, client) {
      await setUp(core);
      const clientId = client ?? (await addClient(core));
      const user = fake.addUser({ username: `soak_threads_${String(index)}` });
      const flow = expectOk(
        await core.invoke('accounts:connect', { clientId, platform: 'threads' }),
      );
      const address = await fake.approve(flow.authorizeUrl, { userId: user.id });
      const account = expectOk(
        await core.invoke('accounts:paste-address', { flowId: flow.flowId, address }),
      );
      return { account, author: user.id };
    },
    postRequests: () => publishes().length,
    sends: () =>
      sendsOf(
        publishes().map((r) => ({ ...r, path: publishPath })),
        publishPath,
        textOfContainer,
      ),
    slow: (ms) => {
      fake.fault({ method: 'POST', path: publishPath, kind: 'latency', ms, times: 1_000_000 });
    },
    faults: [
      { method: 'POST', path: publishPath, kind: 'status', status: 503 },
      { method: 'POST', path: publishPath, kind: 'drop-after-record' },
      { method: 'POST', path: containerPath, kind: 'status', status: 502 },
      { method: 'POST', path: publishPath, kind: 'reset' },
      { method: 'POST', path: containerPath, kind: 'drop-after-record' },
    ] satisfies FaultRule[],
    fault: (rule) => {
      fake.fault(rule);
    },
    posts: () =>
      fake.ledger
        .posts()
        .filter((p) => !p.deleted)
        .map((p) => ({ id: p.id, author: p.userId, text: p.text, parentId: p.replyToId })),
    async close() {
      if (before === undefined) delete process.env.STARLING_THREADS_API_ORIGIN;
      else process.env[originVariable] = before;
      await fake.close();
      await s3.close();
    },
  };
}
