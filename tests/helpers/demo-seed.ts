// Demo data for looking at the app: a data folder seeded through the real core (migrated
// SQLite, the row factories) with clients, X/Bluesky/Mastodon accounts, a month of posts
// around `now`, media, a campaign, queue slots and analytics readings. "realistic" is what
// a freelancer's month looks like; "long" is the worst a person can reasonably type:
// 40-character names, 500-character posts, 60 posts on one day, a 25-part thread, and
// charts with one reading and with 1,000. Used by the layout e2e test and `npm run shots`.
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import sharp from 'sharp';
import { uuidv7 } from 'uuidv7';
import { createNodePorts } from '../../main/core/adapters/node-ports.ts';
import { createCore, type Core } from '../../main/core/create-core.ts';
import type { Schema } from '../../main/core/db/schema.ts';
import type { Platform } from '../../shared/accounts.ts';
import type { PostStatus } from '../../shared/posts.ts';
import { makeNetworkAccount } from './network-account-rows.ts';
import { makePost } from './post-factories.ts';

type Db = Kysely<Schema>;
export type DemoContent = 'realistic' | 'long';

export interface DemoSeed {
  dataDir: string;
  clients: { id: string; name: string }[];
  /** Start (ms) of the local day holding 60 posts ("long" only), for the week view. */
  busyDay: number | null;
  /** The client whose followers chart has one reading, and the one with 1,000 ("long"). */
  oneReadingClient: string | null;
  thousandReadingsClient: string | null;
  /** The longest thread (3 parts, or 25 for "long") and its part count. */
  threadPostId: string | null;
  threadParts: number;
  /** The first client's first account, without the @. */
  firstAccountHandle: string;
}

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

const texts = [
  'Sourdough is back on Saturday — get there before 10 if you want the rye.',
  'New opening hours from Monday: 7:00 to 18:00, Sundays 8:00 to 14:00.',
  'Behind the scenes: our head baker Lena shapes 300 loaves before sunrise. 🥖',
  'We are hiring! Part-time counter staff, mornings. Details in the link: https://example.com/jobs',
  'Rainy day special: any hot drink and a cinnamon bun for €5.',
  'Thank you for 10,000 followers. A free coffee for everyone who shows this post today!',
  'Site visit at the new library in Leith: the timber frame is up. Photos in the thread.',
  'Our studio is moving to Canal Street on 1 December. Same team, bigger windows.',
  'Sunrise flow this Sunday at 7:30 on the river terrace, all levels welcome.',
  'Five minutes of breathing before your first email. Try it tomorrow and tell us how it went.',
  'Single origin of the month: Huila, Colombia. Notes of red apple and panela.',
  'Latte art throwdown Friday 19:00. Sign-up sheet at the counter.',
];

const longWords =
  'Northern Lights sourdough starter workshop every Saturday morning with fresh rye spelt ' +
  'and heritage wheat, plus a long explanation of fermentation times, hydration, folding, ' +
  'shaping, proofing baskets, scoring patterns and oven spring that a newcomer can follow ' +
  'at home without any special equipment beyond a bowl, a scale and a hot oven. See ' +
  'https://example.com/workshops/sourdough-starter-saturday-morning-fermentation-basics ';

/** Exactly `length` characters of realistic prose (a long word-free URL included). */
export function longText(length: number, seed = 0): string {
  const start = (((seed * 37) % 80) + 80) % 80;
  let out = '';
  while (out.length < length + start) out += longWords;
  return out
    .slice(start, start + length)
    .trimStart()
    .padEnd(length, '.');
}

interface AccountSpec {
  platform: Platform;
  handle: string;
}
interface ClientSpec {
  name: string;
  timezone: string;
  color: string;
  accounts: AccountSpec[];
}

const realisticClients: ClientSpec[] = [
  {
    name: 'Nova Bakery',
    timezone: 'Europe/Berlin',
    color: '#b45309',
    accounts: [
      { platform: 'x', handle: 'novabakery' },
      { platform: 'bluesky', handle: 'novabakery.bsky.social' },
      { platform: 'mastodon', handle: 'novabakery@mastodon.social' },
    ],
  },
  {
    name: 'Harbour & Pine Architects',
    timezone: 'Europe/London',
    color: '#0f766e',
    accounts: [
      { platform: 'x', handle: 'harbourpine' },
      { platform: 'mastodon', handle: 'harbourpine@mastodon.design' },
    ],
  },
  {
    name: 'Riverside Yoga',
    timezone: 'America/New_York',
    color: '#7c3aed',
    accounts: [
      { platform: 'bluesky', handle: 'riversideyoga.bsky.social' },
      { platform: 'x', handle: 'riversideyoga' },
    ],
  },
  {
    name: 'Kettle & Crumb Coffee',
    timezone: 'Australia/Sydney',
    color: '#be123c',
    accounts: [{ platform: 'x', handle: 'kettlecrumb' }],
  },
];

// Names of exactly 40 characters; handles as long as each network allows in practice.
const longClients: ClientSpec[] = [
  {
    name: 'Northern Lights Artisanal Sourdough Coop',
    timezone: 'Europe/Berlin',
    color: '#1d4ed8',
    accounts: [
      { platform: 'x', handle: 'northernlights1' },
      { platform: 'bluesky', handle: 'northernlightsartisanalsourdough.bsky.social' },
      { platform: 'mastodon', handle: 'northernlightssourdough@mastodon.example.social' },
    ],
  },
  {
    name: 'One Reading Only Analytics Client Studio',
    timezone: 'America/Los_Angeles',
    color: '#15803d',
    accounts: [{ platform: 'x', handle: 'onereadingonly' }],
  },
  {
    name: 'Thousand Readings Analytics Client Group',
    timezone: 'Asia/Tokyo',
    color: '#9d174d',
    accounts: [{ platform: 'mastodon', handle: 'thousandreadings@mastodon.example.social' }],
  },
];

async function addClient(db: Db, spec: ClientSpec, now: number) {
  const id = uuidv7();
  await db
    .insertInto('clients')
    .values({
      id,
      name: spec.name,
      color: spec.color,
      timezone: spec.timezone,
      notes: '',
      created_at: now - 60 * dayMs,
      updated_at: now - 60 * dayMs,
    })
    .execute();
  const accounts: string[] = [];
  for (const account of spec.accounts) accounts.push(await makeNetworkAccount(db, id, account));
  return { id, name: spec.name, accounts };
}

/** A post with the right status for its time, published ones with their metrics. */
async function addPost(
  db: Db,
  spec: {
    clientId: string;
    accountIds: string[];
    parts: string[];
    at: number;
    now: number;
    status?: PostStatus;
    readings?: number;
  },
): Promise<string> {
  const past = spec.at <= spec.now;
  const status = spec.status ?? (past ? 'published' : 'scheduled');
  const made = await makePost(db, {
    clientId: spec.clientId,
    accountIds: spec.accountIds,
    parts: spec.parts,
    status,
    scheduledAt: spec.at,
    now: Math.min(spec.at, spec.now) - hourMs,
  });
  if (status === 'failed') {
    await db
      .updateTable('post_targets')
      .set({ error_code: 'PLATFORM_REJECTED', error_message: 'X refused the post: duplicate.' })
      .where('post_id', '=', made.postId)
      .execute();
  }
  if (status !== 'published') return made.postId;
  await db
    .updateTable('posts')
    .set({ published_at: spec.at })
    .where('id', '=', made.postId)
    .execute();
  for (const [accountId, targetId] of Object.entries(made.targets)) {
    await db
      .updateTable('post_targets')
      .set({
        published_at: spec.at,
        remote_id: String(1_800_000_000_000 + Math.floor(spec.at / 1000)),
        remote_url: `https://example.com/status/${targetId}`,
      })
      .where('id', '=', targetId)
      .execute();
    await addReadings(db, targetId, accountId, spec.at, spec.now, spec.readings);
  }
  return made.postId;
}

/** Metric readings for one target on the sync's cadence (or `count` evenly spaced). */
async function addReadings(
  db: Db,
  targetId: string,
  accountId: string,
  publishedAt: number,
  now: number,
  count?: number,
): Promise<void> {
  const cadence = [1, 2, 3, 6, 10, 24, 48, 72, 24 * 7, 24 * 14].map(
    (h) => publishedAt + h * hourMs,
  );
  const times =
    count === undefined
      ? cadence.filter((t) => t <= now)
      : Array.from(
          { length: count },
          (_, i) => publishedAt + ((now - publishedAt) * (i + 1)) / count,
        );
  const reach = 500 + ((publishedAt / 60_000) % 4000);
  let previous = { impressions: 0, engagements: 0 };
  let latest = null;
  for (const [i, at] of times.entries()) {
    const grown = 1 - Math.exp(-(i + 1) / Math.max(2, times.length / 4));
    const impressions = Math.round(reach * grown);
    const likes = Math.round(impressions * 0.04);
    const reposts = Math.round(impressions * 0.008);
    const replies = Math.round(impressions * 0.003);
    const engagements = likes + reposts + replies;
    latest = { fetched_at: Math.round(at), impressions, likes, reposts, replies };
    await db
      .insertInto('post_metric_snapshots')
      .values({
        target_id: targetId,
        account_id: accountId,
        ...latest,
        quotes: 0,
        bookmarks: 0,
        clicks: null,
        profile_visits: null,
        impressions_gain: impressions - previous.impressions,
        engagements_gain: engagements - previous.engagements,
      })
      .execute();
    previous = { impressions, engagements };
  }
  if (latest === null) return;
  await db
    .insertInto('post_metric_latest')
    .values({
      target_id: targetId,
      account_id: accountId,
      ...latest,
      quotes: 0,
      bookmarks: 0,
      clicks: null,
      profile_visits: null,
    })
    .execute();
}

async function addFollowers(db: Db, accountId: string, now: number, count: number, base: number) {
  const span = 29 * dayMs;
  for (let i = 0; i < count; i += 1) {
    const at = count === 1 ? now - 2 * hourMs : now - span + (span * i) / (count - 1);
    await db
      .insertInto('account_metric_snapshots')
      .values({
        account_id: accountId,
        fetched_at: Math.round(at),
        followers: base + Math.round(i * (count > 100 ? 0.4 : 9) + 15 * Math.sin(i / 7)),
        following: 180,
        posts_count: 900 + i,
      })
      .execute();
  }
}

/** Photos imported through the core's media library, so each has its thumbnail. */
async function addMedia(core: Core, dataDir: string, clientId: string, long: boolean) {
  const colours = ['#b45309', '#0f766e', '#7c3aed', '#be123c'];
  const short = ['sourdough-saturday', 'new-hours', 'team-lena', 'cinnamon-buns'];
  const folder = fs.mkdtempSync(path.join(dataDir, 'demo-photos-'));
  for (const [i, background] of colours.entries()) {
    const name = long
      ? `northern-lights-sourdough-launch-campaign-final-approved-v${String(i + 1)}.png`
      : `${short[i] ?? 'photo'}.png`;
    const file = path.join(folder, name);
    await sharp({ create: { width: 1600, height: 1200, channels: 3, background } })
      .png()
      .toFile(file);
    await core.media.importFile(file, clientId);
  }
  fs.rmSync(folder, { recursive: true, force: true });
}

async function addExtras(db: Db, clientId: string, accountId: string, long: boolean, now: number) {
  await db
    .insertInto('campaigns')
    .values({
      id: uuidv7(),
      client_id: clientId,
      name: long ? 'Autumn Harvest Heritage Grain Sourdough Launch 2026' : 'Autumn menu',
      color: '#ea580c',
      starts_on: null,
      ends_on: null,
      archived_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  for (const [weekday, minute] of [
    [1, 9 * 60],
    [3, 12 * 60 + 30],
    [5, 17 * 60],
  ] as const) {
    await db
      .insertInto('posting_slots')
      .values({
        id: uuidv7(),
        account_id: accountId,
        weekday,
        minute_of_day: minute,
        created_at: now,
      })
      .execute();
  }
}

/** A month of posts for one client: two weeks back, two weeks ahead, a draft and a failure. */
async function addMonth(
  db: Db,
  client: { id: string; accounts: string[] },
  index: number,
  now: number,
  long: boolean,
) {
  const today = Math.floor(now / dayMs) * dayMs;
  for (let day = -16; day <= 14; day += 1) {
    if ((day + index) % 2 !== 0 && !long) continue;
    const at = today + day * dayMs + (8 + ((day + index * 3 + 30) % 10)) * hourMs;
    const text = long
      ? longText(500, day + index)
      : (texts[(day + 20 + index * 5) % texts.length] ?? '');
    await addPost(db, {
      clientId: client.id,
      accountIds: client.accounts.slice(0, 1 + ((day + 30) % client.accounts.length)),
      parts: [text],
      at,
      now,
      ...(day === 2 && { status: 'failed' as const }),
      ...(day === -3 && index === 0 && { status: 'missed' as const }),
    });
  }
  await addPost(db, {
    clientId: client.id,
    accountIds: client.accounts.slice(0, 1),
    parts: [long ? longText(500, 99) : 'Draft: winter menu teaser, photos pending'],
    at: today + 20 * dayMs,
    now,
    status: 'draft',
  });
}

export async function seedDemo(
  dataDir: string,
  options: { content: DemoContent; now?: number },
): Promise<DemoSeed> {
  const now = options.now ?? Date.now();
  const long = options.content === 'long';
  const ports = createNodePorts(dataDir, {
    clock: { now: () => now },
    logger: silent,
    localTimeZone: 'Europe/Berlin',
  });
  const core = await createCore({ dataDir, host: 'cli', ports });
  const db = core.database.db;
  // A throw-away folder: no need to wait for the disk on each of a few thousand inserts.
  core.database.sqlite.pragma('synchronous = OFF');
  try {
    const clients = [];
    for (const spec of long ? longClients : realisticClients)
      clients.push(await addClient(db, spec, now));
    const seed: DemoSeed = {
      dataDir,
      clients: clients.map(({ id, name }) => ({ id, name })),
      busyDay: null,
      oneReadingClient: null,
      thousandReadingsClient: null,
      threadPostId: null,
      threadParts: 0,
      firstAccountHandle: (long ? longClients : realisticClients)[0]?.accounts[0]?.handle ?? '',
    };
    const first = clients[0];
    if (first === undefined) throw new Error('no clients to seed');
    await addMedia(core, dataDir, first.id, long);
    await addExtras(db, first.id, first.accounts[0] ?? '', long, now);
    if (!long) {
      for (const [i, client] of clients.entries()) {
        await addMonth(db, client, i, now, false);
        for (const [j, account] of client.accounts.entries()) {
          await addFollowers(db, account, now, 30, 1200 + i * 800 + j * 300);
        }
      }
      seed.threadParts = 3;
      seed.threadPostId = await addPost(db, {
        clientId: first.id,
        accountIds: first.accounts,
        parts: [
          'Our bread, start to finish: a thread. 🧵',
          'Midnight: the starter gets fed and the dough is mixed.',
          '5 am: shaping, then into the oven. Doors open at 7.',
        ],
        at: Math.floor(now / dayMs) * dayMs + 3 * dayMs + 9 * hourMs,
        now,
      });
      return seed;
    }
    const [, oneReading, thousand] = clients;
    await addMonth(db, first, 0, now, true);
    for (const [j, account] of first.accounts.entries()) {
      await addFollowers(db, account, now, 30, 123_456 + j * 1000);
    }
    // 60 posts in one day (tomorrow), every 12 minutes from 08:00 Berlin.
    const busyDay = Math.floor(now / dayMs) * dayMs + dayMs;
    for (let i = 0; i < 60; i += 1) {
      await addPost(db, {
        clientId: first.id,
        accountIds: first.accounts.slice(0, 1 + (i % 3)),
        parts: [
          i % 5 === 0 ? longText(500, i) : `${texts[i % texts.length] ?? ''} (${String(i + 1)}/60)`,
        ],
        at: busyDay + 7 * hourMs + i * 12 * 60_000,
        now,
      });
    }
    seed.busyDay = busyDay;
    seed.threadParts = 25;
    seed.threadPostId = await addPost(db, {
      clientId: first.id,
      accountIds: first.accounts,
      parts: Array.from(
        { length: 25 },
        (_, i) => `${String(i + 1)}/25 ${longText(i % 4 === 0 ? 280 : 120, i)}`,
      ),
      at: busyDay + 2 * dayMs + 10 * hourMs,
      now,
    });
    if (oneReading !== undefined) {
      const account = oneReading.accounts[0] ?? '';
      await addFollowers(db, account, now, 1, 42);
      await addPost(db, {
        clientId: oneReading.id,
        accountIds: [account],
        parts: [longText(260, 3)],
        at: now - 5 * hourMs,
        now,
        readings: 1,
      });
      seed.oneReadingClient = oneReading.id;
    }
    if (thousand !== undefined) {
      const account = thousand.accounts[0] ?? '';
      await addFollowers(db, account, now, 1000, 98_765_432);
      await addPost(db, {
        clientId: thousand.id,
        accountIds: [account],
        parts: [longText(500, 5)],
        at: now - 20 * dayMs,
        now,
        readings: 1000,
      });
      seed.thousandReadingsClient = thousand.id;
    }
    return seed;
  } finally {
    await core.close();
  }
}
