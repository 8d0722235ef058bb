// The fake Bluesky driven by the real @atproto/api AtpAgent (which checks every answer
// against the lexicons): sessions, records with chosen keys, blobs, appview reads,
// refresh rotation, revocation, video, Open Graph pages and every fault kind.
import { AtpAgent, XRPCError, type BlobRef } from '@atproto/api';
import { describe, expect, it, onTestFinished } from 'vitest';
import {
  startFakeBluesky,
  type FakeBluesky,
  type FakeBlueskyOptions,
  type FakeBskyUser,
} from '../fakes/bluesky-server/index.ts';

const password = 'abcd-efgh-ijkl-mnop';
const post = 'app.bsky.feed.post';
// TIDs as the client makes them: 13 base32-sortable characters.
const rkeyA = '3jzfcijpj2z2a';
const rkeyB = '3jzfcijpj2z2b';
const createdAt = '2026-03-01T12:00:00.000Z';
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

async function setup(options: FakeBlueskyOptions = {}) {
  const fake = await startFakeBluesky(options);
  onTestFinished(() => fake.close());
  const user = fake.addUser({ handle: 'alice.test', password, displayName: 'Alice' });
  return { fake, user };
}

async function signedIn(fake: FakeBluesky, user: FakeBskyUser): Promise<AtpAgent> {
  const agent = new AtpAgent({ service: fake.origin });
  await agent.login({ identifier: user.handle, password });
  return agent;
}

async function xrpcFailure(promise: Promise<unknown>): Promise<XRPCError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(XRPCError);
    return error as XRPCError;
  }
  throw new Error('expected the call to fail');
}

function jwtPayload(token: string): Record<string, unknown> {
  const part = token.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}

function createPost(agent: AtpAgent, rkey: string, record: Record<string, unknown> = {}) {
  return agent.com.atproto.repo.createRecord({
    repo: agent.session?.did ?? '',
    collection: post,
    rkey,
    record: { $type: post, text: 'hello', createdAt, ...record },
  });
}

async function refreshWith(fake: FakeBluesky, refreshJwt: string) {
  const res = await fetch(`${fake.origin}/xrpc/com.atproto.server.refreshSession`, {
    method: 'POST',
    headers: { authorization: `Bearer ${refreshJwt}` },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('fake Bluesky: sessions', () => {
  it('signs in with an app password by handle or e-mail, and refuses a wrong one', async () => {
    const { fake, user } = await setup();
    const agent = await signedIn(fake, user);
    expect(agent.session).toMatchObject({ did: user.did, handle: 'alice.test', active: true });
    expect(user.did).toMatch(/^did:plc:[a-z2-7]{24}$/);
    const access = jwtPayload(agent.session?.accessJwt ?? '');
    expect(access).toMatchObject({ sub: user.did, scope: 'com.atproto.appPass' });
    expect(Number(access.exp) * 1000).toBe(Math.floor(fake.clock.now() / 1000) * 1000 + 7_200_000);
    expect(jwtPayload(agent.session?.refreshJwt ?? '').scope).toBe('com.atproto.refresh');
    const me = await agent.com.atproto.server.getSession();
    expect(me.data.did).toBe(user.did);

    await new AtpAgent({ service: fake.origin }).login({ identifier: user.email, password });
    const wrong = await xrpcFailure(
      new AtpAgent({ service: fake.origin }).login({ identifier: 'alice.test', password: 'nope' }),
    );
    expect(wrong).toMatchObject({ status: 401, error: 'AuthenticationRequired' });
    expect(wrong.message).toBe('Invalid identifier or password');
  });

  it('rotates refresh tokens: the old one is refused, after the grace when there is one', async () => {
    const { fake, user } = await setup();
    const agent = await signedIn(fake, user);
    const first = agent.session?.refreshJwt ?? '';
    await agent.sessionManager.refreshSession();
    expect(agent.session?.refreshJwt).not.toBe(first);
    expect(await refreshWith(fake, first)).toEqual({
      status: 400,
      body: { error: 'ExpiredToken', message: 'Token has been revoked' },
    });

    const graced = await setup({ refreshGraceMs: 60_000 });
    const old = (await signedIn(graced.fake, graced.user)).session?.refreshJwt ?? '';
    const next = await refreshWith(graced.fake, old);
    const again = await refreshWith(graced.fake, old);
    expect(again.status).toBe(200);
    const jti = (r: typeof next) => jwtPayload(String(r.body.refreshJwt)).jti;
    expect(jti(again)).toBe(jti(next));
    graced.fake.clock.advance(60_000);
    expect((await refreshWith(graced.fake, old)).body.error).toBe('ExpiredToken');
  });

  it('refreshes transparently once the access token expires (400 ExpiredToken)', async () => {
    const { fake, user } = await setup({ accessJwtLifetimeMs: 60_000 });
    const agent = await signedIn(fake, user);
    fake.clock.advance(60_000);
    const profile = await agent.getProfile({ actor: user.did });
    expect(profile.data.handle).toBe('alice.test');
    const calls = fake.ledger.requests().map((r) => `${r.path.slice(6)} ${r.status}`);
    expect(calls.slice(-3)).toEqual([
      'app.bsky.actor.getProfile 400',
      'com.atproto.server.refreshSession 200',
      'app.bsky.actor.getProfile 200',
    ]);
  });

  it('revokeSessions ends every token: calls fail and the agent drops the session', async () => {
    const { fake, user } = await setup();
    const agent = await signedIn(fake, user);
    const refreshJwt = agent.session?.refreshJwt ?? '';
    fake.revokeSessions(user.did);
    const failure = await xrpcFailure(createPost(agent, rkeyA));
    expect(failure).toMatchObject({ status: 400, error: 'ExpiredToken' });
    expect(agent.session).toBeUndefined();
    expect((await refreshWith(fake, refreshJwt)).body.error).toBe('ExpiredToken');
    expect(fake.ledger.records()).toEqual([]);
  });
});

describe('fake Bluesky: records and blobs', () => {
  it('creates a post under a chosen record key once; a second create is refused', async () => {
    const { fake, user } = await setup();
    const agent = await signedIn(fake, user);
    const created = await createPost(agent, rkeyA);
    expect(created.data).toMatchObject({
      uri: `at://${user.did}/${post}/${rkeyA}`,
      validationStatus: 'valid',
    });
    expect(created.data.cid).toMatch(/^bafyrei/);
    expect(created.headers['ratelimit-remaining']).toBe('4997');

    // The PDS's repo tree throws on an existing key: xrpc-server answers 500.
    const again = await xrpcFailure(createPost(agent, rkeyA));
    expect(again).toMatchObject({ status: 500, error: 'InternalServerError' });
    const badKey = await xrpcFailure(createPost(agent, 'not-a-tid'));
    expect(badKey).toMatchObject({ status: 400, error: 'InvalidRequest' });
    expect(fake.ledger.records()).toEqual([
      expect.objectContaining({ rkey: rkeyA, cid: created.data.cid, deleted: false }),
    ]);
    expect(fake.ledger.records()[0]?.value).toEqual({ $type: post, text: 'hello', createdAt });

    const found = await agent.com.atproto.repo.getRecord({
      repo: 'alice.test',
      collection: post,
      rkey: rkeyA,
    });
    expect(found.data).toMatchObject({ uri: created.data.uri, cid: created.data.cid });
    const missing = await xrpcFailure(
      agent.com.atproto.repo.getRecord({ repo: user.did, collection: post, rkey: rkeyB }),
    );
    expect(missing).toMatchObject({ status: 400, error: 'RecordNotFound' });
  });

  it('checks posts: graphemes, facet byte ranges, reply refs', async () => {
    const { fake, user } = await setup();
    const agent = await signedIn(fake, user);
    const root = await createPost(agent, rkeyA, { text: 'héllo' });
    const refused = async (record: Record<string, unknown>) =>
      (await xrpcFailure(createPost(agent, rkeyB, record))).message;
    // 300 family emoji are 300 graphemes but 7,500 bytes.
    expect(await refused({ text: '👨‍👩‍👧'.repeat(300) })).toMatch(/3000 characters/);
    expect(await refused({ text: 'a'.repeat(301) })).toMatch(/300 graphemes/);
    const link = { $type: 'app.bsky.richtext.facet#link', uri: 'https://example.com' };
    const facet = (byteEnd: number) => ({
      text: 'héllo',
      facets: [{ index: { byteStart: 0, byteEnd }, features: [link] }],
    });
    expect(await refused(facet(7))).toMatch(/outside the text's 6 UTF-8 bytes/);
    const ref = { uri: root.data.uri, cid: root.data.cid };
    const wrongCid = {
      uri: root.data.uri,
      cid: 'bafyreibadbadbadbadbadbadbadbadbadbadbadbadbadbadbadbadbadbad',
    };
    expect(await refused({ reply: { root: ref, parent: wrongCid } })).toMatch(/reply/);
    await createPost(agent, rkeyB, { ...facet(6), reply: { root: ref, parent: ref } });
    const posts = await agent.app.bsky.feed.getPosts({ uris: [root.data.uri] });
    expect(posts.data.posts[0]?.replyCount).toBe(1);
  });

  it('uploads a blob and posts it as an image with alt text; refuses bad references', async () => {
    const { fake, user } = await setup({ maxBlobBytes: 1_000 });
    const agent = await signedIn(fake, user);
    const uploaded = await agent.uploadBlob(png, { encoding: 'image/png' });
    const blob: BlobRef = uploaded.data.blob;
    expect(blob.mimeType).toBe('image/png');
    expect(blob.size).toBe(png.length);
    expect(blob.ref.toString()).toMatch(/^bafkrei/);
    expect(fake.ledger.blobs()).toEqual([
      expect.objectContaining({ did: user.did, mimeType: 'image/png', size: png.length }),
    ]);
    expect(fake.ledger.blobs()[0]?.bytes.equals(png)).toBe(true);

    const image = (alt?: string) => ({
      embed: {
        $type: 'app.bsky.embed.images',
        images: [{ image: blob, ...(alt === undefined ? {} : { alt }) }],
      },
    });
    const noAlt = await xrpcFailure(createPost(agent, rkeyA, image()));
    expect(noAlt.message).toMatch(/"alt"/);
    await createPost(agent, rkeyA, image('A single pixel'));
    const stored = fake.ledger.records()[0]?.value as { embed: { images: { alt: string }[] } };
    expect(stored.embed.images[0]?.alt).toBe('A single pixel');

    const tooBig = await xrpcFailure(
      agent.uploadBlob(Buffer.alloc(1_001), { encoding: 'image/jpeg' }),
    );
    expect(tooBig).toMatchObject({ status: 400, error: 'BlobTooLarge' });
    const other = fake.addUser({ handle: 'bob.test', password });
    const bob = await signedIn(fake, other);
    const notTheirs = await xrpcFailure(createPost(bob, rkeyB, image('x')));
    expect(notTheirs).toMatchObject({ status: 400, error: 'BlobNotFound' });
  });
});

describe('fake Bluesky: appview reads', () => {
  it('answers post counts and profile counts a test sets', async () => {
    const { fake, user } = await setup();
    const agent = await signedIn(fake, user);
    const { data } = await createPost(agent, rkeyA);
    fake.setPostCounts(data.uri, { likes: 7, reposts: 2, quotes: 1 });
    const posts = await agent.app.bsky.feed.getPosts({ uris: [data.uri] });
    expect(posts.data.posts[0]).toMatchObject({
      uri: data.uri,
      likeCount: 7,
      repostCount: 2,
      replyCount: 0,
      quoteCount: 1,
    });
    const tooMany = Array.from({ length: 26 }, () => data.uri);
    const refused = await xrpcFailure(agent.app.bsky.feed.getPosts({ uris: tooMany }));
    expect(refused).toMatchObject({ status: 400, error: 'InvalidRequest' });

    fake.setFollowers(user.did, 1234);
    const profile = await agent.getProfile({ actor: 'alice.test' });
    expect(profile.data).toMatchObject({
      did: user.did,
      handle: 'alice.test',
      displayName: 'Alice',
      followersCount: 1234,
      postsCount: 1,
    });
  });
});

describe('fake Bluesky: video and link pages', () => {
  it('uploads a video with a service token, polls the job and posts the blob', async () => {
    const { fake, user } = await setup({ videoPollsToComplete: 2 });
    const agent = await signedIn(fake, user);
    const limitsToken = await agent.com.atproto.server.getServiceAuth({
      aud: 'did:web:video.bsky.app',
      lxm: 'app.bsky.video.getUploadLimits',
    });
    const limits = await fetch(`${fake.origin}/xrpc/app.bsky.video.getUploadLimits`, {
      headers: { authorization: `Bearer ${limitsToken.data.token}` },
    });
    expect(await limits.json()).toMatchObject({ canUpload: true });

    const { data } = await agent.com.atproto.server.getServiceAuth({
      aud: `did:web:${new URL(fake.origin).host}`,
      lxm: 'com.atproto.repo.uploadBlob',
      exp: Math.floor(fake.clock.now() / 1000) + 1800,
    });
    const video = Buffer.from('fake mp4 bytes');
    const url = `${fake.origin}/xrpc/app.bsky.video.uploadVideo?did=${user.did}&name=clip.mp4`;
    const upload = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${data.token}`, 'content-type': 'video/mp4' },
      body: video,
    });
    const job = (await upload.json()) as { jobId: string; state: string };
    expect(job.state).toBe('JOB_STATE_CREATED');
    const first = await agent.app.bsky.video.getJobStatus({ jobId: job.jobId });
    expect(first.data.jobStatus.state).toBe('JOB_STATE_ENCODING');
    const done = await agent.app.bsky.video.getJobStatus({ jobId: job.jobId });
    expect(done.data.jobStatus.state).toBe('JOB_STATE_COMPLETED');
    const blob = done.data.jobStatus.blob;
    expect(blob?.size).toBe(video.length);
    await createPost(agent, rkeyA, {
      embed: { $type: 'app.bsky.embed.video', video: blob, alt: 'A clip' },
    });
    expect(fake.ledger.videoJobs()[0]).toMatchObject({ state: 'JOB_STATE_COMPLETED', polls: 2 });
  });

  it('serves Open Graph pages and their images', async () => {
    const { fake } = await setup();
    const url = fake.addPage('launch', {
      title: 'Launch <day>',
      description: 'All about it',
      imageBytes: png,
    });
    const page = await (await fetch(url)).text();
    expect(page).toContain('<meta property="og:title" content="Launch &#60;day&#62;">');
    expect(page).toContain(`<meta property="og:image" content="${url}/image">`);
    const image = await fetch(`${url}/image`);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer()).equals(png)).toBe(true);
    expect((await fetch(`${fake.origin}/og/unknown`)).status).toBe(404);
  });
});

describe('fake Bluesky: faults', () => {
  const createPath = '/xrpc/com.atproto.repo.createRecord';

  it('latency delays, a 5xx fails, and a 429 carries the PDS rate-limit headers', async () => {
    const { fake, user } = await setup();
    const agent = await signedIn(fake, user);
    fake.fault({ path: '/xrpc/app.bsky.actor.getProfile', kind: 'latency', ms: 60 });
    const started = performance.now();
    await agent.getProfile({ actor: user.did });
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);

    fake.fault({ path: createPath, kind: 'status', status: 503 });
    const unavailable = await xrpcFailure(createPost(agent, rkeyA));
    expect(unavailable).toMatchObject({ status: 503, error: 'NotEnoughResources' });

    fake.fault({ path: createPath, kind: 'rate-limit', resetInSeconds: 30 });
    const limited = await xrpcFailure(createPost(agent, rkeyA));
    expect(limited).toMatchObject({ status: 429, error: 'RateLimitExceeded' });
    expect(limited.headers).toMatchObject({
      'ratelimit-limit': '5000',
      'ratelimit-remaining': '0',
      'ratelimit-reset': String(Math.floor(fake.clock.now() / 1000) + 30),
      'ratelimit-policy': '5000;w=3600',
    });
    expect(fake.ledger.records()).toEqual([]);
  });

  it('drop-after-record keeps the record but the client sees a network error', async () => {
    const { fake, user } = await setup();
    const agent = await signedIn(fake, user);
    fake.fault({ path: createPath, kind: 'drop-after-record' });
    const dropped = await xrpcFailure(createPost(agent, rkeyA));
    expect(dropped.status).toBe(1); // ResponseType.Unknown: no HTTP answer at all
    expect(fake.ledger.records()).toEqual([expect.objectContaining({ rkey: rkeyA })]);
    expect(fake.ledger.requests().at(-1)).toMatchObject({ status: 200, delivered: false });
    // Reconciling finds the record under the key chosen before the first attempt.
    const found = await agent.com.atproto.repo.getRecord({
      repo: user.did,
      collection: post,
      rkey: rkeyA,
    });
    expect(found.data.cid).toBe(fake.ledger.records()[0]?.cid);
  });

  it('reset drops the connection before anything happens', async () => {
    const { fake, user } = await setup();
    const agent = await signedIn(fake, user);
    fake.fault({ path: createPath, kind: 'reset' });
    expect((await xrpcFailure(createPost(agent, rkeyA))).status).toBe(1);
    expect(fake.ledger.records()).toEqual([]);
    expect(fake.ledger.requests().at(-1)).toMatchObject({ status: 0, delivered: false });
  });

  it('revoked answers 400 ExpiredToken: the agent refreshes, or drops the session', async () => {
    const { fake, user } = await setup();
    const agent = await signedIn(fake, user);
    const before = agent.session?.accessJwt;
    fake.fault({ path: createPath, kind: 'revoked' });
    await createPost(agent, rkeyA);
    expect(agent.session?.accessJwt).not.toBe(before);
    const statuses = fake.ledger.requests().map((r) => r.status);
    expect(statuses.slice(-3)).toEqual([400, 200, 200]);

    fake.fault({ path: createPath, kind: 'revoked' });
    fake.fault({ path: '/xrpc/com.atproto.server.refreshSession', kind: 'revoked' });
    const revoked = await xrpcFailure(createPost(agent, rkeyB));
    expect(revoked).toMatchObject({ status: 400, error: 'ExpiredToken' });
    expect(agent.session).toBeUndefined();
  });
});
