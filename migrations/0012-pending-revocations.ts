// Revocations to try again (issue "Two processes on one folder"): a removed account's
// credentials, still sealed by the vault, kept only until its network confirms they are
// revoked or a week has passed. See main/core/services/revocations.ts.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE pending_revocations (
    id TEXT PRIMARY KEY,
    platform TEXT NOT NULL,
    account TEXT NOT NULL,
    ciphertext BLOB NOT NULL,
    attempts INTEGER NOT NULL CHECK (attempts >= 1),
    next_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT`.execute(db);
}
