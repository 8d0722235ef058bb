// The bulk path of the CSV import ([Note: bulk rows] in main/core/services/bulk-rows.ts) on
// one connection: rows encoded as the import thread encodes them, then written as its
// writing thread writes them. Account handles come from the database, as the import's come
// from its lookups.
import type Database from 'better-sqlite3';
import { createRowBatchWriter, encodePostRows } from '../../main/core/services/bulk-rows.ts';
import type { PostRows } from '../../main/core/services/posts-write.ts';

export function bulkPostWriter(sqlite: Database.Database): (posts: PostRows[]) => void {
  const handle = sqlite.prepare<[string], { handle: string }>(
    'SELECT handle FROM social_accounts WHERE id = ?',
  );
  const writeRows = createRowBatchWriter(sqlite);
  return (posts) => {
    writeRows(encodePostRows(posts, (accountId) => handle.get(accountId)?.handle));
  };
}
