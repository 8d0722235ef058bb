// A client's decision on a post as it is now, recorded the way an imported review reply
// records it (main/core/approval/decisions.ts), for tests about what decisions do rather
// than how they arrive (those go through review:import).
import type { Kysely } from 'kysely';
import { recordDecision, type Decision } from '../../main/core/approval/decisions.ts';
import { versionHash } from '../../main/core/approval/version-hash.ts';
import type { Schema } from '../../main/core/db/schema.ts';
import type { ReviewDecision } from '../../shared/approval.ts';

export async function decide(
  db: Kysely<Schema>,
  postId: string,
  decision: ReviewDecision,
  at: number,
  extra: Partial<Decision> = {},
): Promise<void> {
  const post = await db
    .selectFrom('posts')
    .select('client_id')
    .where('id', '=', postId)
    .executeTakeFirstOrThrow();
  const packetId = `packet-${post.client_id}`;
  await db
    .insertInto('review_packets')
    .values({
      id: packetId,
      client_id: post.client_id,
      token: 'a'.repeat(22),
      file_name: 'packet.html',
      created_at: at,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const hash = await versionHash(db, postId);
  await db.transaction().execute((trx) =>
    recordDecision(
      trx,
      {
        postId,
        decision,
        by: 'Anna Baker',
        comment: decision === 'approved' ? '' : 'Say sourdough, not bread.',
        packetId,
        versionHash: hash ?? '',
        decidedAt: null,
        ...extra,
      },
      at,
    ),
  );
}
