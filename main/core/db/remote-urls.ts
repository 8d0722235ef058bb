// A target's link on its network, kept as a shared prefix's number when the link is that
// prefix followed by the target's remote id ([Note: links by prefix] in
// migrations/0043-remote-links-by-prefix.ts).
import type Database from 'better-sqlite3';
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Schema } from './schema.ts';

/** A link as the migration splits it: a prefix before the remote id, or whole. */
export function splitRemoteUrl(
  url: string | null,
  remoteId: string | null,
): { prefix: string | null; full: string | null } {
  if (url === null) return { prefix: null, full: null };
  if (
    remoteId !== null &&
    remoteId !== '' &&
    url.length > remoteId.length &&
    url.endsWith(remoteId)
  ) {
    return { prefix: url.slice(0, url.length - remoteId.length), full: null };
  }
  return { prefix: null, full: url };
}

/** The target's columns that hold `url`, its prefix given a number if it has none yet. */
export async function remoteUrlColumns(
  db: Kysely<Schema> | Transaction<Schema>,
  url: string | null,
  remoteId: string | null,
): Promise<{ remote_url_prefix: number | null; remote_url_full: string | null }> {
  const { prefix, full } = splitRemoteUrl(url, remoteId);
  if (prefix === null) return { remote_url_prefix: null, remote_url_full: full };
  await db
    .insertInto('remote_url_prefixes')
    .values({ prefix })
    .onConflict((oc) => oc.column('prefix').doNothing())
    .execute();
  const row = await db
    .selectFrom('remote_url_prefixes')
    .select('seq')
    .where('prefix', '=', prefix)
    .executeTakeFirstOrThrow();
  return { remote_url_prefix: row.seq, remote_url_full: null };
}

/** remoteUrlColumns on a connection of its own, for writers that run synchronously. */
export function remoteUrlColumnsNow(
  sqlite: Database.Database,
  url: string | null,
  remoteId: string | null,
): { remote_url_prefix: number | null; remote_url_full: string | null } {
  const { prefix, full } = splitRemoteUrl(url, remoteId);
  if (prefix === null) return { remote_url_prefix: null, remote_url_full: full };
  sqlite
    .prepare('INSERT INTO remote_url_prefixes (prefix) VALUES (?) ON CONFLICT DO NOTHING')
    .run(prefix);
  const seq = sqlite
    .prepare<[string], number>('SELECT seq FROM remote_url_prefixes WHERE prefix = ?')
    .pluck()
    .get(prefix);
  return { remote_url_prefix: seq ?? null, remote_url_full: seq === undefined ? url : null };
}

/**
 * SQL text: the link of the target aliased `target` (a name in the code, never input;
 * NULL when it has none). For statements written as text, on any connection.
 */
export function remoteUrlSql(target: string): string {
  return `CASE WHEN ${target}.remote_url_prefix IS NULL THEN ${target}.remote_url_full
    ELSE (SELECT u.prefix FROM remote_url_prefixes u WHERE u.seq = ${target}.remote_url_prefix)
      || ${target}.remote_id END`;
}

/** remoteUrlSql for kysely. */
export function remoteUrlOf(target: string): RawBuilder<string | null> {
  return sql.raw<string | null>(remoteUrlSql(target));
}
