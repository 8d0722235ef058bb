// The rows one scheduled post is made of (post, parts, variants, media, targets, publish
// jobs, the event that explains it). posts:schedule writes one post's rows with
// insertPostRows. The CSV import makes the same rows with a builder of its own ([Note:
// import rows made directly] in data/csv-import-rows.ts; csv-import-rows.test.ts holds the
// two to each other, value by value) and writes a whole file's in one transaction through
// bulk-rows.ts ([Note: bulk rows]).
import type { Insertable, Transaction } from 'kysely';
import type { ScheduleTime } from '../../../shared/schedule-time.ts';
import type { NetworkOptions } from '../../../shared/posts.ts';
import type { Schema } from '../db/schema.ts';

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
  post: PostRow;
  parts: PartRow[];
  variants: Insertable<Schema['post_part_variants']>[];
  media: Insertable<Schema['post_part_media']>[];
  targets: TargetRow[];
  jobs: Insertable<Schema['publish_jobs']>[];
  event: Insertable<Schema['post_events']>;
}

export type PartRows = Pick<PostRows, 'parts' | 'variants' | 'media'>;

/**
 * A post's row naming its client by id: posts names it by number ([Note: posts by number]
 * in migrations/0042-posts-by-number.ts), looked up when the row is written.
 */
export type PostRow = Omit<Insertable<Schema['posts']>, 'client_seq'> & { client_id: string };

/**
 * A part's row naming its post by id: post_parts names it by number ([Note: parts by
 * number] in migrations/0039-parts-by-number.ts), looked up when the row is written.
 */
export type PartRow = Omit<Insertable<Schema['post_parts']>, 'post_seq'> & { post_id: string };

/**
 * A target's row naming its post and account by id: post_targets names them by number
 * ([Note: targets by number] in migrations/0041-targets-by-number.ts).
 */
export type TargetRow = Omit<Insertable<Schema['post_targets']>, 'post_seq' | 'account_seq'> & {
  post_id: string;
  account_id: string;
};

/** The numbers (seq) of these rows of posts, social_accounts or clients, by id. */
async function seqsOf(
  trx: Trx,
  table: 'posts' | 'social_accounts' | 'clients',
  ids: readonly string[],
): Promise<(id: string) => number> {
  const unique = [...new Set(ids)];
  const seqs = new Map<string, number>();
  for (let i = 0; i < unique.length; i += rowsPerStatement) {
    const found = await trx
      .selectFrom(table)
      .select(['id', 'seq'])
      .where('id', 'in', unique.slice(i, i + rowsPerStatement))
      .execute();
    for (const row of found) seqs.set(row.id, row.seq);
  }
  return (id) => {
    const seq = seqs.get(id);
    if (seq === undefined) throw new Error(`${table}: no row ${id}`);
    return seq;
  };
}

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

/** Writes posts' part rows (parents first), their posts already written. */
export async function insertPartRows(trx: Trx, rows: PartRows): Promise<void> {
  const postSeq = await seqsOf(
    trx,
    'posts',
    rows.parts.map((p) => p.post_id),
  );
  await insertChunked(
    trx,
    'post_parts',
    rows.parts.map(({ post_id, ...part }) => ({ ...part, post_seq: postSeq(post_id) })),
  );
  await insertChunked(trx, 'post_part_variants', rows.variants);
  await insertChunked(trx, 'post_part_media', rows.media);
}

/** A new target's row: nothing sent yet, the account's network options as JSON. */
export function newTargetRow(
  names: { id: string; postId: string; accountId: string },
  status: 'draft' | 'scheduled',
  options: NetworkOptions | undefined,
  at: number,
): TargetRow {
  return {
    id: names.id,
    post_id: names.postId,
    account_id: names.accountId,
    status,
    options: JSON.stringify(options ?? {}),
    remote_id: null,
    remote_url_prefix: null,
    remote_url_full: null,
    error_code: null,
    error_message: null,
    published_at: null,
    created_at: at,
    updated_at: at,
  };
}

/** Writes targets, their posts and accounts already written. */
export async function insertTargetRows(trx: Trx, targets: TargetRow[]): Promise<void> {
  const postSeq = await seqsOf(
    trx,
    'posts',
    targets.map((t) => t.post_id),
  );
  const accountSeq = await seqsOf(
    trx,
    'social_accounts',
    targets.map((t) => t.account_id),
  );
  await insertChunked(
    trx,
    'post_targets',
    targets.map(({ post_id, account_id, ...target }) => ({
      ...target,
      post_seq: postSeq(post_id),
      account_seq: accountSeq(account_id),
    })),
  );
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
    rows.targets.push(
      newTargetRow(
        { id: targetId, postId, accountId },
        'scheduled',
        spec.networkOptions?.[accountId],
        at,
      ),
    );
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
  const clientSeq = await seqsOf(
    trx,
    'clients',
    posts.map((p) => p.post.client_id),
  );
  await insertChunked(
    trx,
    'posts',
    posts.map(({ post: { client_id, ...post } }) => ({
      ...post,
      client_seq: clientSeq(client_id),
    })),
  );
  await insertPartRows(trx, {
    parts: posts.flatMap((p) => p.parts),
    variants: posts.flatMap((p) => p.variants),
    media: posts.flatMap((p) => p.media),
  });
  await insertTargetRows(
    trx,
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
