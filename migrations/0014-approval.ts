// Client approval (issue 17): a client may require that each post be approved before it
// goes out, by a review packet sent as a file and a reply that comes back the same way.
// - clients.require_approval: 1 when the scheduler holds the client's posts until approved.
// - post_approvals: a post's latest approval state and the version hash it applies to
//   (main/core/approval/version-hash.ts); an edit changes the hash, so a stale approval
//   reads as none without any write on the edit paths.
// - review_packets / review_packet_posts: each packet sent, and per post the id and hash
//   written into it, so a reply is matched to what the client actually saw. A post keeps
//   its packet rows when it becomes a new post (a draft scheduled) or is deleted.
import { sql, type Kysely } from 'kysely';

const statements = [
  `ALTER TABLE clients ADD COLUMN require_approval INTEGER NOT NULL DEFAULT 0
    CHECK (require_approval IN (0, 1))`,

  `CREATE TABLE review_packets (
    id TEXT PRIMARY KEY,
    client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    token TEXT NOT NULL CHECK (length(token) BETWEEN 16 AND 64),
    file_name TEXT NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT`,
  // review:list, newest first, for one client or all.
  `CREATE INDEX review_packets_by_client ON review_packets (client_id, created_at)`,
  `CREATE INDEX review_packets_by_time ON review_packets (created_at)`,

  `CREATE TABLE review_packet_posts (
    packet_id TEXT NOT NULL REFERENCES review_packets (id) ON DELETE CASCADE,
    sent_post_id TEXT NOT NULL,
    post_id TEXT REFERENCES posts (id) ON DELETE SET NULL,
    position INTEGER NOT NULL CHECK (position >= 0),
    version_hash TEXT NOT NULL,
    decision TEXT CHECK (decision IN ('approved', 'changes_requested')),
    decided_by TEXT,
    comment TEXT,
    decided_at INTEGER,
    PRIMARY KEY (packet_id, sent_post_id)
  ) STRICT`,
  // A post's packets (its review status, carrying a draft's packets to its post).
  `CREATE INDEX review_packet_posts_by_post ON review_packet_posts (post_id)
    WHERE post_id IS NOT NULL`,

  `CREATE TABLE post_approvals (
    post_id TEXT PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
    state TEXT NOT NULL CHECK (state IN ('in_review', 'approved', 'changes_requested')),
    version_hash TEXT NOT NULL,
    packet_id TEXT REFERENCES review_packets (id) ON DELETE SET NULL,
    decided_by TEXT,
    comment TEXT,
    decided_at INTEGER,
    updated_at INTEGER NOT NULL
  ) STRICT`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
