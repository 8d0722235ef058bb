// Facebook in the soak (soak-networks.ts has the others): Pages, each added from its own
// Facebook user through the core's real flows against the fake Meta, with Meta's faults
// on posting, photo uploads and comments, and its ledger read back as posts and the
// Page's comments under them, in Starling's terms.
import type { FaultRule } from '../fakes/http-kit/types.ts';
import { startFakeMeta, type FakeMeta } from '../fakes/meta-server/index.ts';
import { expectOk } from '../helpers/core.ts';
import { testMetaApp } from '../helpers/meta-accounts.ts';
import { addClient, flowOutcome, freePort, type XTestCore } from '../helpers/x-accounts.ts';
import type { LedgerPost, SoakNetwork } from './soak-networks.ts';

const originVariable = 'STARLING_META_API_ORIGIN';
const feed = /^\/v\d+\.\d+\/\d+\/feed$/;
const photos = /^\/v\d+\.\d+\/\d+\/photos$/;
const comments = /^\/v\d+\.\d+\/[\d_]+\/comments$/;

/**
 * Facebook: every account is a Page, added from a Facebook user of its own (whose own
 * account posts nothing and gets no posts). Meta reads its origin from the environment
 * at each call, so this process's is pointed at the fake until close (the daemon gets it
 * through `env`). Meta's throttling asks for minutes, longer than the soak, so its rate
 * limits are left to the integration tests.
 */
export async function facebookNetwork(): Promise<
  SoakNetwork & { fake: FakeMeta; env: Record<string, string> }
> {
  const fake = await startFakeMeta({ startAt: Date.now() });
  const before = process.env[originVariable];
  process.env[originVariable] = fake.origin;
  const redirectUris: string[] = [];
  let appSaved = false;
  const pageIds: string[] = [];

  async function appPort(core: XTestCore): Promise<number> {
    const port = await freePort();
    redirectUris.push(`http://127.0.0.1:${String(port)}/callback`);
    fake.registerApp({
      appId: testMetaApp.clientId,
      appSecret: testMetaApp.clientSecret,
      name: 'Starling soak',
      redirectUris,
      admins: [...fake.store.users.keys()],
    });
    if (!appSaved) {
      expectOk(await core.invoke('accounts:save-app', { platform: 'facebook', ...testMetaApp }));
      appSaved = true;
    }
    return port;
  }

  const rotation: FaultRule[] = [
    { method: 'POST', path: feed, kind: 'status', status: 503 },
    { method: 'POST', path: feed, kind: 'reset' },
    { method: 'POST', path: feed, kind: 'drop-after-record' },
    { method: 'POST', path: photos, kind: 'status', status: 502 },
    { method: 'POST', path: comments, kind: 'drop-after-record' },
    { method: 'POST', path: comments, kind: 'status', status: 500 },
  ];
  const posting = () =>
    fake
      .requests()
      .filter((r) => r.method === 'POST' && (feed.test(r.path) || comments.test(r.path)));

  return {
    name: 'facebook',
    fake,
    origin: fake.origin,
    env: { [originVariable]: fake.origin },
    follow: (now) => {
      fake.clock.advance(Math.max(0, now - fake.clock.now()));
    },
    async connect(core, index, client) {
      const clientId = client ?? (await addClient(core));
      const user = fake.addUser({ name: `Soak User ${String(index)}` });
      const page = fake.addPage(user.id, { name: `Soak Page ${String(index)}` });
      const flow = expectOk(
        await core.invoke('accounts:connect', {
          clientId,
          platform: 'facebook',
          port: await appPort(core),
        }),
      );
      const outcome = flowOutcome(core, flow.flowId);
      await fake.approve(flow.authorizeUrl, { userId: user.id });
      const ended = await outcome;
      if (!ended.ok) throw new Error(`Facebook connect failed: ${ended.error.message}`);
      const [account] = expectOk(
        await core.invoke('accounts:add-pages', {
          accountId: ended.account.id,
          pageIds: [page.id],
        }),
      );
      if (account === undefined) throw new Error('Facebook Page not added');
      pageIds.push(page.id);
      return { account, author: page.id };
    },
    postRequests: () => posting().length,
    sends: () =>
      posting().map((r) => ({
        at: r.at,
        text: new URLSearchParams(r.body ?? '').get('message') ?? '',
      })),
    slow: (ms) => {
      fake.faults.add({ method: 'POST', path: feed, kind: 'latency', ms, times: 1_000_000 });
    },
    faults: rotation,
    fault: (rule) => {
      fake.faults.add(rule);
    },
    posts() {
      const found: LedgerPost[] = [];
      for (const pageId of pageIds) {
        // Oldest first, so each comment's parent is the Page's comment before it.
        for (const post of fake.postsOf(pageId).reverse()) {
          found.push({
            id: post.id,
            author: pageId,
            text: post.message,
            parentId: null,
            kind: 'page',
          });
          let parent = post.id;
          for (const c of fake.commentsOn(post.id)) {
            found.push({
              id: c.id,
              author: c.fromId,
              text: c.message,
              parentId: parent,
              kind: 'page',
            });
            parent = c.id;
          }
        }
      }
      return found;
    },
    async close() {
      if (before === undefined) delete process.env.STARLING_META_API_ORIGIN;
      else process.env[originVariable] = before;
      await fake.close();
    },
  };
}
