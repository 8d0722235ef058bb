// The shapes this folder owns in shared tables: an account's settings (its instance's
// limits, read at connect, and its default visibility), a post's Mastodon options, and
// the sealed token set. Each is validated here, where it is read.
import { z } from 'zod';
import { lazySchema } from '../../../../shared/lazy-schema.ts';
import type { InstanceInfo } from './instance.ts';

export const visibilities = ['public', 'unlisted', 'private'] as const;
export type Visibility = (typeof visibilities)[number];

const mb = 1024 * 1024;
const count = (fallback: number) => z.number().int().positive().catch(fallback);

/** Read leniently: a field that is missing or damaged falls back to Mastodon's default. */
export const mastodonSettings = lazySchema(() =>
  z.object({
    maxCharacters: count(500),
    urlLength: z.number().int().nonnegative().catch(23),
    maxMedia: count(4),
    descriptionLimit: count(1500),
    imageSizeLimit: count(16 * mb),
    videoSizeLimit: count(99 * mb),
    supportedMimeTypes: z.array(z.string()).nullable().catch(null),
    /** The account's own default on its instance (its "posting privacy" preference). */
    defaultVisibility: z.enum(visibilities).catch('public'),
    version: z.string().nullable().catch(null),
  }),
);
export type MastodonSettings = z.infer<typeof mastodonSettings>;

export const readSettings = (settings: Record<string, unknown>): MastodonSettings =>
  mastodonSettings.parse(settings);

/** What connect keeps on the account: the instance's limits and the user's default. */
export function settingsFrom(instance: InstanceInfo, privacy: string | null | undefined) {
  const visibility = visibilities.find((v) => v === privacy) ?? 'public';
  return {
    maxCharacters: instance.maxCharacters,
    urlLength: instance.urlLength,
    maxMedia: instance.maxMedia,
    descriptionLimit: instance.descriptionLimit,
    imageSizeLimit: instance.imageSizeLimit,
    videoSizeLimit: instance.videoSizeLimit,
    supportedMimeTypes: instance.supportedMimeTypes,
    defaultVisibility: visibility,
    version: instance.version,
  } satisfies MastodonSettings;
}

/** A post target's options for Mastodon, as stored in post_targets.options. */
export const mastodonOptions = lazySchema(() =>
  z.object({
    visibility: z.enum(visibilities, {
      error: 'Visibility must be public, unlisted or private (followers only).',
    }),
    contentWarning: z.string({ error: 'The content warning must be text.' }),
  }),
);

export interface PostOptions {
  visibility: Visibility;
  /** '' for none. */
  contentWarning: string;
}

/** The options to send with, or the reason they are unusable (for `check`). */
export function readOptions(
  options: Record<string, unknown>,
  settings: MastodonSettings,
): PostOptions | { problem: string } {
  const parsed = mastodonOptions.partial().safeParse(options);
  if (!parsed.success) {
    return { problem: parsed.error.issues[0]?.message ?? 'The Mastodon options are invalid.' };
  }
  return {
    visibility: parsed.data.visibility ?? settings.defaultVisibility,
    contentWarning: parsed.data.contentWarning?.trim() ?? '',
  };
}

/** The token set in the vault: Mastodon tokens do not expire and are never refreshed. */
export const mastodonCredentials = lazySchema(() =>
  z.object({
    kind: z.literal('oauth2'),
    accessToken: z.string().min(1),
    scope: z.string(),
    expiresAt: z.null(),
    /** The instance's origin, where the token is valid. */
    instance: z.string().min(1),
    /** The app (platform_apps) the token was issued to; revocation needs its secret. */
    clientId: z.string().min(1),
  }),
);
export type MastodonCredentials = z.infer<typeof mastodonCredentials>;
