// What a review packet shows, read from the database: each post with its time in the
// client's zone and, per account it goes to, its thread as that network will get it
// (the account's own text where it has one, the media scaled down).
import type { Kysely } from 'kysely';
import type { Platform } from '../../../shared/accounts.ts';
import { networkRules, readerText } from '../../../shared/networks/index.ts';
import { parseWhen } from '../../../shared/schedule-time.ts';
import type { Schema } from '../db/schema.ts';
import { postSeqOf } from '../db/post-numbers.ts';
import { loadParts } from '../publishing/plan.ts';
import { createPacketMedia, type PacketMedia } from './packet-media.ts';

export interface PacketPreview {
  platform: Platform;
  /** The network's name, e.g. Bluesky. */
  network: string;
  handle: string;
  displayName: string;
  /** Mastodon's content warning, shown before the text as the network does. */
  contentWarning: string | null;
  parts: { text: string; media: PacketMedia[] }[];
}

export interface PacketPost {
  id: string;
  versionHash: string;
  /** "Monday 30 March 2026, 09:00 (Europe/Berlin)", or that it has no time yet. */
  when: string;
  previews: PacketPreview[];
}

export interface PacketModel {
  id: string;
  token: string;
  clientName: string;
  timezone: string;
  /** When the packet was made, in words in the client's zone. */
  made: string;
  posts: PacketPost[];
}

/** "Saturday 5 December 2026, 09:00 (America/New_York)": the moment in `zone`. */
export function inZone(instant: number, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}, ${part('hour')}:${part('minute')} (${zone})`;
}

/** A post's time in words: its instant, or a draft's wall time read in its zone. */
function whenOf(post: {
  scheduled_at: number | null;
  local_time: string | null;
  timezone: string;
}): string {
  if (post.scheduled_at !== null) return inZone(post.scheduled_at, post.timezone);
  if (post.local_time === null) return 'No time chosen yet';
  try {
    return inZone(
      parseWhen(post.local_time.replace('T', ' '), post.timezone).instant,
      post.timezone,
    );
  } catch {
    return `${post.local_time.replace('T', ' ')} (${post.timezone})`;
  }
}

function contentWarning(options: string): string | null {
  try {
    const value = (JSON.parse(options) as { contentWarning?: unknown }).contentWarning;
    return typeof value === 'string' && value !== '' ? value : null;
  } catch {
    return null;
  }
}

export async function loadPacketPosts(
  db: Kysely<Schema>,
  dataDir: string,
  posts: { id: string; versionHash: string }[],
): Promise<PacketPost[]> {
  const embed = createPacketMedia();
  const out: PacketPost[] = [];
  for (const { id, versionHash } of posts) {
    const post = await db
      .selectFrom('posts')
      .select(['scheduled_at', 'local_time', 'timezone'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const targets = await db
      .selectFrom('post_targets as t')
      .innerJoin('social_accounts as a', 'a.seq', 't.account_seq')
      .select(['a.id', 'a.platform', 'a.handle', 'a.display_name', 't.options'])
      .where('t.post_seq', '=', postSeqOf(id))
      .orderBy('a.platform')
      .orderBy('a.handle')
      .execute();
    const previews: PacketPreview[] = [];
    for (const target of targets) {
      const parts = await loadParts(db, dataDir, id, target);
      previews.push({
        platform: target.platform,
        network: networkRules[target.platform].label,
        handle: target.handle,
        displayName: target.display_name,
        contentWarning: contentWarning(target.options),
        parts: await Promise.all(
          parts.map(async (part) => ({
            // What readers will see: a linked mention shows as its name.
            text: readerText(part.text),
            media: await Promise.all(part.media.map(embed)),
          })),
        ),
      });
    }
    out.push({ id, versionHash, when: whenOf(post), previews });
  }
  return out;
}
