// Keeps each account within its network's documented posting limits (PlatformModule
// .postingLimits) before anything is sent, so a burst of posts due together never draws a
// 429 from the network: the posts beyond the limit wait, spending no attempt, until the
// window has room, with the limit named as the reason. A 429 that comes anyway (posts
// made elsewhere, a stricter plan) is still handled as before (send-part.ts).
//
// Per process and in memory: each budget's recent sends are read once from the database
// (the longest window back), then counted as they happen. A budget is an account's own,
// or shared by the accounts a network counts against one holder (PlatformModule
// .postingQuotaHolder: a LinkedIn member and the pages they post for). A send counts from when it was
// answered, which is no earlier than when the network counted it, so any window the
// network keeps (sliding or fixed) holds no more than the limit. Parts being sent are
// reserved while they are in flight, so concurrent jobs of one account cannot together
// overshoot.
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import type { PostingLimit } from '../platforms/port.ts';

/** One budget: its key, and the accounts whose sends it counts (read on first use). */
export interface Quota {
  key: string;
  accountIds: () => Promise<string[]>;
}

export interface PostingBudget {
  /**
   * Reserves `parts` sends within the quota now, or says when it may try again: null when
   * reserved (call `settle` after sending), else the wait and the limit in words.
   */
  reserve(
    quota: Quota,
    limits: readonly PostingLimit[],
    parts: number,
    now: number,
  ): Promise<{ at: number; words: string } | null>;
  /** Ends a reservation: `sent` of the reserved parts went out, answered at `now`. */
  settle(quotaKey: string, reserved: number, sent: number, now: number): void;
}

interface Ledger {
  /** Times sends were answered, oldest first. */
  sent: number[];
  inFlight: number;
}

export function createPostingBudget(db: Kysely<Schema>): PostingBudget {
  const ledgers = new Map<string, Promise<Ledger>>();

  function ledgerOf(quota: Quota, since: number): Promise<Ledger> {
    let ledger = ledgers.get(quota.key);
    if (ledger === undefined) {
      ledger = quota
        .accountIds()
        .then((ids) =>
          db
            .selectFrom('post_target_parts as tp')
            .innerJoin('post_targets as t', 't.id', 'tp.target_id')
            .select('tp.posted_at')
            .where('t.account_seq', 'in', (eb) =>
              eb.selectFrom('social_accounts').select('seq').where('id', 'in', ids),
            )
            .where('tp.posted_at', '>', since)
            .orderBy('tp.posted_at')
            .execute(),
        )
        .then((rows) => ({ sent: rows.map((r) => r.posted_at), inFlight: 0 }));
      ledgers.set(quota.key, ledger);
      // A failed read is tried again next time rather than remembered.
      ledger.catch(() => ledgers.delete(quota.key));
    }
    return ledger;
  }

  return {
    async reserve(quota, limits, parts, now) {
      if (limits.length === 0) return null;
      const longest = Math.max(...limits.map((l) => l.windowMs));
      const ledger = await ledgerOf(quota, now - longest);
      // Forget what no window reaches any more.
      const cut = ledger.sent.findIndex((t) => t > now - longest);
      ledger.sent.splice(0, cut === -1 ? ledger.sent.length : cut);
      let wait: { at: number; words: string } | null = null;
      for (const limit of limits) {
        const need = Math.min(parts, limit.parts);
        const inWindow = ledger.sent.filter((t) => t > now - limit.windowMs);
        const over = inWindow.length + ledger.inFlight + need - limit.parts;
        if (over <= 0) continue;
        // Room comes when the `over` oldest sends leave the window (in-flight ones have
        // not been answered yet: look again shortly after they are).
        const leaving = inWindow[over - 1];
        const at = leaving === undefined ? now + 1_000 : leaving + limit.windowMs + 1;
        if (wait === null || at > wait.at) wait = { at, words: limit.words };
      }
      if (wait !== null) return wait;
      ledger.inFlight += parts;
      return null;
    },

    settle(quotaKey, reserved, sent, now) {
      const ledger = ledgers.get(quotaKey);
      if (ledger === undefined) return;
      void ledger.then((l) => {
        l.inFlight = Math.max(0, l.inFlight - reserved);
        for (let i = 0; i < sent; i += 1) l.sent.push(now);
      });
    },
  };
}
