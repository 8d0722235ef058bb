// What every network's publishing fixture shares: a publisher wired to the real core
// (the registry's modules over the encrypted vault), the events it sends, a post due now
// to one account, media in the client's library, and the target, its committed remote ids
// and the post's events as the database holds them. Each network's fixture adds its fake
// and its account.
import type { Kysely } from 'kysely';
import type { Schema } from '../../main/core/db/schema.ts';
import type { PublishEvent } from '../../main/core/posts/lifecycle.ts';
import type { Publisher, PublishOutcome } from '../../main/core/publishing/outcome.ts';
import { createTargetPublisher } from '../../main/core/publishing/publish-target.ts';
import { imageBytes, mp4Bytes } from '../helpers/media-files.ts';
import { makeMediaAsset, makePost, type PartSpec } from '../helpers/post-factories.ts';
import type { XTestCore } from '../helpers/x-accounts.ts';
import { remoteUrlOf } from '../../main/core/db/remote-urls.ts';

export interface NetworkPublishing {
  db: Kysely<Schema>;
  publisher: Publisher;
  /** Every event the publisher sent, oldest first. */
  events: PublishEvent[];
  onEvent(hook: (event: PublishEvent) => void): void;
  publish(targetId: string): Promise<PublishOutcome>;
  /** A post of `clientId` due now to one account, with the network's options on its target. */
  post(
    accountId: string,
    parts: (string | PartSpec)[],
    options?: Record<string, unknown>,
  ): Promise<{ postId: string; targetId: string; partIds: string[] }>;
  /** An image in the client's media library (a 64×48 PNG unless told). */
  image(format?: 'png' | 'jpeg', width?: number, height?: number): Promise<string>;
  /** A 5-second 320×240 MP4 in the client's media library (30 frames a second unless told). */
  video(options?: { fps?: number }): Promise<string>;
}

export function networkPublishing(core: XTestCore, clientId: string): NetworkPublishing {
  const db = core.database.db;
  const events: PublishEvent[] = [];
  const hooks: ((event: PublishEvent) => void)[] = [];
  const publisher = createTargetPublisher({
    db,
    platformFor: (platform) => core.platforms.get(platform),
    clock: core.clock,
    logger: core.logger,
    dataDir: core.dataDir,
    onEvent: (event) => {
      events.push(event);
      for (const hook of hooks) hook(event);
    },
  });
  return {
    db,
    publisher,
    events,
    onEvent: (hook) => hooks.push(hook),
    publish: (targetId) => publisher.publishTarget(targetId),
    async post(accountId, parts, options) {
      const now = core.clock.now();
      const made = await makePost(db, {
        clientId,
        accountIds: [accountId],
        parts,
        now,
        scheduledAt: now,
      });
      const targetId = made.targets[accountId] ?? '';
      if (options !== undefined) {
        await db
          .updateTable('post_targets')
          .set({ options: JSON.stringify(options) })
          .where('id', '=', targetId)
          .execute();
      }
      return { postId: made.postId, targetId, partIds: made.partIds };
    },
    async image(format = 'png', width = 64, height = 48) {
      return makeMediaAsset(db, core.dataDir, {
        bytes: await imageBytes(format, width, height),
        kind: 'image',
        mime: `image/${format}`,
        clientId,
        width,
        height,
      });
    },
    async video(options = {}) {
      return makeMediaAsset(db, core.dataDir, {
        bytes: mp4Bytes(5000, 320, 240, options.fps ?? 30),
        kind: 'video',
        mime: 'video/mp4',
        clientId,
        durationMs: 5000,
        width: 320,
        height: 240,
      });
    },
  };
}

export function targetRow(db: Kysely<Schema>, targetId: string) {
  return db
    .selectFrom('post_targets')
    .selectAll()
    .select(remoteUrlOf('post_targets').as('remote_url'))
    .where('id', '=', targetId)
    .executeTakeFirstOrThrow();
}

/** The parts' remote ids as committed, in thread order. */
export async function committedRemoteIds(db: Kysely<Schema>, targetId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('post_target_parts as t')
    .innerJoin('post_parts as p', 'p.id', 't.part_id')
    .select(['t.remote_id', 'p.position'])
    .where('t.target_id', '=', targetId)
    .orderBy('p.position')
    .execute();
  return rows.map((r) => r.remote_id);
}

/** The post's event types, oldest first. */
export async function postEventTypes(db: Kysely<Schema>, postId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('post_events')
    .select('type')
    .where('post_id', '=', postId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.type);
}
