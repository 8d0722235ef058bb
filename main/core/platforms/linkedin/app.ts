// The user's own LinkedIn app: its Client ID and secret, from the environment
// (STARLING_LINKEDIN_CLIENT_ID / STARLING_LINKEDIN_CLIENT_SECRET, which win) or from the
// app's settings, where the secret is sealed by the vault in platform_apps like every
// other credential: never in the preferences file, never in a log or an answer.
import type { Kysely } from 'kysely';
import type { NetworkApp } from '../../../../shared/accounts.ts';
import type { Schema } from '../../db/schema.ts';
import type { Cipher, Clock } from '../../ports.ts';
import { wwwHost } from './route.ts';

export interface LinkedInApp {
  clientId: string;
  /** null: the app signs in with PKCE alone (LinkedIn enables that for some apps). */
  clientSecret: string | null;
}

export interface AppDeps {
  db: Kysely<Schema>;
  cipher: Cipher;
  clock: Clock;
  env: NodeJS.ProcessEnv;
}

// One saved app: the row is not tied to a redirect URI (LinkedIn's apps list several).
const origin = `https://${wwwHost}`;
const anyRedirect = '';

const fromEnv = (env: NodeJS.ProcessEnv, name: string): string | null => {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? null : value;
};

export function createLinkedInApps(deps: AppDeps) {
  async function saved(): Promise<LinkedInApp | null> {
    const row = await deps.db
      .selectFrom('platform_apps')
      .select(['client_id', 'secret_ciphertext'])
      .where('platform', '=', 'linkedin')
      .where('origin', '=', origin)
      .where('redirect_uri', '=', anyRedirect)
      .executeTakeFirst();
    if (row === undefined) return null;
    const secret = deps.cipher.decrypt(row.secret_ciphertext);
    return { clientId: row.client_id, clientSecret: secret === '' ? null : secret };
  }

  async function current(): Promise<LinkedInApp | null> {
    const envId = fromEnv(deps.env, 'STARLING_LINKEDIN_CLIENT_ID');
    const envSecret = fromEnv(deps.env, 'STARLING_LINKEDIN_CLIENT_SECRET');
    const kept = await saved();
    const clientId = envId ?? kept?.clientId ?? null;
    if (clientId === null) return null;
    const keptSecret = kept?.clientId === clientId ? kept.clientSecret : null;
    return { clientId, clientSecret: envSecret ?? keptSecret };
  }

  return {
    current,

    /** The secret of the app `clientId` (refresh and revoke need it); null if unknown. */
    async secretFor(clientId: string): Promise<string | null> {
      const app = await current();
      if (app?.clientId === clientId) return app.clientSecret;
      const kept = await saved();
      return kept?.clientId === clientId ? kept.clientSecret : null;
    },

    /**
     * Keeps the app. `clientSecret` undefined keeps the saved secret of the same app;
     * null forgets it (an app that signs in with PKCE alone).
     */
    async save(input: { clientId: string; clientSecret?: string | null | undefined }) {
      const kept = await saved();
      const secret =
        input.clientSecret === undefined
          ? kept?.clientId === input.clientId
            ? kept.clientSecret
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
        .values({ platform: 'linkedin', origin, redirect_uri: anyRedirect, ...values })
        .onConflict((oc) => oc.columns(['platform', 'origin', 'redirect_uri']).doUpdateSet(values))
        .execute();
    },

    /** What the settings show: the Client ID and whether a secret is kept, never the secret. */
    async describe(): Promise<NetworkApp> {
      const envId = fromEnv(deps.env, 'STARLING_LINKEDIN_CLIENT_ID');
      const app = await current();
      return {
        platform: 'linkedin',
        clientId: app?.clientId ?? null,
        hasSecret: app?.clientSecret != null,
        fromEnvironment: envId !== null,
        redirectUri: null,
      };
    },
  };
}

export type LinkedInApps = ReturnType<typeof createLinkedInApps>;
