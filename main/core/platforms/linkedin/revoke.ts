// Revocation of a removed account's LinkedIn tokens (POST /oauth/v2/revoke with the app's
// credentials). Page accounts share their administrator's grant ([Note: LinkedIn pages
// share a grant]): revoking its refresh token ends every token of the grant, so that
// happens only when no other account of the same member and app is left; an access token
// no other account holds is revoked either way. A failure LinkedIn may not have seen is
// tried again by the revocations service; the token never reaches a log.
import type { Kysely } from 'kysely';
import type { Schema } from '../../db/schema.ts';
import type { Clock, Logger } from '../../ports.ts';
import type { CredentialStore } from '../../vault/credential-store.ts';
import { revokeAgain, type RevokeOutcome } from '../port.ts';
import type { LinkedInApi } from './api.ts';
import type { LinkedInApps } from './app.ts';
import { linkedinCredentials, settingsOf, type LinkedInCredentials } from './credentials.ts';
import { revokeToken } from './oauth.ts';
import { classifyLinkedInError } from './outcomes.ts';

export interface RevokeDeps {
  db: Kysely<Schema>;
  credentials: CredentialStore;
  api: LinkedInApi;
  apps: LinkedInApps;
  clock: Clock;
  logger: Logger;
}

/** An account's settings column (a JSON object the schema checks); {} if unreadable. */
function storedSettings(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** The token sets of the accounts still kept for this member and app. */
async function stillHeld(
  deps: RevokeDeps,
  gone: LinkedInCredentials,
): Promise<LinkedInCredentials[]> {
  const rows = await deps.db
    .selectFrom('social_accounts')
    .select(['id', 'platform_user_id', 'settings'])
    .where('platform', '=', 'linkedin')
    .execute();
  const held: LinkedInCredentials[] = [];
  for (const row of rows) {
    const settings = settingsOf({
      platformUserId: row.platform_user_id,
      settings: storedSettings(row.settings),
    });
    if (settings.memberUrn !== gone.memberUrn) continue;
    const kept = await deps.credentials.read(row.id, linkedinCredentials).catch(() => null);
    if (kept?.clientId === gone.clientId) held.push(kept);
  }
  return held;
}

export async function revokeLinkedInTokens(
  deps: RevokeDeps,
  sealed: unknown,
): Promise<RevokeOutcome> {
  const parsed = linkedinCredentials.safeParse(sealed);
  if (!parsed.success) return 'done';
  const gone = parsed.data;
  try {
    const secret = await deps.apps.secretFor(gone.clientId);
    if (secret === null) {
      deps.logger.warn('could not revoke a LinkedIn token: the app’s client secret is not set', {
        hint: 'remove Starling under LinkedIn → Settings → Data privacy → Permitted services',
      });
      return 'done';
    }
    const app = { clientId: gone.clientId, clientSecret: secret };
    const held = await stillHeld(deps, gone);
    const tokens = [gone.accessToken];
    if (gone.refreshToken !== null && held.length === 0) tokens.push(gone.refreshToken);
    for (const token of tokens) {
      if (held.some((c) => c.accessToken === token)) continue;
      await revokeToken(deps.api, app, token);
    }
    deps.logger.info('revoked a LinkedIn token', { sharedWith: held.length });
    return 'done';
  } catch (error) {
    deps.logger.warn('could not revoke a LinkedIn token', {
      error: error instanceof Error ? error.message : String(error),
    });
    return revokeAgain(classifyLinkedInError(error, deps.clock.now()));
  }
}
