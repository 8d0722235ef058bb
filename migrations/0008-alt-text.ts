// Alt text as long as the networks take it: Bluesky allows 2,000 characters and
// Mastodon 1,500 (an instance may say otherwise), X 1,000. Starling keeps up to the
// longest; each network's own limit is checked when a post is scheduled for it
// (shared/networks/check.ts). X's upload cache (x_media_uploads) stays at X's 1,000.
import type { Kysely } from 'kysely';
import { rebuildWithCheck } from './rebuild-with-check.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await rebuildWithCheck(
    db,
    'post_part_media',
    'CHECK (length(alt_text) <= 1000)',
    'CHECK (length(alt_text) <= 2000)',
  );
}
