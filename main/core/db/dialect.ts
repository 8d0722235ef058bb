// kysely's SQLite adapter reports no transactional DDL, so its Migrator would run
// migrations outside any transaction. SQLite does roll back DDL; saying so lets every
// migration commit or roll back as a whole.
// [Note: immediate transactions] Two processes may write one data folder (the app and
// `starling daemon`). A deferred BEGIN that reads before it writes fails with "database
// is locked" (SQLITE_BUSY_SNAPSHOT, which busy_timeout does not wait out) when the other
// process committed in between; BEGIN IMMEDIATE takes the write lock first and waits.
// With a write gate ([Note: held writes] in write-gate.ts), writes wait while it is held.
// [Note: group commit] in group-commit.ts: with `durable`, a query or transaction that
// wrote resolves only once its commit is on disk, after the connection is free again.
// Statements are prepared once per SQL text (kysely's own driver prepares every query
// anew, which cost more than running them when thousands of posts publish together).
import type Database from 'better-sqlite3';
import {
  CompiledQuery,
  SelectQueryNode,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  type QueryResult,
  type SqliteDialectConfig,
} from 'kysely';
import type { Durable } from './group-commit.ts';
import type { WriteGate } from './write-gate.ts';

export interface StarlingDialectConfig extends SqliteDialectConfig {
  database: Database.Database;
  /** Writes wait while it is held; none: they never wait (a worker's own connection). */
  writes?: WriteGate | undefined;
  /** Makes the commits so far durable (group-commit.ts); none: each commit syncs itself. */
  durable?: Durable | undefined;
}

/** Enough for every query the core writes; a statement past it is prepared anew. */
const cachedStatements = 500;

class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }

  // One connection still: the driver takes turns itself, so that a write's wait for the
  // disk comes after its turn (kysely would hold the turn until the driver released it).
  override get supportsMultipleConnections(): boolean {
    return true;
  }
}

class StarlingConnection implements DatabaseConnection {
  readonly #sqlite: Database.Database;
  readonly #writes: WriteGate | undefined;
  readonly #statements = new Map<string, Database.Statement>();
  /** A statement that may have written ran since the connection was last handed back. */
  wrote = false;

  constructor(sqlite: Database.Database, writes: WriteGate | undefined) {
    this.#sqlite = sqlite;
    this.#writes = writes;
  }

  #prepare(sql: string): Database.Statement {
    let statement = this.#statements.get(sql);
    // Least recently used first: a Map keeps the order keys were (re)inserted in.
    if (statement !== undefined) this.#statements.delete(sql);
    else {
      statement = this.#sqlite.prepare(sql);
      if (this.#statements.size >= cachedStatements) {
        const oldest = this.#statements.keys().next().value;
        if (oldest !== undefined) this.#statements.delete(oldest);
      }
    }
    this.#statements.set(sql, statement);
    return statement;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const statement = this.#prepare(query.sql);
    const writes = this.#writes;
    // Statements inside a transaction already hold the lock (its BEGIN waited for the gate).
    if (writes?.held() === true && !this.#sqlite.inTransaction && !statement.readonly) {
      await writes.ready();
    }
    if (!statement.readonly) this.wrote = true;
    const parameters = query.parameters as unknown[];
    if (statement.reader) return { rows: statement.all(parameters) as R[] };
    const { changes, lastInsertRowid } = statement.run(parameters);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(query.query)) {
      throw new Error('Sqlite driver only supports streaming of select queries');
    }
    // Its own statement: a cached one cannot run again while this one is being read.
    const rows = this.#sqlite.prepare(query.sql).iterate(query.parameters);
    for (let row = rows.next(); row.done !== true; row = rows.next()) {
      yield await Promise.resolve({ rows: [row.value as R] });
    }
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  readonly #config: StarlingDialectConfig;
  readonly #connection: StarlingConnection;
  /** Resolves when the connection is free: each acquirer waits for the one before. */
  #turn: Promise<void> = Promise.resolve();
  #endTurn: () => void = () => undefined;

  constructor(config: StarlingDialectConfig) {
    super(config);
    this.#config = config;
    this.#connection = new StarlingConnection(config.database, config.writes);
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.#turn;
    let end: () => void = () => undefined;
    this.#turn = new Promise<void>((resolve) => {
      end = resolve;
    });
    await previous;
    this.#endTurn = end;
    return this.#connection;
  }

  override async releaseConnection(): Promise<void> {
    const connection = this.#connection;
    const wrote = connection.wrote && !this.#config.database.inTransaction;
    if (wrote) connection.wrote = false;
    this.#endTurn();
    if (wrote) await this.#config.durable?.();
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
