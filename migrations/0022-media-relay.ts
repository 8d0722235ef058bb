// The media relay (issue "Networks III"): the user's own S3-compatible bucket, one row. The
// access key id and secret are sealed together by the vault in keys_ciphertext, like every
// other credential; the preferences file never holds them. See main/core/relay/.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE media_relay (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    endpoint TEXT NOT NULL,
    region TEXT NOT NULL,
    bucket TEXT NOT NULL,
    path_style INTEGER NOT NULL CHECK (path_style IN (0, 1)),
    keys_ciphertext BLOB NOT NULL,
    saved_at INTEGER NOT NULL
  ) STRICT`.execute(db);
}
