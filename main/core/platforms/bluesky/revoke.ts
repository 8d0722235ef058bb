// Best-effort sign-out of a removed account's session (deleteSession with its refresh
// JWT). The account is already gone locally; a failure is logged without the token and
// never reported. The app password itself stays valid until the user revokes it.
import type { Logger } from '../../ports.ts';
import { publicAgent } from './client.ts';
import { blueskySession } from './credentials.ts';
import { errorSummary } from './errors.ts';

export async function revokeBlueskySession(
  sealed: unknown,
  logger: Logger,
  timeoutMs: number,
): Promise<void> {
  const parsed = blueskySession.safeParse(sealed);
  if (!parsed.success) return;
  const { serviceUrl, refreshJwt, did } = parsed.data;
  try {
    await publicAgent(serviceUrl, timeoutMs).com.atproto.server.deleteSession(undefined, {
      headers: { authorization: `Bearer ${refreshJwt}` },
    });
    logger.info('Bluesky session signed out', { did });
  } catch (error) {
    logger.warn('could not sign the Bluesky session out', { did, error: errorSummary(error) });
  }
}
