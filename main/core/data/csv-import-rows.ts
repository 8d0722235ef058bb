// The rows of a CSV import's checked posts, built on the checking thread and handed to the
// writing thread packed ([Note: rows packed for the writing thread] in packed-rows.ts), so
// the thread that holds the write lock spends its time in SQLite. Media are copied into the
// library on the writing thread (inside the transaction): until then a post_part_media row
// carries the media's key in place of its id.
import type { ScheduleTime } from '../../../shared/schedule-time.ts';
import { searchClientWord } from '../posts/search.ts';
import { bulkColumns, type BulkTable, type RowBatch } from '../services/bulk-columns.ts';
import type { RowNumbers } from '../services/bulk-rows.ts';
import { calendarColumns } from '../services/calendar-columns.ts';
import { publishMaxAttempts } from '../services/posts-write.ts';
import type { AccountRow } from './csv-accounts.ts';
import type { SentRows } from './csv-import-protocol.ts';
import type { Lookups, RowPlan } from './csv-rows.ts';
import { RowPacker } from './packed-rows.ts';

export interface PlannedPost {
  plan: RowPlan;
  time: ScheduleTime;
}

/** What the writing thread writes for one batch (unpacked). */
export interface ImportRows {
  rows: RowBatch;
  /** Media to copy in first, in file order, each once: mediaKey()s. */
  media: string[];
}

/** Names a media file of a client until the library gives it an id. */
export const mediaKey = (clientId: string, file: string) => `${clientId}\n${file}`;

export function parseMediaKey(key: string): { clientId: string; file: string } {
  const at = key.indexOf('\n');
  return { clientId: key.slice(0, at), file: key.slice(at + 1) };
}

/**
 * The posts' indexes in time order: written so, the time-keyed indexes grow in runs instead
 * of splitting pages all over, which writes a batch markedly faster.
 */
export function timeOrder(posts: PlannedPost[]): number[] {
  // Read once into a typed list: each comparison then reads two numbers, not two posts.
  const times = Float64Array.from(posts, (post) => post.time.instant);
  return posts.map((_, i) => i).sort((a, b) => (times[a] ?? 0) - (times[b] ?? 0));
}

/** The clients' and accounts' numbers, from what the import looked up. */
export function rowNumbers(lookups: Lookups): RowNumbers {
  return {
    accountSeqOf: (id) => lookups.accountsById.get(id)?.seq,
    clientSeqOf: (id) => lookups.clients.get(id)?.seq,
  };
}

/**
 * The posts' rows, in the order given, packed for the writing thread as they are made.
 * [Note: import rows made directly] These are the rows scheduledPostRows makes and
 * encodePostRows encodes (with the event detail `{ source: 'csv-import' }`), the ids drawn
 * in the same order, written straight into the packer's buffer. Made as row objects,
 * encoded into lists and then packed, they were 0.4 of the 1.85 GB the checking thread
 * allocated per 100,000 posts (heap sampling, 2026-12-07), and its collector's helper
 * threads competed with the writing thread for the CPUs. csv-import-rows.test.ts holds the
 * two ways to each other, value by value.
 */
export function buildImportRows(
  posts: PlannedPost[],
  deps: {
    newId: () => string;
    /** created_at and updated_at of every row. */
    at: number;
    numbers: RowNumbers;
  },
): SentRows & { /** In the order of `posts`. */ postIds: string[] } {
  const { newId, at, numbers } = deps;
  const media = new Set<string>();
  const postIds = new Array<string>(posts.length);
  let parts = 0;
  let files = 0;
  let targets = 0;
  for (const { plan } of posts) {
    parts += plan.parts.length;
    if (plan.parts.length > 0) files += plan.media.length;
    targets += plan.accounts.length;
  }
  const width = (table: BulkTable) => bulkColumns[table].length;
  const packer = new RowPacker({
    posts: posts.length * width('posts'),
    post_parts: parts * width('post_parts'),
    post_part_variants: 0,
    post_part_media: files * width('post_part_media'),
    post_targets: targets * width('post_targets'),
    publish_jobs: targets * width('publish_jobs'),
    post_events: posts.length * width('post_events'),
  });
  const { tables } = packer;
  const accountSeqOf = (account: AccountRow) => numbers.accountSeqOf(account.id);
  for (let seq = 0; seq < posts.length; seq += 1) {
    const { plan, time } = posts[seq] as PlannedPost;
    const postId = newId();
    postIds[seq] = postId;
    const clientSeq = numbers.clientSeqOf(plan.clientId);
    const calendar = calendarColumns(plan.parts.length, plan.accounts, accountSeqOf);
    const row = tables.posts;
    row.number(seq);
    row.text(postId);
    // An unknown client leaves client_seq NULL, which the INSERT refuses (NOT NULL).
    if (clientSeq === undefined) row.null();
    else row.number(clientSeq);
    row.text(plan.campaignId ?? null);
    row.text('scheduled');
    row.number(time.instant);
    row.text(time.zone);
    row.text(time.localTime);
    row.null();
    row.number(at);
    row.number(at);
    row.number(calendar.cal_parts);
    row.text(calendar.cal_accounts);
    const searchClient = clientSeq === undefined ? null : searchClientWord(clientSeq);
    let firstPart = '';
    for (let position = 0; position < plan.parts.length; position += 1) {
      const partId = newId();
      if (position === 0) firstPart = partId;
      const part = tables.post_parts;
      part.text(partId);
      part.number(seq);
      part.number(position);
      part.text(plan.parts[position] ?? null);
      part.text(searchClient);
    }
    // Media belong to the first part: a post without parts has no media rows (partRows).
    for (let position = 0; position < plan.media.length; position += 1) {
      const { file, altText } = plan.media[position] as RowPlan['media'][number];
      const key = mediaKey(plan.clientId, file);
      media.add(key);
      if (plan.parts.length === 0) continue;
      const medium = tables.post_part_media;
      medium.text(firstPart);
      medium.number(position);
      medium.text(key);
      medium.text(altText);
    }
    for (const account of plan.accounts) {
      const targetId = newId();
      const accountSeq = numbers.accountSeqOf(account.id);
      const target = tables.post_targets;
      target.text(targetId);
      target.number(seq);
      // A missing account fails the INSERT (NOT NULL), as its foreign key would.
      if (accountSeq === undefined) target.null();
      else target.number(accountSeq);
      target.text('scheduled');
      target.text(noOptions);
      for (let i = 0; i < 6; i += 1) target.null();
      target.number(at);
      target.number(at);
      const job = tables.publish_jobs;
      job.text(newId());
      job.text('publish');
      job.text(targetId);
      job.text(account.id);
      job.text('pending');
      job.number(time.instant);
      job.number(0);
      job.number(publishMaxAttempts);
      job.null();
      job.null();
      job.null();
      job.number(at);
      job.number(at);
    }
    const event = tables.post_events;
    event.number(seq);
    event.null();
    event.text('post.scheduled');
    event.text(
      JSON.stringify({
        scheduledAt: time.instant,
        timezone: time.zone,
        localTime: time.localTime,
        accountIds: plan.accounts.map((a) => a.id),
        parts: plan.parts.length,
        source: 'csv-import',
      }),
    );
    event.number(at);
  }
  return { rows: packer.pack(), media: [...media], postIds };
}

/** A target's network options when it has none, as newTargetRow writes them. */
const noOptions = JSON.stringify({});
