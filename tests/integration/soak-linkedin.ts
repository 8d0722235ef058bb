// LinkedIn in the soak (soak-networks.ts has the others): members and the company pages
// they administer, connected through the core's real flows against the fake LinkedIn,
// with LinkedIn's faults (an expired token among them) and its ledger read back as posts
// and their comments, in Starling's terms.
import { linkedinVersion } from '../../main/core/platforms/linkedin/api.ts';
import {
  startFakeLinkedIn,
  type FakeLinkedIn,
  type FakeMember,
  type FakeOrganization,
} from '../fakes/linkedin-server/index.ts';
import type { FaultRule } from '../fakes/http-kit/types.ts';
import { expectOk } from '../helpers/core.ts';
import { testLinkedInApp } from '../helpers/linkedin-accounts.ts';
import { addClient, flowOutcome, freePort, type XTestCore } from '../helpers/x-accounts.ts';
import { sendsOf, type LedgerPost, type SoakNetwork } from './soak-networks.ts';

const linkedinPosts = '/rest/posts';
const linkedinComments = '/rest/socialActions/:urn/comments';
const originVariable = 'STARLING_LINKEDIN_API_ORIGIN';

/**
 * LinkedIn: even accounts are members (connected with their pages), each odd one the
 * company page the member before it administers, added to the same client. LinkedIn
 * reads its origin from the environment at each call, so this process's is pointed at the
 * fake until close (the daemon gets it through `env`). The app grants refresh tokens, so
 * an expired token is renewed; a revoked member loses their page too until reconnected.
 */
export async function linkedinNetwork(): Promise<
  SoakNetwork & { fake: FakeLinkedIn; env: Record<string, string> }
> {
  const fake = await startFakeLinkedIn({
    startAt: Date.now(),
    // The version this build speaks, whatever the machine's date.
    activeVersions: [linkedinVersion],
  });
  const before = process.env[originVariable];
  process.env[originVariable] = fake.origin;
  const redirectUris: string[] = [];
  let appSaved = false;
  const members: { member: FakeMember; organization: FakeOrganization; accountId: string }[] = [];

  /** A loopback port registered as a redirect of the app, and the app saved in Starling. */
  async function appPort(core: XTestCore): Promise<number> {
    const port = await freePort();
    redirectUris.push(`http://127.0.0.1:${String(port)}/callback`);
    fake.registerApp({
      ...testLinkedInApp,
      name: 'Starling soak',
      redirectUris,
      products: ['sign-in-openid', 'share', 'community-management'],
      refreshTokens: true,
    });
    if (!appSaved) {
      expectOk(
        await core.invoke('accounts:save-app', { platform: 'linkedin', ...testLinkedInApp }),
      );
      appSaved = true;
    }
    return port;
  }

  async function signIn(core: XTestCore, clientId: string, member: FakeMember) {
    const flow = expectOk(
      await core.invoke('accounts:connect', {
        clientId,
        platform: 'linkedin',
        port: await appPort(core),
        pages: true,
      }),
    );
    const outcome = flowOutcome(core, flow.flowId);
    await fake.approve(flow.authorizeUrl, { memberId: member.id });
    const ended = await outcome;
    if (!ended.ok) throw new Error(`LinkedIn connect failed: ${ended.error.message}`);
    return ended.account;
  }

  async function addPage(core: XTestCore, accountId: string, organization: FakeOrganization) {
    const [page] = expectOk(
      await core.invoke('accounts:add-pages', { accountId, pageIds: [organization.id] }),
    );
    if (page === undefined) throw new Error('LinkedIn page not added');
    return page;
  }

  const rotation: FaultRule[] = [
    { method: 'POST', path: linkedinPosts, kind: 'status', status: 503 },
    { method: 'POST', path: linkedinPosts, kind: 'reset' },
    { method: 'POST', path: linkedinPosts, kind: 'drop-after-record' },
    { method: 'POST', path: '/rest/images', kind: 'status', status: 502 },
    { method: 'POST', path: linkedinPosts, kind: 'expired' },
    { method: 'POST', path: linkedinComments, kind: 'drop-after-record' },
    { method: 'POST', path: linkedinPosts, kind: 'rate-limit', resetInSeconds: 1 },
    { method: 'POST', path: linkedinComments, kind: 'status', status: 500 },
  ];
  let limited = false;
  const comments = () =>
    fake.ledger
      .requests()
      .filter(
        (r) => r.method === 'POST' && /^\/rest\/socialActions\/[^/]+\/comments$/.test(r.path),
      );
  const kindOf = (author: string) =>
    author.startsWith('urn:li:organization:') ? 'page' : 'member';

  return {
    name: 'linkedin',
    fake,
    origin: fake.origin,
    env: { [originVariable]: fake.origin },
    follow: (now) => {
      fake.clock.advance(Math.max(0, now - fake.clock.now()));
    },
    async connect(core, index, client) {
      const owner = index % 2 === 1 ? members.at(-1) : undefined;
      if (owner !== undefined) {
        const page = await addPage(core, owner.accountId, owner.organization);
        return { account: page, author: owner.organization.urn };
      }
      const clientId = client ?? (await addClient(core));
      const member = fake.addMember({ givenName: `Soak${String(index)}`, familyName: 'Member' });
      const organization = fake.addOrganization({ name: `Soak Company ${String(index)}` });
      fake.grantRole(member.id, organization.id);
      const account = await signIn(core, clientId, member);
      members.push({ member, organization, accountId: account.id });
      return { account, author: member.urn };
    },
    postRequests: () =>
      fake.ledger.requests().filter((r) => r.method === 'POST' && r.path === linkedinPosts).length +
      comments().length,
    sends: () => sendsOf(fake.ledger.requests(), linkedinPosts, (b) => b.commentary),
    slow: (ms) => {
      fake.fault({ method: 'POST', path: linkedinPosts, kind: 'latency', ms, times: 1_000_000 });
    },
    // LinkedIn's limits are daily (it names no reset, so Starling waits for 00:00 UTC) and
    // hold the member's later posts too: one is enough, after it the list goes without.
    get faults(): FaultRule[] {
      return limited ? rotation.filter((r) => r.kind !== 'rate-limit') : rotation;
    },
    fault: (rule) => {
      if (rule.kind === 'rate-limit') limited = true;
      fake.fault(rule);
    },
    posts() {
      const live = fake.ledger.posts().filter((p) => !p.deleted);
      const found: LedgerPost[] = live.map((p) => ({
        id: p.urn,
        author: p.author,
        text: p.displayedText,
        parentId: null,
        kind: kindOf(p.author),
      }));
      // A thread's rest are comments on its post, in order: each one's parent is taken to
      // be the author's comment before it on that post (or the post), so order is checked.
      const last = new Map<string, string>();
      for (const c of fake.ledger.comments()) {
        const key = `${c.postUrn}\u0000${c.actor}`;
        found.push({
          id: c.urn,
          author: c.actor,
          text: c.text,
          parentId: last.get(key) ?? c.postUrn,
          kind: kindOf(c.actor),
        });
        last.set(key, c.urn);
      }
      return found;
    },
    revoke: (author) => {
      const revoked = members.find((m) => m.member.urn === author);
      if (revoked === undefined) throw new Error(`no LinkedIn member ${author}`);
      fake.revokeMember(revoked.member.id);
    },
    async reconnect(core, author, clientId) {
      const again = members.find((m) => m.member.urn === author);
      if (again === undefined) throw new Error(`no LinkedIn member ${author}`);
      const account = await signIn(core, clientId, again.member);
      // The page held a copy of the revoked grant: adding it again gives it the new one.
      await addPage(core, account.id, again.organization);
    },
    async close() {
      if (before === undefined) delete process.env.STARLING_LINKEDIN_API_ORIGIN;
      else process.env[originVariable] = before;
      await fake.close();
    },
  };
}
