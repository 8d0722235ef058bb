// `database-size-1m`: the million-post file beside issue 19's 2 GB, with where its bytes
// go (SQLite's dbstat, each table with its indexes) and the pages left free inside it.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { MillionDataset } from '../million-dataset.ts';
import type { Benchmark } from '../types.ts';

const mb = (bytes: number) => bytes / 1e6;
/** Indexes smaller than this are counted in their table's total but not named. */
const namedIndexBytes = 5e6;

interface Tree {
  name: string;
  /** The table the b-tree belongs to; FTS5's shadow tables count as their index's. */
  table: string;
  isIndex: boolean;
  bytes: number;
}

function trees(db: Database.Database): Tree[] {
  return db
    .prepare(
      `SELECT d.name, s.type = 'index' AS isIndex, sum(d.pgsize) AS bytes,
              CASE WHEN s.tbl_name LIKE 'post_search%' THEN 'post_search (FTS5)'
                   ELSE coalesce(s.tbl_name, d.name) END AS "table"
       FROM dbstat d LEFT JOIN sqlite_schema s ON s.name = d.name
       GROUP BY d.name ORDER BY bytes DESC`,
    )
    .all()
    .map((row) => {
      const r = row as { name: string; isIndex: number | null; bytes: number; table: string };
      return { name: r.name, table: r.table, isIndex: r.isIndex === 1, bytes: r.bytes };
    });
}

/** A whole value that is one of the app's ids: 36-character UUIDv7 text. */
const uuidGlob = `'${'?'.repeat(8)}-????-????-????-${'?'.repeat(12)}'`;

/**
 * Bytes of 36-character text ids in every row and index entry: what integer keys would
 * save most of: columns holding one id each; a partial index counts only its rows.
 */
function idBytes(db: Database.Database): number {
  const tables = db
    .prepare(
      `SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'
         AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'post_search_%'`,
    )
    .all() as { name: string }[];
  let total = 0;
  for (const { name } of tables) {
    const columns = (
      db.prepare('SELECT name FROM pragma_table_info(?) WHERE type = ?').all(name, 'TEXT') as {
        name: string;
      }[]
    ).map((c) => c.name);
    const perColumn = (column: string) =>
      `CASE WHEN "${column}" GLOB ${uuidGlob} THEN 36 ELSE 0 END`;
    const sum = (cols: string[], where = '') =>
      cols.length === 0
        ? 0
        : (
            db
              .prepare(
                `SELECT coalesce(sum(${cols.map(perColumn).join(' + ')}), 0) AS b FROM "${name}" ${where}`,
              )
              .get() as { b: number }
          ).b;
    total += sum(columns);
    const withoutRowid =
      (db.prepare('SELECT wr FROM pragma_table_list(?)').get(name) as { wr: number }).wr === 1;
    const indexes = db
      .prepare('SELECT name, partial, origin FROM pragma_index_list(?)')
      .all(name) as { name: string; partial: number; origin: string }[];
    for (const index of indexes) {
      // A WITHOUT ROWID table's primary key is the table itself, counted above.
      if (withoutRowid && index.origin === 'pk') continue;
      const indexed = (
        db.prepare('SELECT name FROM pragma_index_info(?)').all(index.name) as { name: string }[]
      )
        .map((c) => c.name)
        .filter((c) => columns.includes(c));
      const definition = (
        db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').get(index.name) as
          { sql: string | null } | undefined
      )?.sql;
      const where =
        index.partial === 1 && definition != null
          ? definition.slice(definition.search(/\sWHERE\s/i))
          : '';
      total += sum(indexed, where);
    }
  }
  return total;
}

export function databaseSizeMillion(data: () => Promise<MillionDataset>): Benchmark {
  return {
    name: 'database-size-1m',
    description:
      'size of the 1,000,000-post database file after the upgrade (which compacts the file when it left a quarter of it or 512 MiB free: [Note: compaction after migrating]), what takes the space (dbstat: each table with its indexes), and the pages left free inside it',
    async run() {
      const d = await data();
      const db = new Database(d.file, { readonly: true });
      const all = trees(db);
      const ids = idBytes(db);
      const pageSize = db.pragma('page_size', { simple: true }) as number;
      const free = (db.pragma('freelist_count', { simple: true }) as number) * pageSize;
      db.close();
      const byTable = new Map<string, Tree[]>();
      for (const tree of all) byTable.set(tree.table, [...(byTable.get(tree.table) ?? []), tree]);
      const tables = [...byTable]
        .map(([table, parts]) => ({ table, parts, bytes: parts.reduce((s, p) => s + p.bytes, 0) }))
        .filter((t) => t.bytes >= namedIndexBytes)
        .sort((a, b) => b.bytes - a.bytes);
      const size = fs.statSync(d.file).size;
      return {
        unit: 'MB',
        samples: [mb(size)],
        target: { stat: 'max', atMost: 2_000 },
        extra: [
          {
            name: 'floor: live pages (the file less its free pages)',
            unit: 'MB',
            samples: [mb(size - free)],
            target: { stat: 'max', atMost: 2_000 },
          },
          { name: 'free pages inside the file', unit: 'MB', samples: [mb(free)] },
          {
            name: '36-character text ids in it (rows and index entries)',
            unit: 'MB',
            samples: [mb(ids)],
          },
          ...tables.flatMap((t) => [
            { name: `${t.table}, with its indexes`, unit: 'MB', samples: [mb(t.bytes)] },
            ...t.parts
              .filter((p) => p.isIndex && p.bytes >= namedIndexBytes)
              .map((p) => ({ name: `  index ${p.name}`, unit: 'MB', samples: [mb(p.bytes)] })),
          ]),
        ],
      };
    },
  };
}
