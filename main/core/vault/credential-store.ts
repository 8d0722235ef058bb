// [Note: credential store] The only code that turns tokens into account_credentials
// rows and back: the token set as JSON, sealed by the Cipher port. The kind, expiry and
// scope columns beside the ciphertext are not secret and let queries skip decryption.
// Nothing read here is ever put into a DTO, an event, a log line or an error message.
import type { Kysely, Transaction } from 'kysely';
import { AppFailure, failure } from '../../../shared/result.ts';
import type { Schema } from '../db/schema.ts';
import type { Cipher, Clock } from '../ports.ts';
import { xCredentials, type XCredentials } from './x-credentials.ts';

type Db = Kysely<Schema> | Transaction<Schema>;

export function createCredentialStore(db: Kysely<Schema>, cipher: Cipher, clock: Clock) {
  const columns = (credentials: XCredentials) => ({
    kind: credentials.kind,
    ciphertext: cipher.encrypt(JSON.stringify(credentials)),
    access_expires_at: credentials.kind === 'oauth2' ? credentials.expiresAt : null,
    scope: credentials.kind === 'oauth2' ? credentials.scope : '',
    updated_at: clock.now(),
  });

  return {
    /** The account's tokens, decrypted; null when it has none stored. */
    async read(accountId: string, from: Db = db): Promise<XCredentials | null> {
      const row = await from
        .selectFrom('account_credentials')
        .select('ciphertext')
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      if (row === undefined) return null;
      let parsed: unknown;
      try {
        parsed = JSON.parse(cipher.decrypt(row.ciphertext));
      } catch (error) {
        // The cipher's own failures say what to do; anything else is a damaged blob.
        if (error instanceof AppFailure) throw error;
        parsed = undefined;
      }
      const result = xCredentials.safeParse(parsed);
      // zod's messages could quote a value: say only that the blob is unusable.
      if (!result.success) {
        throw failure(
          'ENCRYPTION_UNAVAILABLE',
          'The stored tokens of this account are damaged. Reconnect the account.',
        );
      }
      return result.data;
    },

    /**
     * Stores the token set inside `trx` (the caller's transaction) or in a transaction of
     * its own; either way committed when the returned promise resolves at top level.
     */
    async write(accountId: string, credentials: XCredentials, trx?: Transaction<Schema>) {
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
