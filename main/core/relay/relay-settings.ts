// The saved media relay: which bucket, and its keys sealed by the vault.
// [Note: relay keys] The access key id and the secret are sealed together in one row of
// media_relay (migration 0022): never in the preferences file, never in a log line, never
// in an answer. What leaves this module towards a renderer is RelayInfo (hasKeys only).
import type { Kysely } from 'kysely';
import type { RelayInfo } from '../../../shared/relay.ts';
import type { Schema } from '../db/schema.ts';
import type { Cipher, Clock } from '../ports.ts';

export interface RelayKeys {
  accessKeyId: string;
  secretAccessKey: string;
}

/** Everything the S3 client needs: the bucket and its keys. */
export interface RelayTarget {
  endpoint: string;
  region: string;
  bucket: string;
  pathStyle: boolean;
  keys: RelayKeys;
}

export function createRelaySettings(deps: { db: Kysely<Schema>; cipher: Cipher; clock: Clock }) {
  const row = () =>
    deps.db.selectFrom('media_relay').selectAll().where('id', '=', 1).executeTakeFirst();

  return {
    /** The saved relay with its keys (for the S3 client only), or null. */
    async target(): Promise<RelayTarget | null> {
      const saved = await row();
      if (saved === undefined) return null;
      const keys = JSON.parse(deps.cipher.decrypt(saved.keys_ciphertext)) as RelayKeys;
      return {
        endpoint: saved.endpoint,
        region: saved.region,
        bucket: saved.bucket,
        pathStyle: saved.path_style === 1,
        keys,
      };
    },

    /** What the settings show: never the keys. */
    async describe(): Promise<RelayInfo | null> {
      const saved = await row();
      if (saved === undefined) return null;
      return {
        endpoint: saved.endpoint,
        region: saved.region,
        bucket: saved.bucket,
        pathStyle: saved.path_style === 1,
        hasKeys: true,
        savedAt: saved.saved_at,
      };
    },

    async save(target: RelayTarget): Promise<void> {
      const values = {
        endpoint: target.endpoint,
        region: target.region,
        bucket: target.bucket,
        path_style: target.pathStyle ? (1 as const) : (0 as const),
        keys_ciphertext: deps.cipher.encrypt(
          JSON.stringify({
            accessKeyId: target.keys.accessKeyId,
            secretAccessKey: target.keys.secretAccessKey,
          } satisfies RelayKeys),
        ),
        saved_at: deps.clock.now(),
      };
      await deps.db
        .insertInto('media_relay')
        .values({ id: 1, ...values })
        .onConflict((oc) => oc.column('id').doUpdateSet(values))
        .execute();
    },

    async forget(): Promise<void> {
      await deps.db.deleteFrom('media_relay').where('id', '=', 1).execute();
    },
  };
}

export type RelaySettingsStore = ReturnType<typeof createRelaySettings>;
