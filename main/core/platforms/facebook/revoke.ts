// Revocation of a removed Facebook account's grant: DELETE /me/permissions with the
// user's token ends the app's whole grant, Page tokens included, so it happens only for
// the signed-in user's own account and only when no Page or Instagram account of the same
// user is left (their Page tokens come from that grant). A Page account's own removal
// revokes nothing. A failure Meta may not have seen is tried again later.
import type { Kysely } from 'kysely';
import type { Schema } from '../../db/schema.ts';
import type { Logger } from '../../ports.ts';
import { revokeAgain, type RevokeOutcome } from '../port.ts';
import { metaUserCredentials } from '../meta/credentials.ts';
import type { GraphApi } from '../meta/graph.ts';
import { classifyMetaError } from '../meta/outcomes.ts';
import type { Clock } from '../../ports.ts';

export async function revokeFacebookGrant(
  deps: { db: Kysely<Schema>; graph: GraphApi; logger: Logger; clock: Clock },
  sealed: unknown,
): Promise<RevokeOutcome> {
  const user = metaUserCredentials.safeParse(sealed);
  if (!user.success) return 'done';
  const held = await deps.db
    .selectFrom('social_accounts')
    .select('id')
    .where('platform', 'in', ['facebook', 'instagram'])
    .where(
      (eb) => eb.fn('json_extract', [eb.ref('settings'), eb.val('$.userId')]),
      '=',
      user.data.userId,
    )
    .executeTakeFirst();
  if (held !== undefined) {
    deps.logger.info('Facebook grant kept: Pages of the same user are still connected');
    return 'done';
  }
  try {
    await deps.graph.remove(user.data.accessToken, '/me/permissions');
    return 'done';
  } catch (error) {
    const outcome = classifyMetaError(error, deps.clock.now());
    deps.logger.warn('Facebook grant not revoked', { outcome: outcome.kind });
    return revokeAgain(outcome);
  }
}
