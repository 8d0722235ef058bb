// Starling's app on each instance: registered once (POST /api/v1/apps) for a redirect URI
// and scope set, kept in platform_apps with its secret sealed by the vault, and reused by
// every later connect to that instance. masto's apps.create fits this call as it is.
import type { Kysely } from 'kysely';
import { createRestAPIClient } from 'masto';
import { failure } from '../../../../shared/result.ts';
import type { Schema } from '../../db/schema.ts';
import type { Cipher, Clock, Logger } from '../../ports.ts';
import { request } from './http.ts';
import { discoveryTimeoutMs } from './instance.ts';

export interface MastodonApp {
  clientId: string;
  clientSecret: string;
  /** The scopes the app was registered with (the most a sign-in can ask for). */
  scopes: string;
}

export interface AppDeps {
  db: Kysely<Schema>;
  cipher: Cipher;
  clock: Clock;
  logger: Logger;
}

/**
 * What Starling asks for: post and upload, read its own statuses back (lookups, metrics),
 * and who signed in: `profile` where the instance has it (4.3+), else read:accounts.
 */
export const scopesFor = (profileScope: boolean): string =>
  `${profileScope ? 'profile' : 'read:accounts'} write:statuses write:media read:statuses`;

async function stored(deps: AppDeps, origin: string, redirectUri: string) {
  return deps.db
    .selectFrom('platform_apps')
    .selectAll()
    .where('platform', '=', 'mastodon')
    .where('origin', '=', origin)
    .where('redirect_uri', '=', redirectUri)
    .executeTakeFirst();
}

/**
 * Whether the instance still knows a stored app: a client-credentials grant answers 401
 * invalid_client when an admin deleted it. Anything else (down, slow) counts as known,
 * so a flaky instance never makes Starling register again and again.
 */
async function stillKnown(origin: string, app: MastodonApp, logger: Logger): Promise<boolean> {
  try {
    const answer = await request(`${origin}/oauth/token`, {
      method: 'POST',
      timeoutMs: discoveryTimeoutMs,
      form: {
        grant_type: 'client_credentials',
        client_id: app.clientId,
        client_secret: app.clientSecret,
        scope: 'read:statuses',
      },
    });
    const token = (answer.body as { access_token?: unknown } | undefined)?.access_token;
    if (answer.status === 200 && typeof token === 'string') {
      // The app token was only a probe: give it back.
      await request(`${origin}/oauth/revoke`, {
        method: 'POST',
        timeoutMs: discoveryTimeoutMs,
        form: { client_id: app.clientId, client_secret: app.clientSecret, token },
      }).catch(() => undefined);
    }
    return answer.status !== 401;
  } catch (error) {
    logger.warn('could not check the Mastodon app; using it', { origin, error: String(error) });
    return true;
  }
}

/** The app for this instance and redirect: the stored one, or a new registration, kept. */
export async function ensureApp(
  deps: AppDeps,
  origin: string,
  redirectUri: string,
  scopes: string,
): Promise<MastodonApp> {
  const row = await stored(deps, origin, redirectUri);
  if (row !== undefined && row.scopes === scopes) {
    const app = {
      clientId: row.client_id,
      clientSecret: deps.cipher.decrypt(row.secret_ciphertext),
      scopes,
    };
    if (await stillKnown(origin, app, deps.logger)) return app;
    deps.logger.warn('the instance forgot Starling’s app; registering again', { origin });
  }
  const masto = createRestAPIClient({ url: origin, timeout: discoveryTimeoutMs });
  const registered = await masto.v1.apps.create({
    clientName: 'Starling',
    redirectUris: redirectUri,
    scopes,
  });
  if (registered.clientId == null || registered.clientSecret == null) {
    throw failure(
      'PLATFORM_REJECTED',
      `${new URL(origin).host} registered Starling without client credentials; try again later.`,
    );
  }
  const values = {
    client_id: registered.clientId,
    secret_ciphertext: deps.cipher.encrypt(registered.clientSecret),
    scopes,
    created_at: deps.clock.now(),
  };
  await deps.db
    .insertInto('platform_apps')
    .values({ platform: 'mastodon', origin, redirect_uri: redirectUri, ...values })
    .onConflict((oc) => oc.columns(['platform', 'origin', 'redirect_uri']).doUpdateSet(values))
    .execute();
  deps.logger.info('registered Starling on a Mastodon instance', { origin });
  return { clientId: registered.clientId, clientSecret: registered.clientSecret, scopes };
}

/** The secret of the app a token was issued to (revocation needs it); null if forgotten. */
export async function appSecret(
  deps: Pick<AppDeps, 'db' | 'cipher'>,
  origin: string,
  clientId: string,
): Promise<string | null> {
  const row = await deps.db
    .selectFrom('platform_apps')
    .select('secret_ciphertext')
    .where('platform', '=', 'mastodon')
    .where('origin', '=', origin)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return row === undefined ? null : deps.cipher.decrypt(row.secret_ciphertext);
}
