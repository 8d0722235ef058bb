// The packets sent and where each of their posts stands: decided (by whom, when, why),
// changed since the packet (its reply would be refused for it), or still waiting for the
// client's word. "Viewed" is not among them: a file sent by email tells nobody when it is
// opened, and Starling does not pretend it knows.
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { ReviewPacketPostView, ReviewPacketView } from '../../../shared/approval.ts';
import { failure } from '../../../shared/result.ts';
import type { Schema } from '../db/schema.ts';
import { versionHashes } from './version-hash.ts';

/** Where packets are kept: `<dataDir>/reviews/<packet id>.html`. */
export const reviewsDir = (dataDir: string) => path.join(dataDir, 'reviews');

/**
 * The page a packet's PDF is printed from: a plain `.html` name inside reviews/, never a
 * path. A database row (one that came in an archive made elsewhere) cannot point the PDF
 * at another file on this machine.
 */
export function packetPage(dataDir: string, fileName: string): string {
  if (!/^[0-9A-Za-z_-]{1,100}\.html$/.test(fileName)) {
    throw failure(
      'VALIDATION',
      `The packet's page name ${JSON.stringify(fileName)} is not a file name in the reviews folder.`,
    );
  }
  return path.join(reviewsDir(dataDir), fileName);
}

async function packetViews(
  db: Kysely<Schema>,
  dataDir: string,
  packets: { id: string; client_id: string; name: string; file_name: string; created_at: number }[],
): Promise<ReviewPacketView[]> {
  if (packets.length === 0) return [];
  const rows = await db
    .selectFrom('review_packet_posts as r')
    .leftJoin('posts as p', 'p.id', 'r.post_id')
    .leftJoin('post_parts as part', (join) =>
      join.onRef('part.post_seq', '=', 'p.seq').on('part.position', '=', 0),
    )
    .select([
      'r.packet_id',
      'r.sent_post_id',
      'r.post_id',
      'r.version_hash',
      'r.decision',
      'r.decided_by',
      'r.comment',
      'r.decided_at',
      'p.status',
      'part.text',
    ])
    .where(
      'r.packet_id',
      'in',
      packets.map((p) => p.id),
    )
    .orderBy('r.packet_id')
    .orderBy('r.position')
    .execute();
  const hashes = await versionHashes(
    db,
    rows.flatMap((r) => (r.post_id === null ? [] : [r.post_id])),
  );
  return packets.map((packet) => {
    const posts: ReviewPacketPostView[] = rows
      .filter((r) => r.packet_id === packet.id)
      .map((r) => ({
        sentPostId: r.sent_post_id,
        postId: r.post_id,
        firstLine: (r.text ?? '').split('\n', 1)[0] ?? '',
        versionHash: r.version_hash,
        changedSince: r.post_id !== null && hashes.get(r.post_id) !== r.version_hash,
        decision: r.decision,
        decidedBy: r.decided_by,
        comment: r.comment,
        decidedAt: r.decided_at,
      }));
    const open = new Set(
      rows
        .filter(
          (r) => r.packet_id === packet.id && (r.status === 'scheduled' || r.status === 'draft'),
        )
        .map((r) => r.sent_post_id),
    );
    return {
      id: packet.id,
      clientId: packet.client_id,
      clientName: packet.name,
      createdAt: packet.created_at,
      // Never outside reviews/, whatever the row says (export-pdf checks more: packetPage).
      filePath: path.join(reviewsDir(dataDir), path.basename(packet.file_name)),
      posts,
      pending: posts.filter((p) => p.decision === null && !p.changedSince && open.has(p.sentPostId))
        .length,
    };
  });
}

function packetsQuery(db: Kysely<Schema>) {
  return db
    .selectFrom('review_packets as k')
    .innerJoin('clients as c', 'c.id', 'k.client_id')
    .select(['k.id', 'k.client_id', 'c.name', 'k.file_name', 'k.created_at']);
}

export async function loadPacket(
  db: Kysely<Schema>,
  dataDir: string,
  id: string,
): Promise<ReviewPacketView> {
  const packet = await packetsQuery(db).where('k.id', '=', id).executeTakeFirst();
  if (packet === undefined) throw failure('NOT_FOUND', `No review packet has the id ${id}.`);
  const [view] = await packetViews(db, dataDir, [packet]);
  if (view === undefined) throw failure('NOT_FOUND', `No review packet has the id ${id}.`);
  return view;
}

/** Packets newest first, every client's or one's. */
export async function listPackets(
  db: Kysely<Schema>,
  dataDir: string,
  clientId: string | undefined,
): Promise<ReviewPacketView[]> {
  let query = packetsQuery(db);
  if (clientId !== undefined) query = query.where('k.client_id', '=', clientId);
  const packets = await query
    .orderBy('k.created_at', 'desc')
    .orderBy('k.id', 'desc')
    .limit(200)
    .execute();
  return packetViews(db, dataDir, packets);
}
