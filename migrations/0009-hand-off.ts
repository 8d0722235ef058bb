// Posts the network holds until their time (issue "Networks I": Mastodon's scheduled
// statuses): an account the user lets hand its posts off, and per target what the network
// holds, for when, and what was handed over, so an edit or a new time is noticed and
// passed on. See [Note: hand-off] in main/core/publishing/hand-off.ts.
import { sql, type Kysely } from 'kysely';

const statements = [
  `ALTER TABLE social_accounts ADD COLUMN hand_off INTEGER NOT NULL DEFAULT 0
     CHECK (hand_off IN (0, 1))`,
  `ALTER TABLE post_targets ADD COLUMN hold_key TEXT`,
  `ALTER TABLE post_targets ADD COLUMN hold_id TEXT`,
  `ALTER TABLE post_targets ADD COLUMN hold_at INTEGER`,
  `ALTER TABLE post_targets ADD COLUMN hold_digest TEXT`,
  `ALTER TABLE post_targets ADD COLUMN hold_refused TEXT`,
  // The calendar marks held posts from this, without touching its range query.
  `CREATE INDEX post_targets_held ON post_targets (post_id) WHERE hold_id IS NOT NULL`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
