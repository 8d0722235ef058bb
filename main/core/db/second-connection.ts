// A second connection to a database file the core has already opened, checked and
// migrated, for work on another thread (a worker cannot use the core's connection object).
// It sets what every connection to the file sets; WAL mode is kept in the file itself.
import Database from 'better-sqlite3';
import { Kysely } from 'kysely';
import { StarlingSqliteDialect } from './dialect.ts';
import { registerMetricSeries } from './metric-series-sql.ts';
import type { Schema } from './schema.ts';

/**
 * The pragmas and SQL functions of every connection to starling.db (open-database.ts sets
 * them too): the packed readings' functions, which triggers and a view of the schema call.
 */
export function setConnectionPragmas(sqlite: Database.Database): void {
  registerMetricSeries(sqlite);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = FULL');
}

export interface SecondConnection {
  sqlite: Database.Database;
  db: Kysely<Schema>;
}

/** Read-only for work that must write nothing (a dry run): SQLite itself then refuses. */
export function openSecondConnection(
  file: string,
  options: { readonly: boolean },
): SecondConnection {
  const sqlite = new Database(file, { readonly: options.readonly, fileMustExist: true });
  try {
    setConnectionPragmas(sqlite);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  return {
    sqlite,
    db: new Kysely<Schema>({ dialect: new StarlingSqliteDialect({ database: sqlite }) }),
  };
}
