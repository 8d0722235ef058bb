// Networks II (LinkedIn): what the account list needs to warn before a sign-in runs out,
// and posts with more than four images.
// - account_credentials.reconnect_by: when the stored credentials stop working and cannot
//   be renewed without the user (a LinkedIn token without a refresh token lives 60 days;
//   with one, the refresh token's year). NULL where they renew themselves.
// - social_accounts.status_reason: why an account needs reconnecting, in words for the user.
// - post_part_media: up to 20 media per part (LinkedIn's multi-image posts); each network's
//   own count is checked when a post is scheduled for it (shared/networks/check.ts).
import { sql, type Kysely } from 'kysely';
import { rebuildWithCheck } from './rebuild-with-check.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE account_credentials ADD COLUMN reconnect_by INTEGER`.execute(db);
  await sql`ALTER TABLE social_accounts ADD COLUMN status_reason TEXT`.execute(db);
  await rebuildWithCheck(
    db,
    'post_part_media',
    'CHECK (position BETWEEN 0 AND 3)',
    'CHECK (position BETWEEN 0 AND 19)',
  );
}
