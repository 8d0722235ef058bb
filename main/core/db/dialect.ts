// kysely's SQLite adapter reports no transactional DDL, so its Migrator would run
// migrations outside any transaction. SQLite does roll back DDL; saying so lets every
// migration commit or roll back as a whole.
// [Note: immediate transactions] Two processes may write one data folder (the app and
// `starling daemon`). A deferred BEGIN that reads before it writes fails with "database
// is locked" (SQLITE_BUSY_SNAPSHOT, which busy_timeout does not wait out) when the other
// process committed in between; BEGIN IMMEDIATE takes the write lock first and waits.
// With a write gate ([Note: held writes] in write-gate.ts), writes wait while it is held.
import type Database from 'better-sqlite3';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  type QueryResult,
  type SqliteDialectConfig,
} from 'kysely';
import type { WriteGate } from './write-gate.ts';

export interface StarlingDialectConfig extends SqliteDialectConfig {
  database: Database.Database;
  /** Writes wait while it is held; none: they never wait (a worker's own connection). */
  writes?: WriteGate | undefined;
}

class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  readonly #config: StarlingDialectConfig;
  #gated: DatabaseConnection | undefined;

  constructor(config: StarlingDialectConfig) {
    super(config);
    this.#config = config;
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection();
    const { database: sqlite, writes } = this.#config;
    if (writes === undefined) return connection;
    // Statements inside a transaction already hold the lock (its BEGIN waited below).
    this.#gated ??= {
      async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
        if (writes.held() && !sqlite.inTransaction && !sqlite.prepare(query.sql).readonly) {
          await writes.ready();
        }
        return connection.executeQuery<R>(query);
      },
      streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
    };
    return this.#gated;
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await this.#config.writes?.ready();
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

export class StarlingSqliteDialect extends SqliteDialect {
  readonly #config: StarlingDialectConfig;

  constructor(config: StarlingDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalSqliteAdapter();
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}
