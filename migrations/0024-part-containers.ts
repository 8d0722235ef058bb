// Containers a network made for a part before publishing it (Meta's media containers): each
// is created once and kept here at once, so a retry publishes the same container instead of
// making a second post. `slot` is the part's media position (0…), or -1 for the container
// of the part itself (a carousel); `relay_key` names the media relay object the network was
// sent to fetch, until it is deleted. Network-free: the network's folder gives the meaning.
import { sql, type Kysely } from 'kysely';

const statements = [
  `CREATE TABLE part_containers (
    target_id TEXT NOT NULL REFERENCES post_targets (id) ON DELETE CASCADE,
    part_id TEXT NOT NULL REFERENCES post_parts (id) ON DELETE CASCADE,
    slot INTEGER NOT NULL CHECK (slot >= -1),
    container_id TEXT NOT NULL,
    relay_key TEXT,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (target_id, part_id, slot)
  ) STRICT`,
  // Deleting a part deletes its containers.
  `CREATE INDEX part_containers_by_part ON part_containers (part_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
