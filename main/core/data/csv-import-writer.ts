// Writes a CSV import's posts batch by batch inside ONE transaction on the worker's own
// connection ([Note: all-or-nothing import] in csv-import-run.ts): BEGIN IMMEDIATE before
// the first batch, COMMIT after the last, ROLLBACK on any refusal, error or cancel, after
// which the media it copied in are taken back too.
import { failure } from '../../../shared/result.ts';
import type { ScheduleTime } from '../../../shared/schedule-time.ts';
import type { SecondConnection } from '../db/second-connection.ts';
import { createMediaLibrary, type ImportedMedia } from '../media/library.ts';
import type { Ports } from '../ports.ts';
import { createBulkPostWriter, scheduledPostRows, type PostRows } from '../services/posts-write.ts';
import type { RowPlan } from './csv-rows.ts';

export interface PlannedPost {
  plan: RowPlan;
  time: ScheduleTime;
}

/**
 * SQLite's page cache for the import's connection, in KiB: a transaction's dirty pages
 * beyond it spill to the WAL and are read back. Each batch spans the file's whole range of
 * times, so the time-keyed indexes (posts, publish jobs; about 60 MB at 100,000 posts) take
 * inserts all over and want their pages at hand. Measured writing 100,000 posts
 * (2026-12-05, CPU time, SQLite alone): 16 MB 12.1 s, 32 MB 7.2–8.2 s, 64 MB 6.8 s; in
 * the whole import 64 MB saved nothing measurable over 32 MB on this loaded machine and
 * raised its peak memory from about 133 to 169–189 MB (the target is 200 MB).
 */
const cacheKib = 32 * 1024;

export function createImportWriter(deps: {
  connection: SecondConnection;
  dataDir: string;
  ports: Pick<Ports, 'clock' | 'newId'>;
  signal: AbortSignal;
  /** Resolves when media may be copied in (the main thread has the image library loaded). */
  mediaReady: () => Promise<void>;
  /** Called per media file copied: files done so far. */
  onMedia: (files: number) => void;
}) {
  const { sqlite, db } = deps.connection;
  const media = createMediaLibrary(db, deps.dataDir, deps.ports);
  const mediaIds = new Map<string, string>();
  const added: ImportedMedia[] = [];
  let write: ReturnType<typeof createBulkPostWriter> | null = null;
  let open = false;

  function begin(): ReturnType<typeof createBulkPostWriter> {
    if (write !== null) return write;
    sqlite.pragma(`cache_size = -${String(cacheKib)}`);
    // Each bulk INSERT's statement journal ([Note: bulk rows] in posts-write.ts) in memory
    // instead of a temporary file: a few hundred KiB at a time, written and read once.
    sqlite.pragma('temp_store = MEMORY');
    try {
      sqlite.exec('BEGIN IMMEDIATE');
    } catch (error) {
      // Only another process can hold the lock this long (this one's writes wait for us).
      if ((error as { code?: unknown }).code !== 'SQLITE_BUSY') throw error;
      throw failure(
        'CONFLICT',
        'Another Starling process has been writing to this data folder for 5 seconds: nothing was imported. Try again in a moment.',
        { retryable: true },
      );
    }
    open = true;
    write = createBulkPostWriter(db, sqlite);
    return write;
  }

  async function copyMedia(posts: PlannedPost[]): Promise<void> {
    for (const { plan } of posts) {
      for (const m of plan.media) {
        const key = `${plan.clientId}\n${m.file}`;
        if (mediaIds.has(key)) continue;
        if (added.length === 0) await deps.mediaReady();
        // Inside the transaction: a rollback takes the rows back, discard() the files.
        const imported = await media.importFile(m.file, plan.clientId, { signal: deps.signal });
        added.push(imported);
        mediaIds.set(key, imported.id);
        deps.onMedia(mediaIds.size);
      }
    }
  }

  return {
    /** Writes the posts (file order in, post ids out in the same order). */
    async write(posts: PlannedPost[]): Promise<string[]> {
      const writeRows = begin();
      await copyMedia(posts);
      const at = deps.ports.clock.now();
      // In time order: the time-keyed indexes then grow in runs instead of splitting pages
      // all over, which writes a batch markedly faster.
      const order = posts.map((_, i) => i).sort((a, b) => timeOf(posts, a) - timeOf(posts, b));
      const ids: string[] = new Array<string>(posts.length);
      // A few dozen posts' rows at a time: enough for long multi-row INSERTs, few enough
      // that they die young instead of piling up in the old generation until it is swept.
      for (let start = 0; start < order.length; start += postsPerWrite) {
        writeRows(order.slice(start, start + postsPerWrite).map((i) => rowsOf(i)));
      }
      return ids;

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
                      mediaId: mediaIds.get(`${plan.clientId}\n${m.file}`) ?? '',
                      altText: m.altText,
                    }))
                  : [],
            })),
          },
          time,
          deps.ports.newId,
          at,
          { source: 'csv-import' },
        );
        ids[i] = postRows.postId;
        return postRows;
      }
    },

    commit(): void {
      if (open) sqlite.exec('COMMIT');
      open = false;
    },

    /** Takes back everything written, and the media copied in; safe to call twice. */
    async rollback(): Promise<void> {
      if (open) sqlite.exec('ROLLBACK');
      open = false;
      write = null;
      const copied = added.splice(0);
      mediaIds.clear();
      await media.discard(copied);
    },
  };
}

/**
 * Posts whose rows are built and written together ([Note: bulk rows] in posts-write.ts):
 * 256 made the import's peak memory about 40 MB higher than 64 (rows lived long enough to
 * be promoted, then waited for a full collection) for no measurable gain in time.
 */
const postsPerWrite = 64;

const timeOf = (posts: PlannedPost[], i: number) => posts[i]?.time.instant ?? 0;
