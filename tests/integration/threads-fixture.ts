// A publisher wired to a real core (real SQLite, the registry's Threads module over the
// encrypted vault) and a Threads account connected through the real flow (address pasted)
// against the fake Threads; both clocks move together and start on the wall clock, so the
// media relay's presigned URLs pass s3rver's checks. `withRelay` saves a relay on s3rver.
import type { Kysely } from 'kysely';
import type { Schema } from '../../main/core/db/schema.ts';
import type { Publisher, PublishOutcome } from '../../main/core/publishing/outcome.ts';
import type { SocialAccount } from '../../shared/accounts.ts';
import type { FakeThreads, FakeThreadsUser } from '../fakes/threads-server/index.ts';
import type { PostRecord } from '../fakes/threads-server/store.ts';
import { expectOk } from '../helpers/core.ts';
import type { PartSpec } from '../helpers/post-factories.ts';
import { s3Keys, startS3, type S3Server } from '../helpers/s3-server.ts';
import { connectThreads } from '../helpers/threads-accounts.ts';
import type { XTestCore } from '../helpers/x-accounts.ts';
import { committedRemoteIds, networkPublishing, targetRow } from './network-publish-fixture.ts';

export interface ThreadsFixture {
  fake: FakeThreads;
  core: XTestCore;
  db: Kysely<Schema>;
  clientId: string;
  user: FakeThreadsUser;
  account: SocialAccount;
  s3: S3Server | null;
  publisher: Publisher;
  publish(targetId: string): Promise<PublishOutcome>;
  post(parts: (string | PartSpec)[]): Promise<{ postId: string; targetId: string }>;
  /** A PNG in the media library. */
  image(): Promise<string>;
  /** An MP4 in the media library (5 s at 30 frames a second unless told). */
  video(options?: { fps?: number }): Promise<string>;
  /** Live posts and replies on the fake, oldest first. */
  posts(): PostRecord[];
}

export async function threadsFixture(
  options: { withRelay?: boolean } = {},
): Promise<ThreadsFixture> {
  const { core, fake, clientId, user, account } = await connectThreads();
  let s3: S3Server | null = null;
  if (options.withRelay === true) {
    s3 = await startS3();
    expectOk(
      await core.invoke('relay:save', {
        endpoint: s3.endpoint,
        region: s3.region,
        bucket: s3.bucket,
        ...s3Keys,
      }),
    );
  }
  const publishing = networkPublishing(core, clientId);
  return {
    fake,
    core,
    clientId,
    user,
    account,
    s3,
    ...publishing,
    post: (parts) => publishing.post(account.id, parts),
    posts: () =>
      fake.ledger
        .posts()
        .filter((p) => !p.deleted)
        .sort((a, b) => a.createdAt - b.createdAt || Number(BigInt(a.id) - BigInt(b.id))),
  };
}

export const readTarget = (fx: ThreadsFixture, targetId: string) => targetRow(fx.db, targetId);

/** The parts' remote ids as committed, in thread order. */
export const postedIds = (fx: ThreadsFixture, targetId: string): Promise<string[]> =>
  committedRemoteIds(fx.db, targetId);
