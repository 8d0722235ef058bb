// A publisher wired to a real core (real SQLite, the registry's LinkedIn module over the
// encrypted vault) and a LinkedIn member, optionally with a company page, connected
// through the real flows against the fake LinkedIn; both clocks move together.
import type { Kysely } from 'kysely';
import type { Schema } from '../../main/core/db/schema.ts';
import type { PublishEvent } from '../../main/core/posts/lifecycle.ts';
import type { Publisher, PublishOutcome } from '../../main/core/publishing/outcome.ts';
import type { SocialAccount } from '../../shared/accounts.ts';
import type {
  FakeLinkedIn,
  FakeLinkedInOptions,
  FakeMember,
  FakeOrganization,
  FakePost,
} from '../fakes/linkedin-server/index.ts';
import { expectOk } from '../helpers/core.ts';
import { connectLinkedIn, startLinkedIn } from '../helpers/linkedin-accounts.ts';
import type { PartSpec } from '../helpers/post-factories.ts';
import type { XTestCore } from '../helpers/x-accounts.ts';
import { committedRemoteIds, networkPublishing, targetRow } from './network-publish-fixture.ts';

export interface LinkedInFixture {
  fake: FakeLinkedIn;
  core: XTestCore;
  db: Kysely<Schema>;
  clientId: string;
  member: FakeMember;
  account: SocialAccount;
  /** The company page's account, when the fixture was made with `page`. */
  page: SocialAccount | null;
  organization: FakeOrganization | null;
  publisher: Publisher;
  events: PublishEvent[];
  onEvent(hook: (event: PublishEvent) => void): void;
  publish(targetId: string): Promise<PublishOutcome>;
  /** A post due now to `account` (default: the member). */
  post(
    parts: (string | PartSpec)[],
    account?: SocialAccount,
  ): Promise<{ postId: string; targetId: string; partIds: string[] }>;
  /** Live posts on the fake by this author URN, oldest first. */
  posts(author?: string): FakePost[];
}

export async function linkedinFixture(
  options: FakeLinkedInOptions & { page?: boolean; refreshTokens?: boolean } = {},
): Promise<LinkedInFixture> {
  const { page: withPage, refreshTokens, ...fakeOptions } = options;
  const fake = await startLinkedIn(fakeOptions);
  const member = fake.addMember({ givenName: 'Ada', familyName: 'Baker' });
  const organization =
    withPage === true
      ? fake.addOrganization({ name: 'Nova Bakery', vanityName: 'nova-bakery' })
      : null;
  if (organization !== null) fake.grantRole(member.id, organization.id);
  const connected = await connectLinkedIn({
    fake,
    member,
    pages: withPage === true,
    ...(refreshTokens !== undefined && { refreshTokens }),
  });
  const { core, clientId, account } = connected;
  const page =
    organization === null
      ? null
      : (expectOk(
          await core.invoke('accounts:add-pages', {
            accountId: account.id,
            pageIds: [organization.id],
          }),
        )[0] ?? null);
  const publishing = networkPublishing(core, clientId);
  return {
    fake,
    core,
    clientId,
    member,
    account,
    page,
    organization,
    ...publishing,
    post: (parts, to = account) => publishing.post(to.id, parts),
    posts: (author = member.urn) =>
      fake.ledger
        .posts()
        .filter((p) => p.author === author && !p.deleted)
        .sort((a, b) => a.createdAt - b.createdAt),
  };
}

export const readTarget = (fx: LinkedInFixture, targetId: string) => targetRow(fx.db, targetId);

/** The parts' remote ids as committed, in thread order. */
export const postedIds = (fx: LinkedInFixture, targetId: string): Promise<string[]> =>
  committedRemoteIds(fx.db, targetId);
