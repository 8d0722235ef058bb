// A real Starling database left at an older migration, as a user upgrading would have it:
// made by the real openDatabase with the migrations up to `last`, holding `posts` posts of
// one client (a part each, words the search index takes in), and optionally `freedBytes`
// of free pages inside the file (a table filled and dropped, as a migration rewriting a
// big table leaves them), which makes the file big enough for the header-only start check
// and worth compacting.
import type { Migration } from 'kysely/migration';
import { openDatabase, type OpenDatabase } from '../../main/core/db/open-database.ts';
import { migrations } from '../../migrations/index.ts';
import { recordingLogger } from './core.ts';

const defaultNow = Date.UTC(2026, 10, 30, 9);

const upTo = (last: string): Record<string, Migration> =>
  Object.fromEntries(Object.entries(migrations).filter(([name]) => name <= last));

/** The migrations after `last`, in order: what an upgrade from it applies. */
export const migrationsAfter = (last: string): string[] =>
  Object.keys(migrations)
    .sort()
    .filter((name) => name > last);

/**
 * The real openDatabase with only the migrations up to `last`: a database as the Starling
 * of that migration wrote it, for a test to fill before the upgrade it checks.
 */
export const openOldDatabase = (
  dataDir: string,
  last: string,
  now = defaultNow,
): Promise<OpenDatabase> =>
  openDatabase({ dataDir, now: () => now, logger: recordingLogger(), migrations: upTo(last) });

export async function makeOldDatabase(
  dataDir: string,
  options: { last: string; posts: number; freedBytes?: number; now?: number },
): Promise<void> {
  const now = options.now ?? defaultNow;
  const old = await openOldDatabase(dataDir, options.last, now);
  old.sqlite.exec(`
    INSERT INTO clients (id, name, color, timezone, created_at, updated_at)
      VALUES ('c', 'Bakery', '#112233', 'Europe/Berlin', 0, 0);`);
  old.sqlite
    .prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO posts (id, client_id, status, scheduled_at, timezone, created_at, updated_at)
       SELECT 'p' || i, 'c', 'draft', ? + i * 60000, 'Europe/Berlin', 0, 0 FROM n`,
    )
    .run(options.posts, now);
  old.sqlite.exec(`
    INSERT INTO post_parts (id, post_id, position, text)
      SELECT 'pp' || substr(id, 2), id, 0, 'Fresh sourdough loaf number ' || substr(id, 2)
      FROM posts;`);
  const freed = options.freedBytes ?? 0;
  if (freed > 0) {
    const rows = Math.ceil(freed / 4096);
    old.sqlite.exec('CREATE TABLE scratch (b BLOB) STRICT');
    old.sqlite
      .prepare(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
         INSERT INTO scratch (b) SELECT randomblob(4000) FROM n`,
      )
      .run(rows);
    old.sqlite.exec('DROP TABLE scratch');
  }
  await old.db.destroy();
}
