// The rows one scheduled post is made of (post, parts, variants, media, targets, publish
// jobs, the event that explains it) and the batched insert that writes many posts'
// rows inside a caller's transaction. posts:schedule writes one post with it; the CSV
// import writes a whole file in one transaction with it, so both share every column.
import type Database from 'better-sqlite3';
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { ScheduleTime } from '../../../shared/schedule-time.ts';
import type { NetworkOptions } from '../../../shared/posts.ts';
import type { Schema } from '../db/schema.ts';
import { calendarColumns } from './calendar-columns.ts';

type Trx = Transaction<Schema>;

/** Attempts the scheduler may spend on one publish job before it fails. */
export const publishMaxAttempts = 5;

export interface ScheduledPostSpec {
  clientId: string;
  campaignId?: string | undefined;
  accountIds: string[];
  parts: {
    text: string;
    variants?: Record<string, string> | undefined;
    media?: { mediaId: string; altText?: string | undefined }[] | undefined;
  }[];
  /** Per account, its network's options (stored on the target as JSON). */
  networkOptions?: Record<string, NetworkOptions> | undefined;
}

export interface PostRows {
  postId: string;
  post: Insertable<Schema['posts']>;
  parts: Insertable<Schema['post_parts']>[];
  variants: Insertable<Schema['post_part_variants']>[];
  media: Insertable<Schema['post_part_media']>[];
  targets: Insertable<Schema['post_targets']>[];
  jobs: Insertable<Schema['publish_jobs']>[];
  event: Insertable<Schema['post_events']>;
}

export type PartRows = Pick<PostRows, 'parts' | 'variants' | 'media'>;

/** A post's thread parts as rows: text, per-account variants, media with alt text. */
export function partRows(
  postId: string,
  parts: ScheduledPostSpec['parts'],
  newId: () => string,
): PartRows {
  const rows: PartRows = { parts: [], variants: [], media: [] };
  for (const [position, part] of parts.entries()) {
    const partId = newId();
    rows.parts.push({ id: partId, post_id: postId, position, text: part.text });
    for (const [accountId, text] of Object.entries(part.variants ?? {})) {
      rows.variants.push({ part_id: partId, account_id: accountId, text });
    }
    for (const [index, media] of (part.media ?? []).entries()) {
      rows.media.push({
        part_id: partId,
        position: index,
        media_id: media.mediaId,
        alt_text: media.altText ?? '',
      });
    }
  }
  return rows;
}

/** Writes a post's part rows (parents first). */
export async function insertPartRows(trx: Trx, rows: PartRows): Promise<void> {
  await insertChunked(trx, 'post_parts', rows.parts);
  await insertChunked(trx, 'post_part_variants', rows.variants);
  await insertChunked(trx, 'post_part_media', rows.media);
}

/** The rows of a newly scheduled post; `eventDetail` is merged into its event. */
export function scheduledPostRows(
  spec: ScheduledPostSpec,
  time: ScheduleTime,
  newId: () => string,
  at: number,
  eventDetail: Record<string, unknown> = {},
): PostRows {
  const postId = newId();
  const rows: PostRows = {
    postId,
    post: {
      id: postId,
      client_id: spec.clientId,
      campaign_id: spec.campaignId ?? null,
      status: 'scheduled',
      scheduled_at: time.instant,
      timezone: time.zone,
      local_time: time.localTime,
      published_at: null,
      created_at: at,
      updated_at: at,
    },
    ...partRows(postId, spec.parts, newId),
    targets: [],
    jobs: [],
    event: {
      post_id: postId,
      target_id: null,
      type: 'post.scheduled',
      detail: JSON.stringify({
        scheduledAt: time.instant,
        timezone: time.zone,
        localTime: time.localTime,
        accountIds: spec.accountIds,
        parts: spec.parts.length,
        ...eventDetail,
      }),
      at,
    },
  };
  for (const accountId of spec.accountIds) {
    const targetId = newId();
    rows.targets.push({
      id: targetId,
      post_id: postId,
      account_id: accountId,
      status: 'scheduled',
      options: JSON.stringify(spec.networkOptions?.[accountId] ?? {}),
      remote_id: null,
      remote_url: null,
      error_code: null,
      error_message: null,
      published_at: null,
      created_at: at,
      updated_at: at,
    });
    rows.jobs.push({
      id: newId(),
      kind: 'publish',
      target_id: targetId,
      account_id: accountId,
      status: 'pending',
      run_at: time.instant,
      attempts: 0,
      max_attempts: publishMaxAttempts,
      lease_owner: null,
      lease_expires_at: null,
      last_error: null,
      created_at: at,
      updated_at: at,
    });
  }
  return rows;
}

// SQLite allows 32,766 bound values per statement; the widest row here has 13 columns.
const rowsPerStatement = 2000;

async function insertChunked<T extends keyof Schema>(
  trx: Trx,
  table: T,
  rows: Insertable<Schema[T]>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += rowsPerStatement) {
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + rowsPerStatement))
      .execute();
  }
}

/** Writes the posts' rows in parent-before-child order, many rows per statement. */
export async function insertPostRows(trx: Trx, posts: PostRows[]): Promise<void> {
  await insertChunked(
    trx,
    'posts',
    posts.map((p) => p.post),
  );
  await insertPartRows(trx, {
    parts: posts.flatMap((p) => p.parts),
    variants: posts.flatMap((p) => p.variants),
    media: posts.flatMap((p) => p.media),
  });
  await insertChunked(
    trx,
    'post_targets',
    posts.flatMap((p) => p.targets),
  );
  await insertChunked(
    trx,
    'publish_jobs',
    posts.flatMap((p) => p.jobs),
  );
  await insertChunked(
    trx,
    'post_events',
    posts.map((p) => p.event),
  );
}

/**
 * [Note: bulk rows] For imports of many posts inside one transaction: each batch of posts
 * is written table by table (parents first) in multi-row INSERTs, through statements
 * prepared once per table and row count and kept for the whole import (kysely only compiles
 * their SQL, from the first rows it sees: rows come from scheduledPostRows, so every row of
 * a table has its keys in the same order). Why many rows per statement: an INSERT into a
 * table with triggers (post_parts, post_targets) may write several rows, so inside a
 * transaction SQLite copies every page it touches to a statement journal first, per
 * statement; one row per statement copied the same hot index pages again for every row,
 * which was about half of an import's write time. Row counts are powers of two up to
 * `bulkRowsMax`, so a table needs at most 9 statements whatever the batch sizes.
 */
export function createBulkPostWriter(db: Kysely<Schema>, sqlite: Database.Database) {
  const statements = new Map<string, Database.Statement>();
  function insertMany<T extends keyof Schema>(table: T, rows: Insertable<Schema[T]>[]): void {
    for (let i = 0; i < rows.length;) {
      const count = largestPowerOfTwo(Math.min(rows.length - i, bulkRowsMax));
      const chunk = rows.slice(i, i + count);
      const key = `${table} ${String(count)}`;
      let statement = statements.get(key);
      if (statement === undefined) {
        statement = sqlite.prepare(db.insertInto(table).values(chunk).compile().sql);
        statements.set(key, statement);
      }
      statement.run(chunk.flatMap((row) => Object.values(row)));
      i += count;
    }
  }
  // [Note: calendar held] Each post's calendar columns go in its own INSERT; the insert
  // triggers stand aside while this holds calendar_held, for this one batch's rows.
  const hold = sqlite.prepare('INSERT INTO calendar_held (held) VALUES (1)');
  const release = sqlite.prepare('DELETE FROM calendar_held');
  const handleRow = sqlite.prepare<[string], { handle: string }>(
    'SELECT handle FROM social_accounts WHERE id = ?',
  );
  const handles = new Map<string, string | undefined>();
  const handleOf = (accountId: string) => {
    if (!handles.has(accountId)) handles.set(accountId, handleRow.get(accountId)?.handle);
    return handles.get(accountId);
  };
  return (posts: PostRows[]): void => {
    if (posts.length === 0) return;
    hold.run();
    try {
      insertMany(
        'posts',
        posts.map((rows) => ({ ...rows.post, ...calendarColumns(rows, handleOf) })),
      );
      insertMany(
        'post_parts',
        posts.flatMap((p) => p.parts),
      );
      insertMany(
        'post_part_variants',
        posts.flatMap((p) => p.variants),
      );
      insertMany(
        'post_part_media',
        posts.flatMap((p) => p.media),
      );
      insertMany(
        'post_targets',
        posts.flatMap((p) => p.targets),
      );
      insertMany(
        'publish_jobs',
        posts.flatMap((p) => p.jobs),
      );
      insertMany(
        'post_events',
        posts.map((p) => p.event),
      );
    } finally {
      release.run();
    }
  };
}

/**
 * Rows per bulk INSERT at most: 13 columns × 256 rows stay far below SQLite's 32,766 bound
 * values, and a statement that long already journals each hot page once for many rows.
 */
const bulkRowsMax = 256;

/** The largest power of two that is at most `n` (n ≥ 1). */
const largestPowerOfTwo = (n: number) => 2 ** Math.floor(Math.log2(n));
