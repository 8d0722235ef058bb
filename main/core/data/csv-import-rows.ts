// The rows of a CSV import's checked posts, built on the checking thread and handed to the
// writing thread as flat values ([Note: bulk rows] in services/bulk-rows.ts), so the thread
// that holds the write lock spends its time in SQLite. Media are copied into the library
// on the writing thread (inside the transaction): until then a post_part_media row carries
// the media's key in place of its id.
import type { ScheduleTime } from '../../../shared/schedule-time.ts';
import type { RowBatch } from '../services/bulk-columns.ts';
import { encodePostRows, type RowNumbers } from '../services/bulk-rows.ts';
import { scheduledPostRows, type PostRows } from '../services/posts-write.ts';
import type { Lookups, RowPlan } from './csv-rows.ts';

export interface PlannedPost {
  plan: RowPlan;
  time: ScheduleTime;
}

/** What the writing thread needs for one batch. */
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
  return posts.map((_, i) => i).sort((a, b) => timeOf(posts, a) - timeOf(posts, b));
}

/** The clients' and accounts' numbers, from what the import looked up. */
export function rowNumbers(lookups: Lookups): RowNumbers {
  return {
    accountSeqOf: (id) => lookups.accountsById.get(id)?.seq,
    clientSeqOf: (id) => lookups.clients.get(id)?.seq,
  };
}

/** The posts' rows, in the order given. */
export function buildImportRows(
  posts: PlannedPost[],
  deps: {
    newId: () => string;
    /** created_at and updated_at of every row. */
    at: number;
    numbers: RowNumbers;
  },
): ImportRows & { /** In the order of `posts`. */ postIds: string[] } {
  const media = new Set<string>();
  for (const { plan } of posts) {
    for (const m of plan.media) media.add(mediaKey(plan.clientId, m.file));
  }
  const postIds = new Array<string>(posts.length);
  const rows = encodePostRows(
    (function* built() {
      for (let i = 0; i < posts.length; i += 1) yield rowsOf(i);
    })(),
    deps.numbers,
  );
  return { rows, media: [...media], postIds };

  function rowsOf(i: number): PostRows {
    const { plan, time } = posts[i] as PlannedPost;
    const postRows = scheduledPostRows(
      {
        clientId: plan.clientId,
        campaignId: plan.campaignId,
        accountIds: plan.accounts.map((a) => a.id),
        parts: plan.parts.map((text, index) => ({
          text,
          media:
            index === 0
              ? plan.media.map((m) => ({
                  mediaId: mediaKey(plan.clientId, m.file),
                  altText: m.altText,
                }))
              : [],
        })),
      },
      time,
      deps.newId,
      deps.at,
      { source: 'csv-import' },
    );
    postIds[i] = postRows.postId;
    return postRows;
  }
}

const timeOf = (posts: PlannedPost[], i: number) => posts[i]?.time.instant ?? 0;
