// Row types of client approval's tables, for kysely (migration 0014, 0018: [Note: version
// hash] in main/core/approval/version-hash.ts).

/** A post's latest approval state, for the version of the post `version_hash` names. */
export interface PostApprovalsTable {
  post_id: string;
  state: 'in_review' | 'approved' | 'changes_requested';
  version_hash: string;
  packet_id: string | null;
  decided_by: string | null;
  comment: string | null;
  decided_at: number | null;
  updated_at: number;
}

/** A review packet sent to a client; its file is kept as `reviews/<file_name>`. */
export interface ReviewPacketsTable {
  id: string;
  client_id: string;
  /** Written into the packet and required in its reply: only the packet's readers have it. */
  token: string;
  file_name: string;
  created_at: number;
}

/** A post as a packet showed it: the id and version written into it, and its decision. */
export interface ReviewPacketPostsTable {
  packet_id: string;
  sent_post_id: string;
  /** The post now (a draft scheduled becomes a new post); null once it was deleted. */
  post_id: string | null;
  position: number;
  version_hash: string;
  /** The hash the packet file shows, where it differs from `version_hash` (0018). */
  shown_hash: string | null;
  decision: 'approved' | 'changes_requested' | null;
  decided_by: string | null;
  comment: string | null;
  decided_at: number | null;
}
