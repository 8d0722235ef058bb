// Which Mastodon instance an address names: the address checked (https://, or http:// on
// this computer only), the instance's own limits from /api/v2/instance, and whether its
// OAuth server takes PKCE (4.3+ advertises it in RFC 8414 metadata).
import { MastoHttpError, MastoTimeoutError } from 'masto';
import { z } from 'zod';
import { lazySchema } from '../../../../shared/lazy-schema.ts';
import { failure } from '../../../../shared/result.ts';
import type { Logger } from '../../ports.ts';
import { checkServerAddress } from '../server-address.ts';
import { request } from './http.ts';

/** Discovery at connect time waits less than a publish: a person is looking at it. */
export const discoveryTimeoutMs = 15_000;

/** The instance's origin, normalized; see [Note: server addresses]. */
export const checkInstanceUrl = (url: string): string =>
  checkServerAddress(url, 'instance', 'https://mastodon.social');

const positive = lazySchema(() => z.number().int().positive());

const instanceAnswer = lazySchema(() =>
  z.object({
    version: z.string(),
    configuration: z.object({
      statuses: z.object({
        max_characters: positive,
        max_media_attachments: positive.optional(),
        characters_reserved_per_url: z.number().int().nonnegative().optional(),
      }),
      media_attachments: z
        .object({
          supported_mime_types: z.array(z.string()).optional(),
          description_limit: positive.optional(),
          image_size_limit: positive.optional(),
          video_size_limit: positive.optional(),
        })
        .optional(),
    }),
  }),
);

/** What Starling keeps of an instance (the account's settings carry it). */
export interface InstanceInfo {
  /** Where the instance answered, after redirects (e.g. example.com → social.example.com). */
  origin: string;
  version: string;
  maxCharacters: number;
  urlLength: number;
  maxMedia: number;
  descriptionLimit: number;
  imageSizeLimit: number;
  videoSizeLimit: number;
  supportedMimeTypes: string[] | null;
}

const notMastodon = (origin: string, why: string) =>
  failure(
    'VALIDATION',
    `That address is not a Mastodon server (${why}). Check the instance's address, e.g. ` +
      `https://mastodon.social; Mastodon 4.0 or newer is needed. (${origin})`,
  );

function unreachable(origin: string, error: unknown) {
  const why =
    error instanceof MastoTimeoutError
      ? 'it did not answer in time'
      : error instanceof MastoHttpError
        ? `it answered with a server error (${String(error.statusCode)})`
        : 'it could not be reached';
  return failure('OFFLINE', `Starling could not read ${origin}: ${why}. Try again later.`, {
    retryable: true,
  });
}

/** GET /api/v2/instance: the limits Starling checks posts against. */
export async function readInstance(origin: string, timeoutMs = discoveryTimeoutMs) {
  let answer;
  try {
    answer = await request(`${origin}/api/v2/instance`, { timeoutMs });
  } catch (error) {
    throw unreachable(origin, error);
  }
  if (answer.status >= 500) {
    throw unreachable(origin, new MastoHttpError({ statusCode: answer.status, message: '' }));
  }
  if (answer.status !== 200) {
    throw notMastodon(origin, `/api/v2/instance answered ${String(answer.status)}`);
  }
  if (answer.body === undefined) throw notMastodon(origin, 'it answered with a web page');
  const parsed = instanceAnswer.safeParse(answer.body);
  if (!parsed.success) throw notMastodon(origin, 'its answer is not an instance description');
  const { version, configuration } = parsed.data;
  const media = configuration.media_attachments;
  const info: InstanceInfo = {
    // Followed a redirect: keep the instance where it really is, if it may be called.
    origin: checkInstanceUrl(new URL(answer.url || origin).origin),
    version,
    maxCharacters: configuration.statuses.max_characters,
    urlLength: configuration.statuses.characters_reserved_per_url ?? 23,
    maxMedia: configuration.statuses.max_media_attachments ?? 4,
    descriptionLimit: media?.description_limit ?? 1500,
    imageSizeLimit: media?.image_size_limit ?? 16 * 1024 * 1024,
    videoSizeLimit: media?.video_size_limit ?? 99 * 1024 * 1024,
    supportedMimeTypes: media?.supported_mime_types ?? null,
  };
  return info;
}

const oauthMetadata = lazySchema(() =>
  z.object({
    code_challenge_methods_supported: z.array(z.string()).optional(),
    scopes_supported: z.array(z.string()).optional(),
  }),
);

export interface OAuthSupport {
  pkce: boolean;
  /** The `profile` scope (4.3+); older instances need read:accounts to read the account. */
  profileScope: boolean;
}

/**
 * What the instance's OAuth server supports, from RFC 8414 metadata (Mastodon 4.3+). No
 * metadata (an older instance, or it could not be read) means the plain code flow, which
 * every Mastodon accepts.
 */
export async function readOAuthSupport(origin: string, logger: Logger): Promise<OAuthSupport> {
  try {
    const answer = await request(`${origin}/.well-known/oauth-authorization-server`, {
      timeoutMs: discoveryTimeoutMs,
    });
    const parsed = oauthMetadata.safeParse(answer.body);
    if (answer.status === 200 && parsed.success) {
      return {
        pkce: parsed.data.code_challenge_methods_supported?.includes('S256') ?? false,
        profileScope: parsed.data.scopes_supported?.includes('profile') ?? false,
      };
    }
  } catch (error) {
    logger.warn('Mastodon OAuth metadata not read', { origin, error: String(error) });
  }
  return { pkce: false, profileScope: false };
}
