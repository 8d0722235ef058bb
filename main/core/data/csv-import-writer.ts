// Writes a CSV import's posts batch by batch inside ONE transaction on the writing thread's
// own connection ([Note: all-or-nothing import] in csv-import-run.ts): BEGIN IMMEDIATE
// first, COMMIT after the last batch, ROLLBACK on any refusal, error or cancel, after which
// the media it copied in are taken back too. The rows arrive built (csv-import-rows.ts).
import { failure } from '../../../shared/result.ts';
import type { SecondConnection } from '../db/second-connection.ts';
import { createMediaLibrary, type ImportedMedia } from '../media/library.ts';
import type { Ports } from '../ports.ts';
import { mediaColumns, mediaIdColumn } from '../services/bulk-columns.ts';
import { createRowBatchWriter } from '../services/bulk-rows.ts';
import { parseMediaKey, type ImportRows } from './csv-import-rows.ts';

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
  /** Called per media file copied: files done so far. */
  onMedia: (files: number) => void;
}) {
  const { sqlite, db } = deps.connection;
  const media = createMediaLibrary(db, deps.dataDir, deps.ports);
  const mediaIds = new Map<string, string>();
  const added: ImportedMedia[] = [];
  let writeRows: ReturnType<typeof createRowBatchWriter> | null = null;
  let open = false;

  async function copyMedia(keys: string[]): Promise<void> {
    if (keys.every((key) => mediaIds.has(key))) return;
    // The media library's rows are checked as everywhere else ([Note: bulk rows unchecked]).
    sqlite.pragma('ignore_check_constraints = OFF');
    try {
      await copyEach(keys);
    } finally {
      sqlite.pragma('ignore_check_constraints = ON');
    }
  }

  async function copyEach(keys: string[]): Promise<void> {
    for (const key of keys) {
      if (mediaIds.has(key)) continue;
      const { clientId, file } = parseMediaKey(key);
      // Inside the transaction: a rollback takes the rows back, discard() the files.
      const imported = await media.importFile(file, clientId, { signal: deps.signal });
      added.push(imported);
      mediaIds.set(key, imported.id);
      deps.onMedia(mediaIds.size);
    }
  }

  return {
    /** Takes the write lock: before anything else. */
    begin(): void {
      sqlite.pragma(`cache_size = -${String(cacheKib)}`);
      // Each bulk INSERT's statement journal ([Note: bulk rows] in bulk-rows.ts) in memory
      // instead of a temporary file: a few hundred KiB at a time, written and read once.
      sqlite.pragma('temp_store = MEMORY');
      // [Note: checkpoint after the answer] SQLite would copy the import's pages (the size
      // of the import, about 140 MB at 100,000 posts) from the WAL into the database file
      // inside COMMIT, about 0.35 s the user waited for with the rows already safe on disk.
      // This connection leaves that to checkpoint(), which the writing thread runs after it
      // has answered the commit. Meanwhile another connection's automatic checkpoint finds
      // this one running and gives up at once, rather than copying it all again on the
      // thread that serves the UI; the WAL is reset once both are done, as usual.
      sqlite.pragma('wal_autocheckpoint = 0');
      // [Note: bulk rows unchecked] SQLite evaluates the tables' CHECK constraints for every
      // row; for the import's rows that is about a tenth of its writing time (a status IN
      // a list of ten costs 0.65 µs a row: measured 2026-12-07). Every value those CHECKs
      // guard is either one the ordinary path writes too (statuses, kinds, attempts, JSON:
      // the import's rows are the rows scheduledPostRows makes, which SQLite checks at each
      // ordinary write; csv-import-rows.test.ts holds them to each other value by value, and
      // bulk-post-writer.test.ts the bulk writer's to the ordinary writes), or checked
      // on the checking thread before it becomes a row (readRow: alt text at most 2,000
      // characters, at most 20 media a post). So this connection, which writes nothing
      // else but the media library's rows (checked, see copyMedia), leaves them aside.
      // NOT NULL, UNIQUE and types are still enforced.
      sqlite.pragma('ignore_check_constraints = ON');
      // The rows' references are looked up once each instead of for every row ([Note:
      // references checked once] in bulk-references.ts); the media library's rows check their
      // client themselves (requireClient). Only outside a transaction does this take.
      sqlite.pragma('foreign_keys = OFF');
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
      writeRows = createRowBatchWriter(sqlite);
    },

    async write(batch: ImportRows): Promise<void> {
      if (writeRows === null) throw new Error('The import wrote before it began.');
      await copyMedia(batch.media);
      const values = batch.rows.post_part_media;
      for (let at = mediaIdColumn; at < values.length; at += mediaColumns) {
        values[at] = mediaIds.get(String(values[at])) ?? null;
      }
      writeRows.write(batch.rows);
    },

    commit(): void {
      writeRows?.finish();
      if (open) sqlite.exec('COMMIT');
      open = false;
    },

    /**
     * Copies the import's pages from the WAL into the database file, after the commit
     * was answered. A failure leaves them in the WAL, where SQLite still finds them.
     */
    checkpoint(): void {
      try {
        sqlite.pragma('wal_checkpoint(PASSIVE)');
      } catch {
        // The next checkpoint, by any connection, copies them.
      }
    },

    /** Takes back everything written, and the media copied in; safe to call twice. */
    async rollback(): Promise<void> {
      // SQLite may have rolled back already (a full disk, an I/O error): ROLLBACK would
      // then throw before the copied media files are taken back.
      if (open && sqlite.inTransaction) sqlite.exec('ROLLBACK');
      open = false;
      writeRows = null;
      const copied = added.splice(0);
      mediaIds.clear();
      await media.discard(copied);
    },
  };
}
