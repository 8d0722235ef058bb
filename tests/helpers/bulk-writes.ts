// The bulk path of the CSV import ([Note: bulk rows] in main/core/services/bulk-rows.ts) on
// one connection: the ordinary path's row objects (scheduledPostRows) encoded into the
// lists the import makes directly ([Note: import rows made directly], which
// csv-import-rows.test.ts holds to this encoding), then written as its writing thread
// writes them. Account and client numbers come from the database, as the import's come
// from its lookups.
import type Database from 'better-sqlite3';
import { searchClientWord } from '../../main/core/posts/search.ts';
import type { RowBatch } from '../../main/core/services/bulk-columns.ts';
import { createRowBatchWriter, type RowNumbers } from '../../main/core/services/bulk-rows.ts';
import { calendarColumns } from '../../main/core/services/calendar-columns.ts';
import type { PostRows } from '../../main/core/services/posts-write.ts';

/** Writes posts in bulk; call `finish` before the commit (it indexes them for search). */
export function bulkPostWriter(sqlite: Database.Database) {
  const account = sqlite.prepare<[string], { seq: number }>(
    'SELECT seq FROM social_accounts WHERE id = ?',
  );
  const client = sqlite.prepare<[string], { seq: number }>('SELECT seq FROM clients WHERE id = ?');
  const numbers = {
    accountSeqOf: (id: string) => account.get(id)?.seq,
    clientSeqOf: (id: string) => client.get(id)?.seq,
  };
  const writeRows = createRowBatchWriter(sqlite);
  return Object.assign(
    (posts: PostRows[]) => {
      writeRows.write(encodePostRows(posts, numbers));
    },
    {
      finish: () => {
        writeRows.finish();
      },
    },
  );
}

/**
 * The posts' rows as a batch, with the calendar's and the search index's columns that
 * triggers would otherwise write ([Note: calendar held], [Note: search held]).
 */
export function encodePostRows(
  /** Any iterable: a generator lets each post's row objects die young. */
  posts: Iterable<PostRows>,
  numbers: RowNumbers,
): RowBatch {
  const batch: RowBatch = {
    posts: [],
    post_parts: [],
    post_part_variants: [],
    post_part_media: [],
    post_targets: [],
    publish_jobs: [],
    post_events: [],
  };
  let place = 0;
  // Each row's values in bulkColumns' order (bulk-post-writer.test.ts compares every column
  // with the ordinary path's).
  for (const rows of posts) {
    const seq = place++;
    const { post } = rows;
    const { cal_parts, cal_accounts } = calendarColumns(rows.parts.length, rows.targets, (t) =>
      numbers.accountSeqOf(t.account_id),
    );
    // An unknown client leaves client_seq NULL, which the INSERT refuses (NOT NULL).
    const clientSeq = numbers.clientSeqOf(post.client_id);
    batch.posts.push(
      seq,
      post.id,
      clientSeq ?? null,
      post.campaign_id ?? null,
      post.status ?? null,
      post.scheduled_at ?? null,
      post.timezone,
      post.local_time ?? null,
      post.published_at ?? null,
      post.created_at,
      post.updated_at,
      cal_parts,
      cal_accounts,
    );
    // [Note: search held] What 0042's trigger writes.
    const searchClient = clientSeq === undefined ? null : searchClientWord(clientSeq);
    for (const part of rows.parts) {
      batch.post_parts.push(part.id, seq, part.position, part.text ?? null, searchClient);
    }
    for (const variant of rows.variants) {
      batch.post_part_variants.push(variant.part_id, variant.account_id, variant.text);
    }
    for (const media of rows.media) {
      batch.post_part_media.push(
        media.part_id,
        media.position,
        media.media_id,
        media.alt_text ?? null,
      );
    }
    for (const target of rows.targets) {
      batch.post_targets.push(
        target.id,
        seq,
        // A missing account fails the INSERT (NOT NULL), as its foreign key would.
        numbers.accountSeqOf(target.account_id) ?? null,
        target.status ?? null,
        target.options ?? null,
        target.remote_id ?? null,
        target.remote_url_prefix ?? null,
        target.remote_url_full ?? null,
        target.error_code ?? null,
        target.error_message ?? null,
        target.published_at ?? null,
        target.created_at,
        target.updated_at,
      );
    }
    for (const job of rows.jobs) {
      batch.publish_jobs.push(
        job.id,
        job.kind,
        job.target_id ?? null,
        job.account_id ?? null,
        job.status ?? null,
        job.run_at,
        job.attempts ?? null,
        job.max_attempts ?? null,
        job.lease_owner ?? null,
        job.lease_expires_at ?? null,
        job.last_error ?? null,
        job.created_at,
        job.updated_at,
      );
    }
    const { event } = rows;
    batch.post_events.push(
      seq,
      event.target_id ?? null,
      event.type,
      event.detail ?? null,
      event.at,
    );
  }
  return batch;
}
