// The user's own Meta app: its App ID and App Secret, from the environment
// (STARLING_META_APP_ID / STARLING_META_APP_SECRET, which win) or from the app's settings,
// where the secret is sealed by the vault in platform_apps like every other credential:
// never in the preferences file, never in a log or an answer. Facebook Login's code
// exchange needs the secret, so an app without one cannot sign in.
import type { Kysely } from 'kysely';
import type { NetworkApp } from '../../../../shared/accounts.ts';
import type { Schema } from '../../db/schema.ts';
import type { Cipher, Clock } from '../../ports.ts';
import { wwwHost } from '../meta/route.ts';

export interface MetaApp {
  appId: string;
  appSecret: string | null;
}

export interface AppDeps {
  db: Kysely<Schema>;
  cipher: Cipher;
  clock: Clock;
  env: NodeJS.ProcessEnv;
}

const origin = `https://${wwwHost}`;
const anyRedirect = '';

const fromEnv = (env: NodeJS.ProcessEnv, name: string): string | null => {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? null : value;
};

export function createMetaApps(deps: AppDeps) {
  async function saved(): Promise<MetaApp | null> {
    const row = await deps.db
      .selectFrom('platform_apps')
      .select(['client_id', 'secret_ciphertext'])
      .where('platform', '=', 'facebook')
      .where('origin', '=', origin)
      .where('redirect_uri', '=', anyRedirect)
      .executeTakeFirst();
    if (row === undefined) return null;
    const secret = deps.cipher.decrypt(row.secret_ciphertext);
    return { appId: row.client_id, appSecret: secret === '' ? null : secret };
  }

  async function current(): Promise<MetaApp | null> {
    const envId = fromEnv(deps.env, 'STARLING_META_APP_ID');
    const envSecret = fromEnv(deps.env, 'STARLING_META_APP_SECRET');
    const kept = await saved();
    const appId = envId ?? kept?.appId ?? null;
    if (appId === null) return null;
    const keptSecret = kept?.appId === appId ? kept.appSecret : null;
    return { appId, appSecret: envSecret ?? keptSecret };
  }

  return {
    current,

    /** Keeps the app; `appSecret` undefined keeps the saved secret of the same app. */
    async save(input: { clientId: string; clientSecret?: string | null | undefined }) {
      const kept = await saved();
      const secret =
        input.clientSecret === undefined
          ? kept?.appId === input.clientId
            ? kept.appSecret
            : null
          : input.clientSecret;
      const values = {
        client_id: input.clientId,
        secret_ciphertext: deps.cipher.encrypt(secret ?? ''),
        scopes: '',
        created_at: deps.clock.now(),
      };
      await deps.db
        .insertInto('platform_apps')
        .values({ platform: 'facebook', origin, redirect_uri: anyRedirect, ...values })
        .onConflict((oc) => oc.columns(['platform', 'origin', 'redirect_uri']).doUpdateSet(values))
        .execute();
    },

    /** What the settings show: the App ID and whether a secret is kept, never the secret. */
    async describe(): Promise<NetworkApp> {
      const app = await current();
      return {
        platform: 'facebook',
        clientId: app?.appId ?? null,
        hasSecret: app?.appSecret != null,
        fromEnvironment: fromEnv(deps.env, 'STARLING_META_APP_ID') !== null,
      };
    },
  };
}

export type MetaApps = ReturnType<typeof createMetaApps>;
