// Best-effort revocation of a removed account's OAuth 2 tokens at X. The account is
// already gone locally; a failure here is logged (without the token) and not reported.
// OAuth 1.0a tokens stay valid until the user revokes the app in their X settings.
import type { Logger } from '../../ports.ts';
import { xErrorSummary } from './x-api.ts';
import type { XClients } from './x-clients.ts';
import { xCredentials } from './x-credentials.ts';

export async function revokeXTokens(
  xClients: XClients,
  sealed: unknown,
  logger: Logger,
): Promise<void> {
  const parsed = xCredentials.safeParse(sealed);
  if (!parsed.success) return;
  const credentials = parsed.data;
  if (credentials.kind !== 'oauth2') return;
  const client = xClients.app({ clientId: credentials.clientId });
  const revoke = async (token: string, hint: 'access_token' | 'refresh_token') => {
    try {
      await client.revokeOAuth2Token(token, hint);
    } catch (error) {
      logger.warn('could not revoke a token at X', { hint, error: xErrorSummary(error) });
    }
  };
  await Promise.all([
    revoke(credentials.accessToken, 'access_token'),
    ...(credentials.refreshToken === null
      ? []
      : [revoke(credentials.refreshToken, 'refresh_token')]),
  ]);
}
