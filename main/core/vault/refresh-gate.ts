// [Note: refresh leases] X's refresh tokens work once, and Bluesky's only within a short
// grace, so two refreshes of one account at the same moment burn the token and force a
// reconnect for nothing. The app, `starling daemon`, `starling serve --publish` and CLI
// commands may share a data folder, so single-flight within one process is not enough.
// A refresh runs holding the account's row in credential_refresh_leases: taken by one
// INSERT … ON CONFLICT DO UPDATE … WHERE expired statement (SQLite runs it under its write
// lock, so exactly one process gets it), released when the refresh ends, and good for
// `leaseMs` (longer than a refresh's request timeout) should its holder die. A caller that
// finds the row held waits for it to go and then runs its refresh, which re-reads the
// stored pair first: the holder committed the new pair before letting go, so the waiter
// uses that pair and spends nothing. In one process, callers share one promise as before.
import { setTimeout as sleep } from 'node:timers/promises';
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import type { Clock, Logger } from '../ports.ts';

/** Longer than any refresh takes (each network's request timeout is 30 s). */
export const refreshLeaseMs = 60_000;
const pollMs = 50;

export interface RefreshGate {
  /**
   * Runs `refresh` for the account while no other caller, in this process or another,
   * is refreshing it. `refresh` must re-read the stored credentials first and return
   * them as they are when they are already fresh.
   */
  run<T>(accountId: string, refresh: () => Promise<T>): Promise<T>;
}

export function createRefreshGate(deps: {
  db: Kysely<Schema>;
  clock: Clock;
  logger: Logger;
  /** This process's name in the lease rows (the scheduler's owner string). */
  owner: string;
  leaseMs?: number;
}): RefreshGate {
  const { db, clock, logger, owner } = deps;
  const leaseMs = deps.leaseMs ?? refreshLeaseMs;
  const inflight = new Map<string, Promise<unknown>>();

  async function take(accountId: string): Promise<boolean> {
    const now = clock.now();
    const taken = await sql<{ owner: string }>`
      INSERT INTO credential_refresh_leases (account_id, owner, expires_at)
      VALUES (${accountId}, ${owner}, ${now + leaseMs})
      ON CONFLICT (account_id) DO UPDATE
        SET owner = excluded.owner, expires_at = excluded.expires_at
        WHERE credential_refresh_leases.expires_at <= ${now}
      RETURNING owner`.execute(db);
    return taken.rows.length === 1;
  }

  async function release(accountId: string): Promise<void> {
    await db
      .deleteFrom('credential_refresh_leases')
      .where('account_id', '=', accountId)
      .where('owner', '=', owner)
      .execute();
  }

  async function leased<T>(accountId: string, refresh: () => Promise<T>): Promise<T> {
    let waited = false;
    while (!(await take(accountId))) {
      if (!waited) logger.info('waiting for another process to refresh', { accountId });
      waited = true;
      await sleep(pollMs);
    }
    try {
      return await refresh();
    } finally {
      await release(accountId).catch((error: unknown) => {
        // The lease runs out by itself; the next refresh waits at most leaseMs.
        logger.warn('could not release a refresh lease', { accountId, error: String(error) });
      });
    }
  }

  return {
    run<T>(accountId: string, refresh: () => Promise<T>): Promise<T> {
      const running = inflight.get(accountId);
      if (running !== undefined) return running as Promise<T>;
      const started = leased(accountId, refresh).finally(() => {
        inflight.delete(accountId);
      });
      inflight.set(accountId, started);
      return started;
    },
  };
}
