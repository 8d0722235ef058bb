// The shapes this folder owns in shared tables: the token set sealed in the vault, and an
// account's settings (a member, or a company page reached through a member's token).
// [Note: LinkedIn pages share a grant] A page account holds a copy of the token set of
// the member who added it: LinkedIn grants tokens to people, and a page is acted for with
// its administrator's token. Each copy refreshes on its own (LinkedIn refresh tokens are
// not spent by use), and revocation waits until no account holds the token (revoke.ts).
import { z } from 'zod';
import { lazySchema } from '../../../../shared/lazy-schema.ts';

export const linkedinCredentials = lazySchema(() =>
  z.strictObject({
    kind: z.literal('oauth2'),
    /** The user's LinkedIn app the tokens were issued to: refresh and revoke need its secret. */
    clientId: z.string().min(1),
    accessToken: z.string().min(1),
    /** Only apps LinkedIn grants programmatic refresh tokens get one. */
    refreshToken: z.string().min(1).nullable(),
    /** Epoch ms by the core's clock: 60 days after the sign-in or the last refresh. */
    expiresAt: z.number().int(),
    /** When the refresh token runs out (a year after the first sign-in), or null. */
    refreshExpiresAt: z.number().int().nullable(),
    /** LinkedIn's comma-separated grant. */
    scope: z.string(),
    /** When the user must sign in again: the refresh token's end, else the access token's. */
    reconnectBy: z.number().int(),
    /** urn:li:person:… of the member the token belongs to. */
    memberUrn: z.string().min(1),
  }),
);
export type LinkedInCredentials = z.infer<typeof linkedinCredentials>;

export const scopesOf = (c: Pick<LinkedInCredentials, 'scope'>): Set<string> =>
  new Set(c.scope.split(/[\s,]+/).filter((s) => s !== ''));

export const linkedinSettings = lazySchema(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('member'), memberUrn: z.string().min(1) }),
    z.object({
      kind: z.literal('page'),
      /** The member whose token acts for the page. */
      memberUrn: z.string().min(1),
      organizationId: z.string().regex(/^\d+$/),
      vanityName: z.string(),
    }),
  ]),
);
export type LinkedInSettings = z.infer<typeof linkedinSettings>;

/** An account's settings; accounts stored by an older build read as members. */
export function settingsOf(account: {
  platformUserId: string;
  settings: Record<string, unknown>;
}): LinkedInSettings {
  const parsed = linkedinSettings.safeParse(account.settings);
  return parsed.success ? parsed.data : { kind: 'member', memberUrn: account.platformUserId };
}

/** The URN posts, uploads and comments are made as: the member's or the page's. */
export const authorUrn = (settings: LinkedInSettings): string =>
  settings.kind === 'page' ? `urn:li:organization:${settings.organizationId}` : settings.memberUrn;
