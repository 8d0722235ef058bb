// Revocation of a removed account's token at its instance (POST /oauth/revoke with the
// app's client credentials, form-encoded per RFC 7009). The account is already gone
// locally; a failure is logged (never with the token), and one the instance may not have
// seen is retried by the revocations service.
import type { Kysely } from 'kysely';
import type { Schema } from '../../db/schema.ts';
import type { Cipher, Clock, Logger } from '../../ports.ts';
import { revokeAgain, type RevokeOutcome } from '../port.ts';
import { appSecret } from './apps.ts';
import { expectOk, request } from './http.ts';
import { discoveryTimeoutMs } from './instance.ts';
import { classifyMastodonError } from './outcomes.ts';
import { mastodonCredentials } from './settings.ts';

export async function revokeMastodonToken(
  deps: { db: Kysely<Schema>; cipher: Cipher; logger: Logger; clock: Clock },
  sealed: unknown,
): Promise<RevokeOutcome> {
  const parsed = mastodonCredentials.safeParse(sealed);
  if (!parsed.success) return 'done';
  const { instance, clientId, accessToken } = parsed.data;
  try {
    const secret = await appSecret(deps, instance, clientId);
    if (secret === null) {
      deps.logger.warn('could not revoke a Mastodon token: the app is no longer known', {
        instance,
      });
      return 'done';
    }
    expectOk(
      await request(`${instance}/oauth/revoke`, {
        method: 'POST',
        timeoutMs: discoveryTimeoutMs,
        form: { client_id: clientId, client_secret: secret, token: accessToken },
      }),
    );
    deps.logger.info('revoked a Mastodon token', { instance });
    return 'done';
  } catch (error) {
    deps.logger.warn('could not revoke a Mastodon token', {
      instance,
      error: error instanceof Error ? error.message : String(error),
    });
    return revokeAgain(classifyMastodonError(error, deps.clock.now()));
  }
}
