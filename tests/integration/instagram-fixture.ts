// A publisher wired to a real core (real SQLite, the registry's Instagram module over the
// encrypted vault, the media relay on s3rver) and an Instagram account on the fake Meta;
// media made with sharp and mp4box and kept in the media library.
import type { Kysely } from 'kysely';
import type { Schema } from '../../main/core/db/schema.ts';
import type { PublishOutcome } from '../../main/core/publishing/outcome.ts';
import { createTargetPublisher } from '../../main/core/publishing/publish-target.ts';
import { instagramState, type InstagramState } from '../fakes/meta-server/instagram-state.ts';
import { setUpInstagram, type InstagramSetup } from '../helpers/instagram-accounts.ts';
import { imageBytes, mp4Bytes } from '../helpers/media-files.ts';
import { makeMediaAsset, makePost, type PartSpec } from '../helpers/post-factories.ts';

export interface InstagramFixture extends InstagramSetup {
  db: Kysely<Schema>;
  ig: InstagramState;
  publish(targetId: string): Promise<PublishOutcome>;
  /** A post due now to the Instagram account. */
  post(
    part: string | PartSpec,
    options?: Record<string, unknown>,
  ): Promise<{ postId: string; targetId: string }>;
  /** A JPEG in the client's media library. */
  jpeg(): Promise<string>;
  /** A 5-second MP4 in the client's media library. */
  video(): Promise<string>;
  /** The account's live media on the fake, oldest first. */
  media(): InstagramState['media'] extends Map<string, infer M> ? M[] : never;
}

export async function instagramFixture(
  options: { relay?: boolean } = {},
): Promise<InstagramFixture> {
  const setup = await setUpInstagram(options);
  const { core, fake, clientId, account } = setup;
  const db = core.database.db;
  const publisher = createTargetPublisher({
    db,
    platformFor: (platform) => core.platforms.get(platform),
    clock: core.clock,
    logger: core.logger,
    dataDir: core.dataDir,
    onEvent: () => undefined,
  });
  const ig = instagramState(fake.store);
  return {
    ...setup,
    db,
    ig,
    publish: (targetId) => publisher.publishTarget(targetId),
    async post(part, networkOptions = {}) {
      const now = core.clock.now();
      const made = await makePost(db, {
        clientId,
        accountIds: [account.id],
        parts: [part],
        now,
        scheduledAt: now,
      });
      const targetId = made.targets[account.id] ?? '';
      await db
        .updateTable('post_targets')
        .set({ options: JSON.stringify(networkOptions) })
        .where('id', '=', targetId)
        .execute();
      return { postId: made.postId, targetId };
    },
    async jpeg() {
      return makeMediaAsset(db, core.dataDir, {
        bytes: await imageBytes('jpeg', 64, 64),
        kind: 'image',
        mime: 'image/jpeg',
        clientId,
        width: 64,
        height: 64,
      });
    },
    async video() {
      return makeMediaAsset(db, core.dataDir, {
        bytes: mp4Bytes(5000),
        kind: 'video',
        mime: 'video/mp4',
        clientId,
        durationMs: 5000,
        width: 320,
        height: 240,
      });
    },
    media: () =>
      [...ig.media.values()]
        .filter((m) => m.igUserId === setup.instagram.id && !m.deleted)
        .sort((a, b) => a.createdAt - b.createdAt),
  };
}

export function readTarget(fx: InstagramFixture, targetId: string) {
  return fx.db
    .selectFrom('post_targets')
    .selectAll()
    .where('id', '=', targetId)
    .executeTakeFirstOrThrow();
}
