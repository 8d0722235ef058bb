// Everything a core keeps on disk as one searchable text, for tests that prove a secret
// exists only sealed: every file in the data folder but the database, and the database's
// rows (binary columns as latin1).
import fs from 'node:fs';
import path from 'node:path';

export function everythingStored(core: { dataDir: string }, db: Record<string, unknown[]>): string {
  const files = fs
    .readdirSync(core.dataDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !/\.(db|db-wal|db-shm)$/.test(e.name))
    .map((e) => fs.readFileSync(path.join(e.parentPath, e.name), 'latin1'));
  return JSON.stringify(db, (_key, value: unknown) =>
    value instanceof Uint8Array ? Buffer.from(value).toString('latin1') : value,
  ).concat(...files);
}
