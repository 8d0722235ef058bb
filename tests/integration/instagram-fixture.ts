// A publisher wired to a real core (real SQLite, the registry's Instagram module over the
// encrypted vault, the media relay on s3rver) and an Instagram account on the fake Meta;
// media made with sharp and mp4box and kept in the media library.
import type { Kysely } from 'kysely';
import type { Schema } from '../../main/core/db/schema.ts';
import type { PublishOutcome } from '../../main/core/publishing/outcome.ts';
import { instagramState, type InstagramState } from '../fakes/meta-server/instagram-state.ts';
import { setUpInstagram, type InstagramSetup } from '../helpers/instagram-accounts.ts';
import type { PartSpec } from '../helpers/post-factories.ts';
import { networkPublishing, targetRow } from './network-publish-fixture.ts';

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
  const publishing = networkPublishing(core, clientId);
  const ig = instagramState(fake.store);
  return {
    ...setup,
    db: publishing.db,
    ig,
    publish: (targetId) => publishing.publish(targetId),
    post: (part, networkOptions) => publishing.post(account.id, [part], networkOptions),
    jpeg: () => publishing.image('jpeg', 64, 64),
    video: () => publishing.video({ fps: 10 }),
    media: () =>
      [...ig.media.values()]
        .filter((m) => m.igUserId === setup.instagram.id && !m.deleted)
        .sort((a, b) => a.createdAt - b.createdAt),
  };
}

export const readTarget = (fx: InstagramFixture, targetId: string) => targetRow(fx.db, targetId);
