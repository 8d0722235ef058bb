// Who a token belongs to: GET /2/users/me, mapped to the fields a social account keeps.
import type { TwitterApi } from 'twitter-api-v2';
import { z } from 'zod';
import { lazySchema } from '../../../../shared/lazy-schema.ts';
import { failure } from '../../../../shared/result.ts';
import type { ConnectedProfile } from '../port.ts';
import { xCallFailure } from './x-api.ts';

/** An X user as a connected account keeps it; X has one host, so no service URL. */
export type XProfile = ConnectedProfile & { platform: 'x' };

export const xProfile = (user: {
  platformUserId: string;
  handle: string;
  displayName: string;
  avatarUrl: string | null;
}): XProfile => ({ platform: 'x', serviceUrl: null, settings: {}, ...user });

const meResponse = lazySchema(() =>
  z.object({
    data: z.object({
      id: z.string().regex(/^\d{1,25}$/),
      username: z.string().min(1).max(50),
      name: z.string().max(100).optional(),
      profile_image_url: z.url({ protocol: /^https?$/ }).optional(),
    }),
  }),
);

export async function fetchXProfile(client: TwitterApi): Promise<XProfile> {
  let body: unknown;
  try {
    body = await client.v2.me({ 'user.fields': ['profile_image_url', 'name', 'username'] });
  } catch (error) {
    throw xCallFailure(error, 'reading the account’s profile');
  }
  const parsed = meResponse.safeParse(body);
  if (!parsed.success) {
    throw failure('PLATFORM_REJECTED', 'X answered GET /2/users/me with something unexpected.');
  }
  const user = parsed.data.data;
  return xProfile({
    platformUserId: user.id,
    handle: user.username,
    displayName: user.name ?? user.username,
    avatarUrl: user.profile_image_url ?? null,
  });
}
