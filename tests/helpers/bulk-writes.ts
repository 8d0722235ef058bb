// The bulk path of the CSV import ([Note: bulk rows] in main/core/services/bulk-rows.ts) on
// one connection: rows encoded as the import thread encodes them, then written as its
// writing thread writes them. Account handles come from the database, as the import's come
// from its lookups.
import type Database from 'better-sqlite3';
import { createRowBatchWriter, encodePostRows } from '../../main/core/services/bulk-rows.ts';
import type { PostRows } from '../../main/core/services/posts-write.ts';

/** Writes posts in bulk; call `finish` before the commit (it indexes them for search). */
export function bulkPostWriter(sqlite: Database.Database) {
  const handle = sqlite.prepare<[string], { handle: string }>(
    'SELECT handle FROM social_accounts WHERE id = ?',
  );
  const writeRows = createRowBatchWriter(sqlite);
  return Object.assign(
    (posts: PostRows[]) => {
      writeRows.write(encodePostRows(posts, (accountId) => handle.get(accountId)?.handle));
    },
    {
      finish: () => {
        writeRows.finish();
      },
    },
  );
}
