// Revocation of a removed account's OAuth 2 tokens at X (RFC 7009: revoking a token that
// is no longer valid succeeds). The account is already gone locally; a failure is logged
// without the token, and one X may not have seen is retried by the revocations service.
// OAuth 1.0a tokens stay valid until the user revokes the app in their X settings.
import type { Logger } from '../../ports.ts';
import { revokeAgain, type RevokeOutcome } from '../port.ts';
import { classifyXError } from './outcomes.ts';
import { xErrorSummary } from './x-api.ts';
import type { XClients } from './x-clients.ts';
import { xCredentials } from './x-credentials.ts';

export async function revokeXTokens(
  xClients: XClients,
  sealed: unknown,
  logger: Logger,
  now: () => number,
): Promise<RevokeOutcome> {
  const parsed = xCredentials.safeParse(sealed);
  if (!parsed.success) return 'done';
  const credentials = parsed.data;
  if (credentials.kind !== 'oauth2') return 'done';
  const client = await xClients.app({ clientId: credentials.clientId });
  const revoke = async (token: string, hint: 'access_token' | 'refresh_token') => {
    try {
      await client.revokeOAuth2Token(token, hint);
      return 'done';
    } catch (error) {
      logger.warn('could not revoke a token at X', { hint, error: xErrorSummary(error) });
      return revokeAgain(classifyXError(error, now()));
    }
  };
  const outcomes = await Promise.all([
    revoke(credentials.accessToken, 'access_token'),
    ...(credentials.refreshToken === null
      ? []
      : [revoke(credentials.refreshToken, 'refresh_token')]),
  ]);
  return outcomes.includes('retry') ? 'retry' : 'done';
}
