// A publisher wired to a real core (real SQLite, the registry's Facebook module over the
// encrypted vault) and a Facebook user with one Page added as an account through the real
// flows against the fake Meta; both clocks move together.
import type { Kysely } from 'kysely';
import type { Schema } from '../../main/core/db/schema.ts';
import type { Publisher, PublishOutcome } from '../../main/core/publishing/outcome.ts';
import type { SocialAccount } from '../../shared/accounts.ts';
import type { FakeMeta, FakeMetaOptions, FakeMetaPage } from '../fakes/meta-server/index.ts';
import { expectOk } from '../helpers/core.ts';
import { connectFacebook, startMeta } from '../helpers/meta-accounts.ts';
import type { PartSpec } from '../helpers/post-factories.ts';
import type { XTestCore } from '../helpers/x-accounts.ts';
import { committedRemoteIds, networkPublishing } from './network-publish-fixture.ts';

export interface FacebookFixture {
  fake: FakeMeta;
  core: XTestCore;
  db: Kysely<Schema>;
  clientId: string;
  fbPage: FakeMetaPage;
  /** The Page's account. */
  page: SocialAccount;
  /** The signed-in user's account. */
  user: SocialAccount;
  publisher: Publisher;
  publish(targetId: string): Promise<PublishOutcome>;
  post(
    parts: (string | PartSpec)[],
  ): Promise<{ postId: string; targetId: string; partIds: string[] }>;
}

export async function facebookFixture(options: FakeMetaOptions = {}): Promise<FacebookFixture> {
  const fake = await startMeta(options);
  const user = fake.addUser({ name: 'Ada Baker' });
  const fbPage = fake.addPage(user.id, { name: 'Rye & Co', followers: 250 });
  const connected = await connectFacebook({ fake, user });
  const { core, clientId, account } = connected;
  const added = expectOk(
    await core.invoke('accounts:add-pages', { accountId: account.id, pageIds: [fbPage.id] }),
  );
  const page = added[0];
  if (page === undefined) throw new Error('no Page added');
  const publishing = networkPublishing(core, clientId);
  return {
    fake,
    core,
    clientId,
    fbPage,
    page,
    user: account,
    ...publishing,
    post: (parts) => publishing.post(page.id, parts),
  };
}

/** The parts' remote ids as committed, in thread order. */
export const committedIds = (fx: FacebookFixture, targetId: string): Promise<string[]> =>
  committedRemoteIds(fx.db, targetId);
