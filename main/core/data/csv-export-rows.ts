// [Note: exported rows read back] Starling's CSV export writes each post's id and status
// beside the columns an import reads, so the file can be edited and imported again. An
// import reads past those two columns, and then a file exported and imported in the same
// data folder scheduled every post a second time, and brought back cancelled and sent
// posts as new ones. Such rows are refused instead, each saying why: a post already here
// is moved by changing its time in Starling (or imported as a copy once the id column is
// deleted), and only scheduled posts and drafts are imported.
import type { Kysely } from 'kysely';
import type { ImportIssue } from '../../../shared/data.ts';
import type { Schema } from '../db/schema.ts';
import { exportColumns, type ColumnMap } from './csv-columns.ts';

const importable = new Set(['', 'scheduled', 'draft']);

export interface ExportedRowCheck {
  /** Why the row is not imported, or null. */
  issue(record: readonly string[]): ImportIssue | null;
}

/** The check for one batch of records: one indexed query for the ids the batch names. */
export async function exportedRowCheck(
  db: Kysely<Schema>,
  columns: ColumnMap,
  records: readonly (readonly string[])[],
): Promise<ExportedRowCheck> {
  const at = exportColumns(columns);
  const header = (i: number) => columns.columns[i]?.header ?? null;
  const idOf = (record: readonly string[]) => (at.id < 0 ? '' : (record[at.id] ?? '').trim());
  const ids = [...new Set(records.map(idOf).filter((id) => id !== ''))];
  const here =
    ids.length === 0
      ? new Set<string>()
      : new Set(
          (await db.selectFrom('posts').select('id').where('id', 'in', ids).execute()).map(
            (r) => r.id,
          ),
        );
  return {
    issue(record) {
      const id = idOf(record);
      if (here.has(id)) {
        return {
          column: header(at.id),
          message: `This row is post ${id}, which is already in Starling: importing it would schedule it twice. Change its time in Starling instead, or delete the id column to import copies.`,
        };
      }
      const status = at.status < 0 ? '' : (record[at.status] ?? '').trim().toLowerCase();
      if (!importable.has(status)) {
        return {
          column: header(at.status),
          message: `This row's post is ${status.replace('_', ' ')}: only scheduled posts and drafts are imported, so it is not sent again.`,
        };
      }
      return null;
    },
  };
}
