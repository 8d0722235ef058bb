// A publisher wired to a real core (real SQLite, the registry's Facebook module over the
// encrypted vault) and a Facebook user with one Page added as an account through the real
// flows against the fake Meta; both clocks move together.
import type { Kysely } from 'kysely';
import type { Schema } from '../../main/core/db/schema.ts';
import type { Publisher, PublishOutcome } from '../../main/core/publishing/outcome.ts';
import { createTargetPublisher } from '../../main/core/publishing/publish-target.ts';
import type { SocialAccount } from '../../shared/accounts.ts';
import type { FakeMeta, FakeMetaOptions, FakeMetaPage } from '../fakes/meta-server/index.ts';
import { expectOk } from '../helpers/core.ts';
import { connectFacebook, startMeta } from '../helpers/meta-accounts.ts';
import { makePost, type PartSpec } from '../helpers/post-factories.ts';
import type { XTestCore } from '../helpers/x-accounts.ts';

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
  const db = core.database.db;
  const publisher = createTargetPublisher({
    db,
    platformFor: (platform) => core.platforms.get(platform),
    clock: core.clock,
    logger: core.logger,
    dataDir: core.dataDir,
    onEvent: () => undefined,
  });
  return {
    fake,
    core,
    db,
    clientId,
    fbPage,
    page,
    user: account,
    publisher,
    publish: (targetId) => publisher.publishTarget(targetId),
    async post(parts) {
      const now = core.clock.now();
      const made = await makePost(db, {
        clientId,
        accountIds: [page.id],
        parts,
        now,
        scheduledAt: now,
      });
      return { postId: made.postId, targetId: made.targets[page.id] ?? '', partIds: made.partIds };
    },
  };
}

/** The parts' remote ids as committed, in thread order. */
export async function committedIds(fx: FacebookFixture, targetId: string): Promise<string[]> {
  const rows = await fx.db
    .selectFrom('post_target_parts as t')
    .innerJoin('post_parts as p', 'p.id', 't.part_id')
    .select(['t.remote_id', 'p.position'])
    .where('t.target_id', '=', targetId)
    .orderBy('p.position')
    .execute();
  return rows.map((r) => r.remote_id);
}
