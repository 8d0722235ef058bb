// The user's own Threads app (a Meta app with the Threads use case): its app id, secret and
// the https redirect registered with it, from the environment (STARLING_THREADS_APP_ID /
// STARLING_THREADS_APP_SECRET / STARLING_THREADS_REDIRECT_URI, which win) or from the app's
// settings, where the secret is sealed by the vault in platform_apps: never in the
// preferences file, a log or an answer. Threads sends the browser back to an https address
// only, so the user pastes the address it lands on ([Note: pasted address]).
import type { Kysely } from 'kysely';
import type { NetworkApp } from '../../../../shared/accounts.ts';
import { failure } from '../../../../shared/result.ts';
import type { Schema } from '../../db/schema.ts';
import type { Cipher, Clock } from '../../ports.ts';
import { wwwHost } from './route.ts';

export interface ThreadsApp {
  clientId: string;
  clientSecret: string | null;
  redirectUri: string | null;
}

export interface AppDeps {
  db: Kysely<Schema>;
  cipher: Cipher;
  clock: Clock;
  env: NodeJS.ProcessEnv;
}

const origin = `https://${wwwHost}`;

const fromEnv = (env: NodeJS.ProcessEnv, name: string): string | null => {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? null : value;
};

export function createThreadsApps(deps: AppDeps) {
  /** The one saved app: its row carries the redirect registered with it. */
  async function saved(): Promise<ThreadsApp | null> {
    const row = await deps.db
      .selectFrom('platform_apps')
      .select(['client_id', 'secret_ciphertext', 'redirect_uri'])
      .where('platform', '=', 'threads')
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

  async function current(): Promise<ThreadsApp | null> {
    const envId = fromEnv(deps.env, 'STARLING_THREADS_APP_ID');
    const kept = await saved();
    const clientId = envId ?? kept?.clientId ?? null;
    if (clientId === null) return null;
    const same = kept?.clientId === clientId;
    return {
      clientId,
      clientSecret:
        fromEnv(deps.env, 'STARLING_THREADS_APP_SECRET') ?? (same ? kept.clientSecret : null),
      redirectUri:
        fromEnv(deps.env, 'STARLING_THREADS_REDIRECT_URI') ?? (same ? kept.redirectUri : null),
    };
  }

  return {
    current,

    /** The app to sign in with, or why there is none yet (in words for the user). */
    async ready(): Promise<ThreadsApp & { clientSecret: string; redirectUri: string }> {
      const app = await current();
      const missing =
        app === null
          ? 'no Threads app is set'
          : app.clientSecret === null
            ? 'the Threads app secret is not set'
            : app.redirectUri === null
              ? 'the redirect address registered with the Threads app is not set'
              : null;
      if (missing !== null || app?.clientSecret == null || app.redirectUri === null) {
        throw failure(
          'VALIDATION',
          `Connecting Threads needs your own Threads app, and ${missing ?? 'it is incomplete'}: ` +
            'save its app id, app secret and redirect address in Clients → Connect Threads, or set ' +
            'STARLING_THREADS_APP_ID, STARLING_THREADS_APP_SECRET and STARLING_THREADS_REDIRECT_URI.',
        );
      }
      return { ...app, clientSecret: app.clientSecret, redirectUri: app.redirectUri };
    },

    /** The secret of the app `clientId` (exchange and refresh need it); null if unknown. */
    async secretFor(clientId: string): Promise<string | null> {
      const app = await current();
      if (app?.clientId === clientId) return app.clientSecret;
      const kept = await saved();
      return kept?.clientId === clientId ? kept.clientSecret : null;
    },

    /** Keeps the app; undefined secret or redirect keeps the saved one of the same app. */
    async save(input: {
      clientId: string;
      clientSecret?: string | null | undefined;
      redirectUri?: string | undefined;
    }) {
      const kept = await saved();
      const same = kept?.clientId === input.clientId;
      const secret =
        input.clientSecret === undefined ? (same ? kept.clientSecret : null) : input.clientSecret;
      const redirect = input.redirectUri ?? (same ? kept.redirectUri : null) ?? '';
      await deps.db.transaction().execute(async (trx) => {
        await trx.deleteFrom('platform_apps').where('platform', '=', 'threads').execute();
        await trx
          .insertInto('platform_apps')
          .values({
            platform: 'threads',
            origin,
            redirect_uri: redirect,
            client_id: input.clientId,
            secret_ciphertext: deps.cipher.encrypt(secret ?? ''),
            scopes: '',
            created_at: deps.clock.now(),
          })
          .execute();
      });
    },

    async describe(): Promise<NetworkApp> {
      const app = await current();
      return {
        platform: 'threads',
        clientId: app?.clientId ?? null,
        hasSecret: app?.clientSecret != null,
        fromEnvironment: fromEnv(deps.env, 'STARLING_THREADS_APP_ID') !== null,
        redirectUri: app?.redirectUri ?? null,
      };
    },
  };
}

export type ThreadsApps = ReturnType<typeof createThreadsApps>;
