// Sign-out of a removed account's session (deleteSession with its refresh JWT). The
// account is already gone locally; a failure is logged without the token, and one the
// PDS may not have seen is retried by the revocations service. The app password itself
// stays valid until the user revokes it.
import type { Logger } from '../../ports.ts';
import { revokeAgain, type RevokeOutcome } from '../port.ts';
import { classifyBlueskyError } from './outcomes.ts';
import { publicAgent } from './client.ts';
import { blueskySession } from './credentials.ts';
import { errorSummary } from './errors.ts';

export async function revokeBlueskySession(
  sealed: unknown,
  logger: Logger,
  timeoutMs: number,
  now: () => number,
): Promise<RevokeOutcome> {
  const parsed = blueskySession.safeParse(sealed);
  if (!parsed.success) return 'done';
  const { serviceUrl, refreshJwt, did } = parsed.data;
  try {
    await publicAgent(serviceUrl, timeoutMs).com.atproto.server.deleteSession(undefined, {
      headers: { authorization: `Bearer ${refreshJwt}` },
    });
    logger.info('Bluesky session signed out', { did });
    return 'done';
  } catch (error) {
    logger.warn('could not sign the Bluesky session out', { did, error: errorSummary(error) });
    return revokeAgain(classifyBlueskyError(error, now()));
  }
}
