// The user's own developer app at a network, which its sign-ins use: its id and secret (and,
// where the network sends the browser to an https page, the redirect registered with it),
// from the environment (which wins) or from the app's settings. The secret is sealed by
// the vault in platform_apps like every other credential: never in the preferences file,
// never in a log or an answer. Each network's app.ts names its variables and its words.
import type { Kysely } from 'kysely';
import type { NetworkApp, Platform } from '../../../shared/accounts.ts';
import type { Schema } from '../db/schema.ts';
import type { Cipher, Clock } from '../ports.ts';
import type { AppPort } from './port.ts';

export interface KeptApp {
  clientId: string;
  /** null: none kept (some networks let an app sign in with PKCE alone). */
  clientSecret: string | null;
  /** The https redirect registered with the app; null where the network uses loopback. */
  redirectUri: string | null;
}

export interface NetworkAppDeps {
  db: Kysely<Schema>;
  cipher: Cipher;
  clock: Clock;
  env: NodeJS.ProcessEnv;
}

/** Where one network keeps its app. */
export interface NetworkAppPlace {
  platform: Platform;
  /** The network's sign-in origin, which the row is kept under. */
  origin: string;
  /** The environment variables that override the saved app. */
  envNames: {
    clientId: string;
    clientSecret: string;
    /** Only networks whose app carries an https redirect keep one. */
    redirectUri?: string;
  };
}

export interface SaveApp {
  clientId: string;
  /** undefined keeps the saved secret of the same app; null forgets it. */
  clientSecret?: string | null | undefined;
  /** undefined keeps the saved redirect of the same app. */
  redirectUri?: string | undefined;
}

const fromEnv = (env: NodeJS.ProcessEnv, name: string | undefined): string | null => {
  const value = name === undefined ? undefined : env[name]?.trim();
  return value === undefined || value === '' ? null : value;
};

// One saved app a network: its row's redirect_uri is the registered redirect, '' for none.
export function createNetworkApps(deps: NetworkAppDeps, place: NetworkAppPlace) {
  const { platform, origin, envNames } = place;
  const keepsRedirect = envNames.redirectUri !== undefined;

  async function saved(): Promise<KeptApp | null> {
    const row = await deps.db
      .selectFrom('platform_apps')
      .select(['client_id', 'secret_ciphertext', 'redirect_uri'])
      .where('platform', '=', platform)
      .where('origin', '=', origin)
      .executeTakeFirst();
    if (row === undefined) return null;
    const secret = deps.cipher.decrypt(row.secret_ciphertext);
    return {
      clientId: row.client_id,
      clientSecret: secret === '' ? null : secret,
      redirectUri: row.redirect_uri === '' ? null : row.redirect_uri,
    };
  }

  /** The app to sign in with: the environment's, or the saved one (its secret if the same). */
  async function current(): Promise<KeptApp | null> {
    const envId = fromEnv(deps.env, envNames.clientId);
    const kept = await saved();
    const clientId = envId ?? kept?.clientId ?? null;
    if (clientId === null) return null;
    const same = kept?.clientId === clientId;
    return {
      clientId,
      clientSecret: fromEnv(deps.env, envNames.clientSecret) ?? (same ? kept.clientSecret : null),
      redirectUri: fromEnv(deps.env, envNames.redirectUri) ?? (same ? kept.redirectUri : null),
    };
  }

  async function save(input: SaveApp): Promise<void> {
    const kept = await saved();
    const same = kept?.clientId === input.clientId;
    const secret =
      input.clientSecret === undefined ? (same ? kept.clientSecret : null) : input.clientSecret;
    const redirect = keepsRedirect ? (input.redirectUri ?? (same ? kept.redirectUri : null)) : null;
    // The redirect is part of the row's key, so a changed one replaces the row.
    await deps.db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('platform_apps')
        .where('platform', '=', platform)
        .where('origin', '=', origin)
        .execute();
      await trx
        .insertInto('platform_apps')
        .values({
          platform,
          origin,
          redirect_uri: redirect ?? '',
          client_id: input.clientId,
          secret_ciphertext: deps.cipher.encrypt(secret ?? ''),
          scopes: '',
          created_at: deps.clock.now(),
        })
        .execute();
    });
  }

  /** What the settings show: the id and whether a secret is kept, never the secret. */
  async function describe(): Promise<NetworkApp> {
    const app = await current();
    return {
      platform,
      clientId: app?.clientId ?? null,
      hasSecret: app?.clientSecret != null,
      fromEnvironment: fromEnv(deps.env, envNames.clientId) !== null,
      redirectUri: app?.redirectUri ?? null,
    };
  }

  const port: AppPort = {
    describe,
    async save(input) {
      await save(input);
      return describe();
    },
  };

  return {
    current,
    save,
    describe,
    /** The platform module's `app`: saving answers with what the settings then show. */
    port,

    /** The secret of the app `clientId` (refresh and revoke need it); null if unknown. */
    async secretFor(clientId: string): Promise<string | null> {
      const app = await current();
      if (app?.clientId === clientId) return app.clientSecret;
      const kept = await saved();
      return kept?.clientId === clientId ? kept.clientSecret : null;
    },
  };
}

export type NetworkApps = ReturnType<typeof createNetworkApps>;
