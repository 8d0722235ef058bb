// A client's decision on a post as it is now, recorded the way an imported review reply
// records it (main/core/approval/decisions.ts), for tests about what decisions do rather
// than how they arrive (those go through review:import).
import type { Kysely } from 'kysely';
import { recordDecision, type Decision } from '../../main/core/approval/decisions.ts';
import { versionHash } from '../../main/core/approval/version-hash.ts';
import type { Schema } from '../../main/core/db/schema.ts';
import { encodeReply, type ReplyBody } from '../../main/core/approval/reply-code.ts';
import type { ReviewDecision, ReviewSendResult } from '../../shared/approval.ts';

export async function decide(
  db: Kysely<Schema>,
  postId: string,
  decision: ReviewDecision,
  at: number,
  extra: Partial<Decision> = {},
): Promise<void> {
  const post = await db
    .selectFrom('posts as p')
    .innerJoin('clients as c', 'c.seq', 'p.client_seq')
    .select('c.id as client_id')
    .where('p.id', '=', postId)
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

/** The token a packet page carries (what its script puts in each reply). */
export function packetToken(html: string): string {
  const meta = /<script type="application\/json" id="packet-meta">([^<]*)<\/script>/.exec(html);
  return (JSON.parse(meta?.[1] ?? '{}') as { token?: string }).token ?? '';
}

/** A reply code as the packet's script would make it, for `decisions` by post id. */
export function replyFor(
  sent: ReviewSendResult,
  decisions: Record<string, { a: ReviewDecision; c?: string; h?: string }>,
  extra: Partial<ReplyBody> = {},
): string {
  return encodeReply({
    p: sent.packet.id,
    t: packetToken(sent.html),
    n: 'Anna Baker',
    w: Date.UTC(2026, 10, 25, 10, 0),
    d: Object.entries(decisions).map(([id, d]) => ({
      i: id,
      h: d.h ?? sent.packet.posts.find((p) => p.sentPostId === id)?.versionHash ?? '',
      a: d.a,
      c: d.c ?? '',
    })),
    ...extra,
  });
}
