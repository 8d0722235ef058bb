// Token refresh single-flight across processes (issue "Two processes on one folder"): the
// app, `starling daemon` and a CLI command on one data folder take this row before they
// spend an account's single-use refresh token. See [Note: refresh leases] in
// main/core/vault/refresh-gate.ts.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE credential_refresh_leases (
    account_id TEXT PRIMARY KEY REFERENCES social_accounts (id) ON DELETE CASCADE,
    owner TEXT NOT NULL,
    expires_at INTEGER NOT NULL
  ) STRICT`.execute(db);
}
