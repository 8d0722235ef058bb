// PDF documents in the media library (LinkedIn's document posts): media_assets.kind takes
// 'document'. Which networks accept one is each network's own rule (shared/networks/);
// the library only has to be able to hold it. No other column names a media kind.
//
// The CHECK changes through rebuildWithCheck (see [Note: CHECK rebuilds]): every row is
// copied back as it was, and post_part_media and x_media_uploads keep their references.
import type { Kysely } from 'kysely';
import { rebuildWithCheck } from './rebuild-with-check.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await rebuildWithCheck(
    db,
    'media_assets',
    `CHECK (kind IN ('image', 'gif', 'video'))`,
    `CHECK (kind IN ('image', 'gif', 'video', 'document'))`,
  );
}
