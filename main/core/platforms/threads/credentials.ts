// The token set this folder keeps in the vault. [Note: Threads tokens] A sign-in's code
// gives a short-lived token (an hour), exchanged at once for a long-lived one (60 days,
// th_exchange_token); a long-lived token at least a day old and not yet expired can be
// refreshed for another 60 days (th_refresh_token). Nothing else renews it, so the account
// must be connected again by `reconnectBy` unless Starling used it meanwhile.
import { z } from 'zod';
import { lazySchema } from '../../../../shared/lazy-schema.ts';

export const threadsCredentials = lazySchema(() =>
  z.strictObject({
    kind: z.literal('oauth2'),
    /** The user's Threads app the token was issued to: the exchange needs its secret. */
    clientId: z.string().min(1),
    accessToken: z.string().min(1),
    /** When the token was issued or last refreshed (Threads refreshes one a day old only). */
    issuedAt: z.number().int(),
    /** Epoch ms by the core's clock: 60 days after the exchange or the last refresh. */
    expiresAt: z.number().int(),
    /** The same: with no refresh before then, the user must connect again. */
    reconnectBy: z.number().int(),
    scope: z.string(),
    /** The Threads user id the token belongs to. */
    userId: z.string().min(1),
  }),
);
export type ThreadsCredentials = z.infer<typeof threadsCredentials>;
