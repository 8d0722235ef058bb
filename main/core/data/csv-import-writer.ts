// Writes a CSV import's posts batch by batch inside ONE transaction on the worker's own
// connection ([Note: all-or-nothing import] in csv-import-run.ts): BEGIN IMMEDIATE before
// the first batch, COMMIT after the last, ROLLBACK on any refusal, error or cancel, after
// which the media it copied in are taken back too.
import { failure } from '../../../shared/result.ts';
import type { ScheduleTime } from '../../../shared/schedule-time.ts';
import type { SecondConnection } from '../db/second-connection.ts';
import { createMediaLibrary, type ImportedMedia } from '../media/library.ts';
import type { Ports } from '../ports.ts';
import { createBulkPostWriter, scheduledPostRows } from '../services/posts-write.ts';
import type { RowPlan } from './csv-rows.ts';

export interface PlannedPost {
  plan: RowPlan;
  time: ScheduleTime;
}

/**
 * SQLite's page cache for the import's connection, in KiB: a transaction's dirty pages
 * beyond it spill to the WAL and are read back. Measured on 100,000 rows, 16 MB writes the
 * scattered index pages about as fast as 64 MB (half again faster than the 2 MB default)
 * for a quarter of the memory.
 */
const cacheKib = 16 * 1024;

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
      for (const i of order) {
        const { plan, time } = posts[i] as PlannedPost;
        const rows = scheduledPostRows(
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
        writeRows(rows);
        ids[i] = rows.postId;
      }
      return ids;
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

const timeOf = (posts: PlannedPost[], i: number) => posts[i]?.time.instant ?? 0;
