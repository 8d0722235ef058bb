// kysely's SQLite adapter reports no transactional DDL, so its Migrator would run
// migrations outside any transaction. SQLite does roll back DDL; saying so lets every
// migration commit or roll back as a whole.
// [Note: immediate transactions] Two processes may write one data folder (the app and
// `starling daemon`). A deferred BEGIN that reads before it writes fails with "database
// is locked" (SQLITE_BUSY_SNAPSHOT, which busy_timeout does not wait out) when the other
// process committed in between; BEGIN IMMEDIATE takes the write lock first and waits.
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  type SqliteDialectConfig,
} from 'kysely';

class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

export class StarlingSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
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
