// Media ids X handed out per (asset, account): an upload is reused until X expires it
// (about 24 h), and the alt text already attached to it is remembered so it is set once.
import { sql, type Kysely } from 'kysely';

const statements = [
  `CREATE TABLE x_media_uploads (
    media_id TEXT NOT NULL REFERENCES media_assets (id) ON DELETE CASCADE,
    account_id TEXT NOT NULL REFERENCES social_accounts (id) ON DELETE CASCADE,
    remote_media_id TEXT NOT NULL,
    alt_text TEXT NOT NULL DEFAULT '' CHECK (length(alt_text) <= 1000),
    uploaded_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (media_id, account_id)
  ) STRICT`,
  // Removing an account deletes its uploads.
  `CREATE INDEX x_media_uploads_by_account ON x_media_uploads (account_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
