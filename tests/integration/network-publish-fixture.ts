// What every network's publishing fixture shares: a publisher wired to the real core
// (the registry's modules over the encrypted vault), the events it sends, a post due now
// to one account, and the target and its committed remote ids as the database holds them.
// Each network's fixture adds its fake and its account.
import type { Kysely } from 'kysely';
import type { Schema } from '../../main/core/db/schema.ts';
import type { PublishEvent } from '../../main/core/posts/lifecycle.ts';
import type { Publisher, PublishOutcome } from '../../main/core/publishing/outcome.ts';
import { createTargetPublisher } from '../../main/core/publishing/publish-target.ts';
import { makePost, type PartSpec } from '../helpers/post-factories.ts';
import type { XTestCore } from '../helpers/x-accounts.ts';

export interface NetworkPublishing {
  db: Kysely<Schema>;
  publisher: Publisher;
  /** Every event the publisher sent, oldest first. */
  events: PublishEvent[];
  onEvent(hook: (event: PublishEvent) => void): void;
  publish(targetId: string): Promise<PublishOutcome>;
  /** A post of `clientId` due now to one account. */
  post(
    accountId: string,
    parts: (string | PartSpec)[],
  ): Promise<{ postId: string; targetId: string; partIds: string[] }>;
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
    async post(accountId, parts) {
      const now = core.clock.now();
      const made = await makePost(db, {
        clientId,
        accountIds: [accountId],
        parts,
        now,
        scheduledAt: now,
      });
      return {
        postId: made.postId,
        targetId: made.targets[accountId] ?? '',
        partIds: made.partIds,
      };
    },
  };
}

export function targetRow(db: Kysely<Schema>, targetId: string) {
  return db
    .selectFrom('post_targets')
    .selectAll()
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
