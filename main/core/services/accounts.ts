// Social accounts in the database: listing, saving a connected account with its tokens
// in one transaction, status changes, removal. Tokens pass through here only on their
// way into (or out of, for revocation) the credential store.
import { wakeHandOffs } from './hand-off-jobs.ts';
import type { Kysely, Transaction } from 'kysely';
import type { SocialAccount } from '../../../shared/accounts.ts';
import { failure } from '../../../shared/result.ts';
import { accountSeqOf } from '../db/post-numbers.ts';
import type { Schema } from '../db/schema.ts';
import type { ConnectedProfile, PlatformAccount } from '../platforms/port.ts';
import { platformAccount } from '../publishing/plan.ts';
import { serverTextLimit } from './posts-checks.ts';
import type { Ports } from '../ports.ts';
import type { CredentialStore, SealedCredentials } from '../vault/credential-store.ts';
import { shownHandle } from '../../../shared/networks/index.ts';
import { plural, pluralWord } from '../../../shared/plural.ts';

export function createAccountsService(
  db: Kysely<Schema>,
  ports: Pick<Ports, 'clock' | 'newId'>,
  credentials: CredentialStore,
) {
  const selectAccounts = () =>
    db
      .selectFrom('social_accounts as a')
      .leftJoin('account_credentials as c', 'c.account_id', 'a.id')
      .select([
        'a.id',
        'a.client_id',
        'a.platform',
        'a.platform_user_id',
        'a.handle',
        'a.display_name',
        'a.avatar_url',
        'a.service_url',
        'a.settings',
        'a.status',
        'a.hand_off',
        'a.status_reason',
        'a.created_at',
        'a.updated_at',
        'c.kind',
        'c.reconnect_by',
      ]);
  type Row = Awaited<ReturnType<ReturnType<typeof selectAccounts>['executeTakeFirstOrThrow']>>;
  const toAccount = (row: Row): SocialAccount => ({
    id: row.id,
    clientId: row.client_id,
    platform: row.platform,
    platformUserId: row.platform_user_id,
    handle: row.handle,
    displayName: row.display_name,
    avatarUrl: row.avatar_url,
    serviceUrl: row.service_url,
    textLimit: serverTextLimit(row.settings),
    status: row.status,
    statusReason: row.status === 'active' ? null : row.status_reason,
    authKind: row.kind ?? 'oauth2',
    credentialsExpireAt: row.reconnect_by,
    handOff: row.hand_off === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });

  async function find(id: string): Promise<SocialAccount | null> {
    const row = await selectAccounts().where('a.id', '=', id).executeTakeFirst();
    return row === undefined ? null : toAccount(row);
  }

  async function get(id: string): Promise<SocialAccount> {
    const account = await find(id);
    if (account === null) throw failure('NOT_FOUND', `No account has the id ${id}.`);
    return account;
  }

  /** One account's row and tokens inside `trx` (see saveConnected); returns its id. */
  async function keep(
    trx: Transaction<Schema>,
    clientId: string,
    profile: ConnectedProfile,
    sealed: SealedCredentials,
  ): Promise<string> {
    const now = ports.clock.now();
    const existing = await trx
      .selectFrom('social_accounts as a')
      .innerJoin('clients as cl', 'cl.id', 'a.client_id')
      .select(['a.id', 'a.client_id', 'cl.name as client_name'])
      .where('a.platform', '=', profile.platform)
      .where('a.platform_user_id', '=', profile.platformUserId)
      .executeTakeFirst();
    if (existing !== undefined && existing.client_id !== clientId) {
      throw failure(
        'CONFLICT',
        `${shownHandle(profile.platform, profile.handle)} is already connected to the client "${existing.client_name}". ` +
          'Remove it there first, then connect it here.',
        { details: { accountId: existing.id, clientId: existing.client_id } },
      );
    }
    const fields = {
      handle: profile.handle,
      display_name: profile.displayName,
      avatar_url: profile.avatarUrl,
      service_url: profile.serviceUrl,
      settings: JSON.stringify(profile.settings),
      status: 'active' as const,
      status_reason: null,
      updated_at: now,
    };
    let accountId: string;
    if (existing === undefined) {
      accountId = ports.newId();
      await trx
        .insertInto('social_accounts')
        .values({
          id: accountId,
          client_id: clientId,
          platform: profile.platform,
          platform_user_id: profile.platformUserId,
          created_at: now,
          ...fields,
        })
        .execute();
    } else {
      accountId = existing.id;
      await trx.updateTable('social_accounts').set(fields).where('id', '=', accountId).execute();
    }
    await credentials.write(accountId, sealed, trx);
    return accountId;
  }

  return {
    find,
    get,

    async list(clientId?: string): Promise<SocialAccount[]> {
      let query = selectAccounts();
      if (clientId !== undefined) query = query.where('a.client_id', '=', clientId);
      const rows = await query.orderBy('a.client_id').orderBy('a.handle').execute();
      return rows.map(toAccount);
    },

    /** Refuses early (before the browser opens) a client that cannot take an account. */
    async assertClientCanConnect(clientId: string): Promise<void> {
      const client = await db
        .selectFrom('clients')
        .select(['name', 'archived_at'])
        .where('id', '=', clientId)
        .executeTakeFirst();
      if (client === undefined) throw failure('NOT_FOUND', `No client has the id ${clientId}.`);
      if (client.archived_at !== null) {
        throw failure(
          'VALIDATION',
          `The client "${client.name}" is archived. Unarchive it before connecting accounts.`,
        );
      }
    },

    /**
     * Stores a freshly authorized account: a new row, or, for the same network user on the
     * same client, new tokens and status active. The same user on another client is refused.
     */
    async saveConnected(input: {
      clientId: string;
      profile: ConnectedProfile;
      credentials: SealedCredentials;
    }): Promise<SocialAccount> {
      const id = await db
        .transaction()
        .execute((trx) => keep(trx, input.clientId, input.profile, input.credentials));
      return get(id);
    },

    /**
     * Stores several accounts of one client (an account's pages) in one transaction, as
     * saveConnected does each: one that cannot be kept leaves none kept.
     */
    async saveAll(
      clientId: string,
      connected: { profile: ConnectedProfile; credentials: SealedCredentials }[],
    ): Promise<SocialAccount[]> {
      const ids = await db.transaction().execute(async (trx) => {
        const kept: string[] = [];
        for (const c of connected) kept.push(await keep(trx, clientId, c.profile, c.credentials));
        return kept;
      });
      return Promise.all(ids.map(get));
    },

    /** The account as a network's code sees it (its settings, no tokens). */
    async platformAccount(id: string): Promise<PlatformAccount> {
      const row = await db
        .selectFrom('social_accounts')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      if (row === undefined) throw failure('NOT_FOUND', `No account has the id ${id}.`);
      return platformAccount(row);
    },

    /** Turns hand-off on or off and wakes the account's posts to hand them over or back. */
    async setHandOff(id: string, on: boolean): Promise<SocialAccount> {
      await db.transaction().execute(async (trx) => {
        const changed = await trx
          .updateTable('social_accounts')
          .set({ hand_off: on ? 1 : 0, updated_at: ports.clock.now() })
          .where('id', '=', id)
          .executeTakeFirst();
        if (changed.numUpdatedRows === 0n)
          throw failure('NOT_FOUND', `No account has the id ${id}.`);
        await wakeHandOffs(trx, { accountId: id }, ports.clock.now());
      });
      return get(id);
    },

    /**
     * Marks the account as needing a reconnect, `reason` saying why in words for the user;
     * null if it no longer exists.
     */
    async markNeedsReauth(id: string, reason: string | null = null): Promise<SocialAccount | null> {
      await db
        .updateTable('social_accounts')
        .set({ status: 'needs_reauth', status_reason: reason, updated_at: ports.clock.now() })
        .where('id', '=', id)
        .where('status', '!=', 'needs_reauth')
        .execute();
      return find(id);
    },

    /**
     * Deletes the account and its ciphertext in one transaction. Returns the tokens it had
     * (when they can still be decrypted) so the caller can have its network revoke them.
     * Refused while posts are still to go out on it: its targets go with it (the schema
     * cascades), and a post left without one would sit "scheduled" and never go out.
     */
    async remove(id: string): Promise<{ account: SocialAccount; credentials: unknown }> {
      const account = await get(id);
      let stored: unknown = null;
      try {
        stored = await credentials.readSealed(id);
      } catch {
        // A locked or damaged vault must not keep an account from being removed.
      }
      await db.transaction().execute(async (trx) => {
        const { waiting } = await trx
          .selectFrom('post_targets')
          .select((eb) => eb.fn.countAll<number>().as('waiting'))
          .where('account_seq', '=', accountSeqOf(id))
          .where('status', 'in', ['scheduled', 'publishing'])
          .executeTakeFirstOrThrow();
        if (waiting > 0) {
          throw failure(
            'CONFLICT',
            `${shownHandle(account.platform, account.handle)} has ${plural(waiting, 'post')} still to go out. Cancel ${pluralWord(waiting, 'it', 'them')}, or give ${pluralWord(waiting, 'it', 'them')} another account, before removing it: removing it would delete ${pluralWord(waiting, 'it', 'them')}.`,
          );
        }
        await credentials.remove(id, trx);
        await trx.deleteFrom('social_accounts').where('id', '=', id).execute();
      });
      return { account, credentials: stored };
    },
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
