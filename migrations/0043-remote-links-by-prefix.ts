// A target's link on its network is kept as its remote id after a shared prefix when it
// is one (issue 19, item 5: the million-post database must shrink). Most networks' links
// end with the post's id (https://x.com/bakery/status/1866…), so each published target
// repeated its account's 40-odd characters of link before the id it also holds: 80 MB of
// the targets' 396 at a million posts.
//
// [Note: links by prefix] post_targets.remote_url becomes two columns:
// - remote_url_prefix: the number of a row of remote_url_prefixes, when the link is that
//   prefix followed by the target's remote_id; the link is then prefix || remote_id.
// - remote_url_full: the whole link otherwise (a Bluesky link ends with the record key,
//   not the at:// URI the target's remote_id holds), or NULL for none.
// A prefix row is never removed: there are a few per account, and a link read back must
// stay the link written. Code reads a link with remoteUrlOf and writes one with
// remoteUrlColumns (main/core/db/remote-urls.ts), which split it the way this does.
//
// Runs in one transaction with foreign keys off (open-database.ts), like every migration.
import { sql, type Kysely } from 'kysely';
import { rebuildWithCheck } from './rebuild-with-check.ts';

/** The link is its prefix followed by the remote id (remoteUrlColumns's rule). */
const endsWithId = `remote_id <> '' AND length(remote_url) > length(remote_id)
  AND substr(remote_url, -length(remote_id)) = remote_id`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE remote_url_prefixes (
    seq INTEGER PRIMARY KEY,
    prefix TEXT NOT NULL UNIQUE CHECK (prefix <> '')
  ) STRICT`.execute(db);
  await sql
    .raw(
      `INSERT OR IGNORE INTO remote_url_prefixes (prefix)
       SELECT DISTINCT substr(remote_url, 1, length(remote_url) - length(remote_id))
       FROM post_targets WHERE ${endsWithId}`,
    )
    .execute(db);
  await rebuildWithCheck(
    db,
    'post_targets',
    `remote_url TEXT,`,
    `remote_url_prefix INTEGER REFERENCES remote_url_prefixes (seq),
    remote_url_full TEXT,`,
    `seq, id, post_seq, account_seq, status, remote_id,
     CASE WHEN ${endsWithId} THEN (SELECT u.seq FROM remote_url_prefixes u
       WHERE u.prefix = substr(remote_url, 1, length(remote_url) - length(remote_id))) END
       AS remote_url_prefix,
     CASE WHEN ${endsWithId} THEN NULL ELSE remote_url END AS remote_url_full,
     error_code, error_message, attempts, published_at, created_at, updated_at, options,
     hold_key, hold_id, hold_at, hold_digest, hold_refused`,
  );
}
