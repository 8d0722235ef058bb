// The bulk path of the CSV import ([Note: bulk rows] in main/core/services/bulk-rows.ts) on
// one connection: rows encoded as the import thread encodes them, then written as its
// writing thread writes them. Account and client numbers come from the database, as the
// import's come from its lookups.
import type Database from 'better-sqlite3';
import { createRowBatchWriter, encodePostRows } from '../../main/core/services/bulk-rows.ts';
import type { PostRows } from '../../main/core/services/posts-write.ts';

/** Writes posts in bulk; call `finish` before the commit (it indexes them for search). */
export function bulkPostWriter(sqlite: Database.Database) {
  const account = sqlite.prepare<[string], { seq: number }>(
    'SELECT seq FROM social_accounts WHERE id = ?',
  );
  const client = sqlite.prepare<[string], { seq: number }>('SELECT seq FROM clients WHERE id = ?');
  const numbers = {
    accountSeqOf: (id: string) => account.get(id)?.seq,
    clientSeqOf: (id: string) => client.get(id)?.seq,
  };
  const writeRows = createRowBatchWriter(sqlite);
  return Object.assign(
    (posts: PostRows[]) => {
      writeRows.write(encodePostRows(posts, numbers));
    },
    {
      finish: () => {
        writeRows.finish();
      },
    },
  );
}
