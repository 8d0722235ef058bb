// [Note: credential store] The only code that turns tokens into account_credentials
// rows and back: the token set as JSON, sealed by the Cipher port. The kind, expiry and
// scope columns beside the ciphertext are not secret and let queries skip decryption.
// Nothing read here is ever put into a DTO, an event, a log line or an error message.
// Each network's folder owns the shape of its token set (a zod schema it passes to `read`).
import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import { AppFailure, failure } from '../../../shared/result.ts';
import type { AccountCredentialsTable, Schema } from '../db/schema.ts';
import type { Cipher, Clock } from '../ports.ts';

type Db = Kysely<Schema> | Transaction<Schema>;

/** Any network's token set: its kind, and where it has them, expiry and scope. */
export type SealedCredentials = {
  kind: AccountCredentialsTable['kind'];
  /** Epoch ms when the access token expires, where it does. */
  expiresAt?: number | null;
  /**
   * Epoch ms after which they stop working unless the user connects again (no refresh
   * can renew them); null or absent where they renew themselves. Not secret: the account
   * list warns from it (SocialAccount.credentialsExpireAt).
   */
  reconnectBy?: number | null;
  scope?: string;
} & Record<string, unknown>;

export function createCredentialStore(db: Kysely<Schema>, cipher: Cipher, clock: Clock) {
  const columns = (credentials: SealedCredentials) => ({
    kind: credentials.kind,
    ciphertext: cipher.encrypt(JSON.stringify(credentials)),
    access_expires_at: credentials.expiresAt ?? null,
    reconnect_by: credentials.reconnectBy ?? null,
    scope: credentials.scope ?? '',
    updated_at: clock.now(),
  });

  /** The decrypted JSON, unchecked; null when none is stored. */
  async function open(accountId: string, from: Db): Promise<{ value: unknown } | null> {
    const row = await from
      .selectFrom('account_credentials')
      .select('ciphertext')
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    if (row === undefined) return null;
    try {
      return { value: JSON.parse(cipher.decrypt(row.ciphertext)) };
    } catch (error) {
      // The cipher's own failures say what to do; anything else is a damaged blob.
      if (error instanceof AppFailure) throw error;
      return { value: undefined };
    }
  }

  return {
    /** The account's tokens, decrypted and checked against `schema`; null when none. */
    async read<T>(accountId: string, schema: z.ZodType<T>, from: Db = db): Promise<T | null> {
      const opened = await open(accountId, from);
      if (opened === null) return null;
      const result = schema.safeParse(opened.value);
      // zod's messages could quote a value: say only that the blob is unusable.
      if (!result.success) {
        throw failure(
          'ENCRYPTION_UNAVAILABLE',
          'The stored tokens of this account are damaged. Reconnect the account.',
        );
      }
      return result.data;
    },

    /** The decrypted token set, unchecked, for its network to parse (revoke on removal). */
    async readSealed(accountId: string, from: Db = db): Promise<unknown> {
      return (await open(accountId, from))?.value ?? null;
    },

    /**
     * Stores the token set inside `trx` (the caller's transaction) or in a transaction of
     * its own; either way committed when the returned promise resolves at top level.
     */
    async write(accountId: string, credentials: SealedCredentials, trx?: Transaction<Schema>) {
      const values = columns(credentials);
      const run = (t: Transaction<Schema>) =>
        t
          .insertInto('account_credentials')
          .values({ account_id: accountId, ...values })
          .onConflict((oc) => oc.column('account_id').doUpdateSet(values))
          .execute();
      if (trx !== undefined) await run(trx);
      else await db.transaction().execute(run);
    },

    async remove(accountId: string, from: Db = db): Promise<void> {
      await from.deleteFrom('account_credentials').where('account_id', '=', accountId).execute();
    },
  };
}

export type CredentialStore = ReturnType<typeof createCredentialStore>;
