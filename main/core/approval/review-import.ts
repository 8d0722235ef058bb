// A client's reply comes back (pasted code or reply file): all or nothing, except posts
// that changed since the packet. The reply is read and checked whole first ([Note: reply
// code]): an unknown packet, a wrong token, a post the packet did not hold (another
// client's, say) or a version hash other than the packet's refuses the whole reply and
// writes nothing. Then, per post, a decision about a version the post no longer is (it
// was edited, moved or re-targeted since), or about a post since deleted, published or
// cancelled, is refused and named; the others are recorded in one transaction, each in
// the post's history with the name the client typed, when and the comment.
import type { Kysely } from 'kysely';
import type {
  ReviewDecision,
  ReviewImportPost,
  ReviewImportResult,
} from '../../../shared/approval.ts';
import { failure } from '../../../shared/result.ts';
import type { Schema } from '../db/schema.ts';
import { recordDecision } from './decisions.ts';
import { decodeReply } from './reply-code.ts';
import { reviewable } from './review-send.ts';
import { versionHashes } from './version-hash.ts';

const refusedWhole = (why: string) =>
  failure('VALIDATION', `This reply was not recorded: ${why} Nothing was changed.`);

export async function importReply(
  db: Kysely<Schema>,
  text: string,
  now: number,
): Promise<ReviewImportResult> {
  const reply = decodeReply(text);
  const packet = await db
    .selectFrom('review_packets')
    .select(['id', 'client_id', 'token'])
    .where('id', '=', reply.p)
    .executeTakeFirst();
  if (packet === undefined) {
    throw failure(
      'NOT_FOUND',
      `This reply answers review packet ${reply.p}, which was not sent from this Starling. Nothing was recorded.`,
    );
  }
  if (packet.token !== reply.t) {
    throw refusedWhole(`it does not carry the key of packet ${packet.id}.`);
  }
  const sent = await db
    .selectFrom('review_packet_posts as r')
    .leftJoin('posts as p', 'p.id', 'r.post_id')
    .leftJoin('clients as c', 'c.seq', 'p.client_seq')
    .leftJoin('post_parts as part', (join) =>
      join.onRef('part.post_seq', '=', 'p.seq').on('part.position', '=', 0),
    )
    .select([
      'r.sent_post_id',
      'r.post_id',
      'r.version_hash',
      'r.shown_hash',
      'r.decision',
      'r.decided_by',
      'r.comment',
      'c.id as client_id',
      'p.status',
      'part.text',
    ])
    .where('r.packet_id', '=', packet.id)
    .execute();
  const bySent = new Map(sent.map((row) => [row.sent_post_id, row]));
  for (const decision of reply.d) {
    const row = bySent.get(decision.i);
    if (row === undefined) {
      throw refusedWhole(`it names post ${decision.i}, which packet ${packet.id} did not hold.`);
    }
    if ((row.shown_hash ?? row.version_hash) !== decision.h) {
      throw refusedWhole(
        `its version of post ${decision.i} is not the one packet ${packet.id} showed.`,
      );
    }
    if (row.client_id !== null && row.client_id !== packet.client_id) {
      throw refusedWhole(`post ${decision.i} belongs to another client than the packet.`);
    }
  }

  const current = await versionHashes(
    db,
    sent.flatMap((r) => (r.post_id === null ? [] : [r.post_id])),
  );
  const result: ReviewImportResult = {
    packetId: packet.id,
    clientId: packet.client_id,
    applied: [],
    unchanged: [],
    refused: [],
  };
  const toRecord: { row: (typeof sent)[number]; decision: ReviewDecision; comment: string }[] = [];
  for (const d of reply.d) {
    const row = bySent.get(d.i);
    if (row === undefined) continue;
    const post: ReviewImportPost = {
      postId: row.post_id ?? d.i,
      firstLine: (row.text ?? '').split('\n', 1)[0] ?? '',
      decision: d.a,
    };
    const refusal =
      row.post_id === null || row.status === null
        ? 'it was deleted since the packet was sent.'
        : !reviewable.includes(row.status)
          ? `it is ${row.status.replace('_', ' ')} now, past approving.`
          : current.get(row.post_id) !== row.version_hash
            ? 'it was changed since the packet was sent (text, media, accounts or time): send it for review again.'
            : null;
    if (refusal !== null) {
      result.refused.push({ ...post, reason: refusal });
    } else if (row.decision === d.a && row.decided_by === reply.n && row.comment === d.c) {
      result.unchanged.push(post);
    } else {
      result.applied.push(post);
      toRecord.push({ row, decision: d.a, comment: d.c });
    }
  }

  await db.transaction().execute(async (trx) => {
    for (const { row, decision, comment } of toRecord) {
      const postId = row.post_id;
      if (postId === null) continue;
      // Written in the same transaction, so a post edited meanwhile is not approved blind.
      const hash = (await versionHashes(trx, [postId])).get(postId);
      if (hash !== row.version_hash) {
        throw failure('CONFLICT', 'A post changed while the reply was read: import it again.');
      }
      await trx
        .updateTable('review_packet_posts')
        .set({ decision, decided_by: reply.n, comment, decided_at: now })
        .where('packet_id', '=', packet.id)
        .where('sent_post_id', '=', row.sent_post_id)
        .execute();
      await recordDecision(
        trx,
        {
          postId,
          decision,
          by: reply.n,
          comment,
          packetId: packet.id,
          versionHash: row.version_hash,
          decidedAt: reply.w ?? null,
        },
        now,
      );
    }
  });
  return result;
}
