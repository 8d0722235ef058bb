// The shapes this folder owns in shared tables, for Facebook and Instagram alike.
// [Note: Meta tokens] Facebook Login gives a user token, exchanged at once for a
// long-lived one (about 60 days, not renewable without the user: Starling warns before it
// runs out and the user connects again). A Page token read with a long-lived user token
// does not expire, but dies with the user's grant (password change, app removed, Page
// role lost): Meta then answers code 190 and the account needs reconnecting. A Facebook
// Page account holds its Page token; an Instagram account holds the token of the Page it
// is linked to, in the same shape, since Instagram's Graph API is called with it.
import { z } from 'zod';
import { lazySchema } from '../../../../shared/lazy-schema.ts';

/** The Facebook user's own grant, kept by the Facebook account that lists their Pages. */
export const metaUserCredentials = lazySchema(() =>
  z.strictObject({
    kind: z.literal('oauth2'),
    /** The user's Meta app the token was issued to: revocation needs its secret. */
    appId: z.string().min(1),
    accessToken: z.string().min(1),
    /** Epoch ms by the core's clock: the long-lived token's end. */
    expiresAt: z.number().int(),
    /** The same: nothing renews a user token without the user. */
    reconnectBy: z.number().int(),
    /** The permissions granted, space-separated. */
    scope: z.string(),
    userId: z.string().min(1),
  }),
);
export type MetaUserCredentials = z.infer<typeof metaUserCredentials>;

/**
 * A Page's token, kept by the Page's Facebook account (platformUserId: the Page id) and
 * by each Instagram account linked to that Page (platformUserId: the Instagram user id).
 */
export const metaPageCredentials = lazySchema(() =>
  z.strictObject({
    kind: z.literal('oauth2'),
    appId: z.string().min(1),
    /** The Page the token acts for. */
    pageId: z.string().min(1),
    accessToken: z.string().min(1),
    /** Page tokens read with a long-lived user token do not expire. */
    expiresAt: z.null(),
    reconnectBy: z.null(),
    scope: z.string(),
    /** The Facebook user whose grant the token comes from. */
    userId: z.string().min(1),
  }),
);
export type MetaPageCredentials = z.infer<typeof metaPageCredentials>;

/** An account's settings: who granted it, and the Page it goes through. */
export const metaSettings = lazySchema(() =>
  z.discriminatedUnion('kind', [
    /** The signed-in Facebook user: lists Pages, never posts. */
    z.object({ kind: z.literal('user'), userId: z.string().min(1) }),
    /** A Facebook Page (platformUserId is the Page id). */
    z.object({ kind: z.literal('page'), userId: z.string().min(1), pageId: z.string().min(1) }),
    /** An Instagram professional account linked to a Page (platformUserId: its IG user id). */
    z.object({
      kind: z.literal('instagram'),
      userId: z.string().min(1),
      pageId: z.string().min(1),
      username: z.string(),
    }),
  ]),
);
export type MetaSettings = z.infer<typeof metaSettings>;

export const scopesOf = (c: { scope: string }): Set<string> =>
  new Set(c.scope.split(/[\s,]+/).filter((s) => s !== ''));
