// The calendar feed a person can subscribe to: <data>/calendar/starling.ics, rewritten
// while a publishing host runs (hourly, and a minute after posts change), holding the
// posts still to come and those of the last 30 days. Calendar apps that subscribe to a
// file (Apple Calendar, Thunderbird, Evolution) then follow the schedule without a server.
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { replaceFile } from '../adapters/replace-file.ts';
import type { Schema } from '../db/schema.ts';
import { exportPosts } from './exports.ts';

const pastDays = 30;

export const calendarFeedFile = (dataDir: string): string =>
  path.join(dataDir, 'calendar', 'starling.ics');

/** Rewrites the feed (written aside and renamed, so a reader never sees half a file). */
export async function writeCalendarFeed(
  db: Kysely<Schema>,
  dataDir: string,
  now: number,
): Promise<{ file: string; posts: number }> {
  const file = calendarFeedFile(dataDir);
  const ics = await exportPosts(db, { format: 'ics', from: now - pastDays * 86_400_000 }, now);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // The CLI and the app may rewrite it at once: each renames a whole file of its own.
  replaceFile(file, ics.content);
  return { file, posts: ics.posts };
}
