// part_containers (0024) goes: a container made for a part is an upload note in the post's
// event log like every other network's media id ([Note: upload notes] in
// main/core/platforms/port.ts). Each kept row becomes a media.uploaded event of its target,
// in the order the containers were made (items before the carousel naming them): the
// part's own container (slot -1) under the assetId '(part)' (port.ts `wholePart`), an item
// under its media's asset id and position, with the relay object still to delete, and an
// expiry 23 hours after it was made, as the code that kept the table counted it.
import { sql, type Kysely } from 'kysely';

const keptForMs = 23 * 60 * 60_000;

const statements = [
  `INSERT INTO post_events (post_id, target_id, type, detail, at)
    SELECT t.post_id, c.target_id, 'media.uploaded',
      json_patch(
        json_object(
          'partId', c.part_id,
          'assetId', CASE WHEN c.slot = -1 THEN '(part)' ELSE m.media_id END,
          'remoteMediaId', c.container_id,
          'expiresAt', c.created_at + ${String(keptForMs)}
        ),
        json_object(
          'position', CASE WHEN c.slot = -1 THEN NULL ELSE c.slot END,
          'relayKey', c.relay_key
        )
      ),
      c.created_at
    FROM part_containers c
    JOIN post_targets t ON t.id = c.target_id
    LEFT JOIN post_part_media m ON m.part_id = c.part_id AND m.position = c.slot
    WHERE c.slot = -1 OR m.media_id IS NOT NULL
    ORDER BY c.created_at, c.slot = -1, c.slot`,
  `DROP TABLE part_containers`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
