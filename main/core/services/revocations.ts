// Revoking the credentials of an account that is no longer ours (removed, or a connect
// refused as a duplicate), so nothing stays valid at a network with no one holding it.
// Tried at once and never in the way of the removal; when the network could not be asked
// or had a passing problem, the credentials (still sealed by the vault, never plaintext)
// wait in pending_revocations and the publishing hosts try again with growing waits, for
// up to a week. Then they are dropped with a line in the log saying where to revoke by hand.
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import type { ConnectedProfile, PlatformAccount } from '../platforms/port.ts';
import type { Platforms } from '../platforms/registry.ts';
import type { Cipher, Clock, Logger } from '../ports.ts';

/** Waits after each failed try: a minute, then longer, up to half a day. */
const waitsMs = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 6 * 3_600_000, 12 * 3_600_000];
/** How long a revocation is tried before it is given up. */
export const revokeForMs = 7 * 24 * 3_600_000;

export interface RetryReport {
  revoked: number;
  waiting: number;
  dropped: number;
}

export function createRevocations(deps: {
  db: Kysely<Schema>;
  cipher: Cipher;
  clock: Clock;
  logger: Logger;
  newId: () => string;
  platforms: Pick<Platforms, 'get'>;
}) {
  const { db, cipher, clock, logger } = deps;
  let retrying: Promise<RetryReport> | null = null;

  const wait = (attempts: number) => waitsMs[Math.min(attempts, waitsMs.length) - 1] ?? 0;

  async function queue(account: PlatformAccount, sealed: unknown): Promise<void> {
    const now = clock.now();
    try {
      await db
        .insertInto('pending_revocations')
        .values({
          id: deps.newId(),
          platform: account.platform,
          account: JSON.stringify(account),
          ciphertext: cipher.encrypt(JSON.stringify(sealed)),
          attempts: 1,
          next_at: now + wait(1),
          created_at: now,
        })
        .execute();
      logger.info('revocation queued to try again', { platform: account.platform });
    } catch (error) {
      // A locked vault cannot seal them: nothing is kept in plaintext, so they are let go.
      logger.warn('could not queue a revocation; revoke the access in the network’s settings', {
        platform: account.platform,
        error: String(error),
      });
    }
  }

  async function retryDue(): Promise<RetryReport> {
    const now = clock.now();
    const report: RetryReport = { revoked: 0, waiting: 0, dropped: 0 };
    const due = await db
      .selectFrom('pending_revocations')
      .selectAll()
      .where('next_at', '<=', now)
      .orderBy('next_at')
      .execute();
    for (const row of due) {
      const account = JSON.parse(row.account) as PlatformAccount;
      let outcome: 'done' | 'retry';
      try {
        const sealed: unknown = JSON.parse(cipher.decrypt(row.ciphertext));
        outcome = await deps.platforms.get(row.platform).revoke(account, sealed);
      } catch (error) {
        // The vault is locked just now (or this version no longer knows the network).
        logger.warn('could not retry a revocation', {
          platform: row.platform,
          error: String(error),
        });
        outcome = 'retry';
      }
      if (outcome === 'done') {
        await db.deleteFrom('pending_revocations').where('id', '=', row.id).execute();
        report.revoked += 1;
      } else if (now - row.created_at >= revokeForMs) {
        await db.deleteFrom('pending_revocations').where('id', '=', row.id).execute();
        logger.warn('gave up revoking a removed account’s access after a week', {
          platform: row.platform,
          handle: account.handle,
          hint: 'revoke Starling’s access in the network’s own settings',
        });
        report.dropped += 1;
      } else {
        await db
          .updateTable('pending_revocations')
          .set({ attempts: row.attempts + 1, next_at: now + wait(row.attempts + 1) })
          .where('id', '=', row.id)
          .execute();
        report.waiting += 1;
      }
    }
    return report;
  }

  return {
    /** Revokes now; queues the credentials to try again when the network could not be asked. */
    async revoke(account: PlatformAccount, sealed: unknown): Promise<void> {
      const outcome = await deps.platforms.get(account.platform).revoke(account, sealed);
      if (outcome === 'retry') await queue(account, sealed);
    },

    /**
     * Revokes credentials a sign-in just produced that were not kept (the account belongs
     * to another client, the client was archived meanwhile): they must not stay valid at
     * the network with no one holding them.
     */
    revokeUnkept(profile: ConnectedProfile, sealed: unknown): Promise<void> {
      const { platform, platformUserId, handle, serviceUrl, settings } = profile;
      return this.revoke(
        { id: '', clientId: '', platform, platformUserId, handle, serviceUrl, settings },
        sealed,
      );
    },

    /** Tries every queued revocation that is due (one pass at a time per process). */
    retryDue(): Promise<RetryReport> {
      retrying ??= retryDue().finally(() => {
        retrying = null;
      });
      return retrying;
    },

    /** How many revocations wait to be tried again. */
    async pending(): Promise<number> {
      const row = await db
        .selectFrom('pending_revocations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return row.n;
    },
  };
}

export type Revocations = ReturnType<typeof createRevocations>;
