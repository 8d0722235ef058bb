// kysely's SQLite adapter reports no transactional DDL, so its Migrator would run
// migrations outside any transaction. SQLite does roll back DDL; saying so lets every
// migration commit or roll back as a whole.
import { SqliteAdapter, SqliteDialect, type DialectAdapter } from 'kysely';

class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

export class StarlingSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalSqliteAdapter();
  }
}
