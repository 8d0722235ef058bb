// A Mastodon account's limits on a thread, checked before anything is sent: its instance's
// character limit (content warning included, URLs as 23), up to its media count (images,
// or one video/GIF), its file sizes and types, and its alt-text limit.
import fs from 'node:fs';
import type { PlannedMedia, PlannedPart, PlatformAccount, PostingLimit } from '../port.ts';
import { readOptions, readSettings, type MastodonSettings } from './settings.ts';
import { countMastodonText } from './text-count.ts';

/**
 * Mastodon's default throttle on an account's API calls: 300 per 5 minutes. Each part is
 * one call; lookups and uploads share the budget, so posts keep to 250 of it.
 */
export const mastodonPostingLimits: readonly PostingLimit[] = [
  { parts: 250, windowMs: 5 * 60_000, words: '250 posts per 5 minutes' },
];

const mb = 1024 * 1024;
const inMb = (bytes: number) => `${(bytes / mb).toFixed(bytes < 10 * mb ? 1 : 0)} MB`;

/** The instance's name for people: the host of the account's handle. */
const instanceName = (account: PlatformAccount): string =>
  account.handle.split('@')[1] ?? 'The instance';

/**
 * The first reason the account's instance would refuse this thread, in words for the
 * user, or null when every part fits.
 */
export function checkMastodonThread(
  parts: PlannedPart[],
  account: PlatformAccount,
  rawOptions: Record<string, unknown>,
): string | null {
  const settings = readSettings(account.settings);
  const options = readOptions(rawOptions, settings);
  if ('problem' in options) return options.problem;
  if (parts.length === 0) return 'The post has no text or media to publish.';
  const instance = instanceName(account);
  for (const [index, part] of parts.entries()) {
    const name = parts.length > 1 ? `Part ${String(index + 1)}` : 'The post';
    if (part.text.trim() === '' && part.media.length === 0) {
      return `${name} is empty: add text or media.`;
    }
    const length = countMastodonText(part.text, options.contentWarning, settings.urlLength);
    if (length > settings.maxCharacters) {
      const warning = options.contentWarning === '' ? '' : ', content warning included';
      return (
        `${name} is ${String(length)} characters long${warning}; ${instance} allows ` +
        `${String(settings.maxCharacters)} (each link counts as ${String(settings.urlLength)}).`
      );
    }
    const problem = mediaProblem(part.media, settings, instance);
    if (problem !== null) return `${name}: ${problem}`;
  }
  return null;
}

function mediaProblem(
  media: PlannedMedia[],
  settings: MastodonSettings,
  instance: string,
): string | null {
  // Mastodon attaches pictures, video and audio: a PDF is never an attachment.
  if (media.some((m) => m.kind === 'document')) {
    return `${instance} does not take PDF documents: remove the PDF, or leave this account out.`;
  }
  if (media.length > settings.maxMedia) {
    return `${instance} allows at most ${String(settings.maxMedia)} attachments in one post.`;
  }
  // Mastodon turns a GIF into a looping video: like a video, it goes alone.
  const moving = media.filter((m) => m.kind !== 'image').length;
  if (moving > 1 || (moving === 1 && media.length > 1)) {
    return `${instance} takes either up to ${String(settings.maxMedia)} images or one video or GIF in a post.`;
  }
  for (const m of media) {
    const types = settings.supportedMimeTypes;
    if (types !== null && !types.includes(m.mime)) {
      return `${instance} does not accept ${m.mime} files.`;
    }
    // Mastodon checks a GIF against the image limit: it is converted only after upload.
    const limit = m.kind === 'video' ? settings.videoSizeLimit : settings.imageSizeLimit;
    if (m.bytes > limit) {
      return `a ${m.kind} of ${inMb(m.bytes)} is over ${instance}'s limit of ${inMb(limit)}.`;
    }
    // Rails counts code points, as Ruby's String#length does.
    const alt = Array.from(m.altText).length;
    if (alt > settings.descriptionLimit) {
      return `alt text is ${String(alt)} characters long; ${instance} allows ${String(settings.descriptionLimit)}.`;
    }
    if (!fs.existsSync(m.file)) return 'a media file is missing from the media library.';
  }
  return null;
}
