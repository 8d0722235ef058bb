// The token sets kept for an X account, as they are sealed into account_credentials.
// Everything here is secret (or, for the OAuth 2 client id, kept beside what is) and
// exists in plaintext only inside the call that needs it.
import { z } from 'zod';
import { lazySchema } from '../../../../shared/lazy-schema.ts';

export const xOAuth2Credentials = lazySchema(() =>
  z.strictObject({
    kind: z.literal('oauth2'),
    /** The X app the tokens were issued to: refreshes must use the same one. */
    clientId: z.string().min(1),
    accessToken: z.string().min(1),
    /** null without the offline.access scope: the account must reconnect every 2 h. */
    refreshToken: z.string().min(1).nullable(),
    /** Epoch ms by the core's clock. */
    expiresAt: z.number().int(),
    scope: z.string(),
  }),
);

export const xOAuth1Credentials = lazySchema(() =>
  z.strictObject({
    kind: z.literal('oauth1'),
    /** The user's own API key and secret: OAuth 1.0a signs every call with both pairs. */
    appKey: z.string().min(1),
    appSecret: z.string().min(1),
    accessToken: z.string().min(1),
    accessSecret: z.string().min(1),
  }),
);

export const xCredentials = lazySchema(() =>
  z.discriminatedUnion('kind', [xOAuth2Credentials, xOAuth1Credentials]),
);

export type XOAuth2Credentials = z.infer<typeof xOAuth2Credentials>;
export type XOAuth1Credentials = z.infer<typeof xOAuth1Credentials>;
export type XCredentials = z.infer<typeof xCredentials>;
