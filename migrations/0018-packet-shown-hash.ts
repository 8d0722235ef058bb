// A review packet's posts keep, beside the version hash they are checked against on this
// machine, the hash the packet file itself carries when the two differ: a client archive
// renews the ids a version hash is taken over (data/archive-approvals.ts), and a reply
// written to a packet sent before the move still carries the old one. NULL: the same.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE review_packet_posts ADD COLUMN shown_hash TEXT`.execute(db);
}
