// The packed metric readings may now be in version 2 ([Note: packed readings] in
// main/core/analytics/reading-series.ts), which a version of Starling from before it cannot
// read: its triggers would fail on such a series (removing a post, syncing its figures)
// and its dashboard too. This migration changes nothing in the file; it is here so that
// such a version, finding a migration it does not know, refuses the database as written by
// a newer Starling (open-database.ts) instead of failing later on the bytes.
// Nothing is repacked: see the note for why.
import type { Kysely } from 'kysely';

export async function up(_db: Kysely<unknown>): Promise<void> {
  // Deliberately empty: the migration's name is the whole change.
}
