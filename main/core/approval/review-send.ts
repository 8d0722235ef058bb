// "Send for review": the posts chosen (named, a date range of the client's, or all of its
// upcoming posts still needing approval) become one packet page (packet-html.ts). The
// page is kept in the data folder as `reviews/<packet id>.html` and the packet recorded
// with each post's id and version hash, so the reply is matched to what the client saw;
// each post is then in review, and says so in its history.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { replaceFile } from '../adapters/replace-file.ts';
import type { Kysely } from 'kysely';
import type { ReviewSendResult } from '../../../shared/approval.ts';
import type { ParsedInput } from '../../../shared/ipc/contract.ts';
import type { PostStatus } from '../../../shared/posts.ts';
import { failure } from '../../../shared/result.ts';
import { localTimeOf } from '../../../shared/schedule-time.ts';
import { clientSeqOf } from '../db/post-numbers.ts';
import type { Schema } from '../db/schema.ts';
import type { Clock } from '../ports.ts';
import { approvalViews } from './approval-state.ts';
import { markSent } from './decisions.ts';
import { packetHtml } from './packet-html.ts';
import { inZone, loadPacketPosts } from './packet-model.ts';
import { loadPacket, reviewsDir } from './review-list.ts';
import { versionHashes } from './version-hash.ts';

export interface ReviewDeps {
  db: Kysely<Schema>;
  dataDir: string;
  clock: Clock;
  newId: () => string;
}

/** Posts that have yet to go out: the only ones a client can still approve. */
export const reviewable: readonly PostStatus[] = ['draft', 'scheduled', 'missed', 'failed'];

export const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'client';

type Client = { id: string; name: string; timezone: string };

async function namedPosts(db: Kysely<Schema>, client: Client, ids: string[]): Promise<string[]> {
  const rows = await db
    .selectFrom('posts as p')
    .innerJoin('clients as c', 'c.seq', 'p.client_seq')
    .select(['p.id', 'c.id as client_id', 'p.status'])
    .where('p.id', 'in', ids)
    .execute();
  for (const id of new Set(ids)) {
    const row = rows.find((r) => r.id === id);
    if (row === undefined) throw failure('NOT_FOUND', `No post has the id ${id}.`);
    if (row.client_id !== client.id) {
      throw failure('VALIDATION', `Post ${id} belongs to another client: a packet is for one.`);
    }
    if (!reviewable.includes(row.status)) {
      throw failure(
        'CONFLICT',
        `Post ${id} is ${row.status.replace('_', ' ')}: there is nothing left to approve.`,
      );
    }
  }
  return [...new Set(ids)];
}

/** The client's scheduled posts in [from, to) (default: from now on) not yet approved. */
async function postsInRange(
  db: Kysely<Schema>,
  client: Client,
  from: number,
  to: number | undefined,
): Promise<string[]> {
  let query = db
    .selectFrom('posts')
    .select(['id', 'status'])
    .where('client_seq', '=', clientSeqOf(client.id))
    .where('status', '=', 'scheduled')
    .where('scheduled_at', '>=', from);
  if (to !== undefined) query = query.where('scheduled_at', '<', to);
  const found = await query.orderBy('scheduled_at').orderBy('id').execute();
  const rows = found.map((r) => ({ ...r, client_id: client.id }));
  const views = await approvalViews(db, rows);
  return rows.filter((r) => views.get(r.id)?.approval !== 'approved').map((r) => r.id);
}

export async function sendForReview(
  deps: ReviewDeps,
  input: ParsedInput<'review:send'>,
): Promise<ReviewSendResult> {
  const { db, clock } = deps;
  const client = await db
    .selectFrom('clients')
    .select(['id', 'name', 'timezone', 'archived_at'])
    .where('id', '=', input.clientId)
    .executeTakeFirst();
  if (client === undefined) throw failure('NOT_FOUND', `No client has the id ${input.clientId}.`);
  if (client.archived_at !== null) {
    throw failure(
      'VALIDATION',
      `${client.name} is archived: unarchive it to send posts for review.`,
    );
  }
  const ids =
    input.postIds !== undefined
      ? await namedPosts(db, client, input.postIds)
      : await postsInRange(db, client, input.from ?? clock.now(), input.to);
  if (ids.length === 0) {
    throw failure(
      'VALIDATION',
      `Nothing to review: ${client.name} has no scheduled post ${input.from === undefined && input.to === undefined ? 'from now on' : 'in that range'} that still needs approval.`,
    );
  }
  const hashes = await versionHashes(db, ids);
  const ordered = await db
    .selectFrom('posts')
    .select('id')
    .where('id', 'in', ids)
    .orderBy('scheduled_at')
    .orderBy('local_time')
    .orderBy('id')
    .execute();
  const posts = ordered.map((r) => ({ id: r.id, versionHash: hashes.get(r.id) ?? '' }));

  const now = clock.now();
  const packetId = deps.newId();
  const day = localTimeOf(now, client.timezone).slice(0, 10);
  const replyFile = `${slug(client.name)}-reply-${day}.txt`;
  // Only the packet's readers know it; a reply must carry it (reply-code.ts).
  const token = crypto.randomBytes(16).toString('base64url');
  const html = packetHtml(
    {
      id: packetId,
      token,
      clientName: client.name,
      timezone: client.timezone,
      made: inZone(now, client.timezone),
      posts: await loadPacketPosts(db, deps.dataDir, posts),
    },
    replyFile,
  );
  const fileName = `${packetId}.html`;
  const file = path.join(reviewsDir(deps.dataDir), fileName);
  fs.mkdirSync(reviewsDir(deps.dataDir), { recursive: true });
  replaceFile(file, html);
  try {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('review_packets')
        .values({ id: packetId, client_id: client.id, token, file_name: fileName, created_at: now })
        .execute();
      for (const [position, post] of posts.entries()) {
        await trx
          .insertInto('review_packet_posts')
          .values({
            packet_id: packetId,
            sent_post_id: post.id,
            post_id: post.id,
            position,
            version_hash: post.versionHash,
            decision: null,
            decided_by: null,
            comment: null,
            decided_at: null,
          })
          .execute();
        await markSent(trx, post, packetId, now);
      }
    });
  } catch (error) {
    // Not recorded: no packet file is left that no reply could ever match.
    fs.rmSync(file, { force: true });
    throw error;
  }
  return {
    packet: await loadPacket(db, deps.dataDir, packetId),
    fileName: `${slug(client.name)}-review-${day}.html`,
    html,
  };
}
