// The posting limits a network keeps, as the platform port speaks of them: the fixed
// ones Starling keeps within itself (PostingLimit) and a network's live count of an
// account's posts (PostingQuota). Apart from port.ts, which re-exports them, to keep that
// file to one screenful of contracts per concern.

/** At most `parts` posts (each part of a thread counts) in any `windowMs`. */
export interface PostingLimit {
  parts: number;
  windowMs: number;
  /** The limit in words, for the reason a post waits ("100 posts per 15 minutes"). */
  words: string;
}

/** One count a network keeps of an account's posts, as the network answers it now. */
export interface QuotaAllowance {
  /** What is counted, plural, in words for people: "posts", "replies". */
  noun: string;
  used: number;
  total: number;
  /** The moving window the network counts in (24 hours at Meta). */
  windowMs: number;
}

/**
 * [Note: posting quota] A network's own live count of an account's posts against its
 * posting limit (Instagram's content_publishing_limit, Threads' threads_publishing_limit),
 * which counts posts made anywhere through the API, not only Starling's. The composer
 * shows it (services/posting-quota.ts); publishing reads it again itself before each part.
 */
export interface PostingQuota {
  /** What a post (a thread's first part) counts against. */
  posts: QuotaAllowance;
  /** What the later parts of a thread count against (Threads' replies); null: posts. */
  replies: QuotaAllowance | null;
}
