// Builds a realistic, seeded Starling database for benchmarks: 20 clients in different
// time zones, 2–3 X accounts each, posts over two years with thread lengths, a media mix
// and posting times that follow how people actually schedule (morning, lunch, evening).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../main/core/db/open-database.ts';
import { seededRandom } from './random.ts';

export interface DatasetOptions {
  posts: number;
  clients?: number;
  seed?: number;
  /** First day of the two-year span, epoch ms UTC. */
  start?: number;
}

export interface Dataset {
  dataDir: string;
  clientIds: string[];
  accountIds: string[];
  start: number;
  end: number;
  remove(): void;
}

const zones = [
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'Europe/London',
  'Asia/Tokyo',
  'Australia/Sydney',
  'America/Sao_Paulo',
  'Asia/Kolkata',
  'Europe/Madrid',
  'America/Chicago',
];
const words =
  'launch new today coffee team design update event tips guide behind scenes offer week story customers thanks join live'.split(
    ' ',
  );
const dayMs = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The UTC instant of a wall-clock time in an IANA zone (good enough for test data). */
function zonedInstant(zone: string, y: number, m: number, d: number, minuteOfDay: number): number {
  const guess = Date.UTC(y, m, d, Math.floor(minuteOfDay / 60), minuteOfDay % 60);
  let format = formatters.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(zone, format);
  }
  const parts = format.formatToParts(new Date(guess));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return guess - (asUtc - guess);
}

export async function buildDataset(options: DatasetOptions): Promise<Dataset> {
  const rng = seededRandom(options.seed ?? 42);
  const start = options.start ?? Date.UTC(2025, 10, 24);
  const end = start + 730 * dayMs;
  const now = start + 365 * dayMs;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'starling-bench-'));
  const opened = await openDatabase({
    dataDir,
    now: () => now,
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
  });
  const db = opened.sqlite;
  let idCounter = 0;
  const id = (prefix: string) => `${prefix}${String(++idCounter).padStart(9, '0')}`;

  const clientIds: string[] = [];
  const accountIds: string[] = [];
  const accountsByClient = new Map<string, string[]>();
  /** social_accounts.seq of each account, by which post_targets names it (0041). */
  const accountSeqs = new Map<string, number>();
  const mediaByClient = new Map<string, string[]>();
  const clientZone = new Map<string, string>();

  const insertClient = db.prepare(
    'INSERT INTO clients (id, name, color, timezone, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertAccount =
    db.prepare(`INSERT INTO social_accounts (id, client_id, platform, platform_user_id, handle, display_name, created_at, updated_at)
    VALUES (?, ?, 'x', ?, ?, ?, ?, ?)`);
  const insertMedia =
    db.prepare(`INSERT INTO media_assets (id, client_id, sha256, kind, mime, bytes, width, height, duration_ms, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertPost =
    db.prepare(`INSERT INTO posts (id, client_seq, status, scheduled_at, timezone, local_time, published_at, created_at, updated_at)
    VALUES (?, (SELECT seq FROM clients WHERE id = ?), ?, ?, ?, ?, ?, ?, ?)`);
  const insertTarget =
    db.prepare(`INSERT INTO post_targets (id, post_seq, account_seq, status, remote_id, published_at, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertPart = db.prepare(
    `INSERT INTO post_parts (id, post_seq, position, text)
     VALUES (?, (SELECT seq FROM posts WHERE id = ?), ?, ?)`,
  );
  const insertPartMedia = db.prepare(
    'INSERT INTO post_part_media (part_id, position, media_id, alt_text) VALUES (?, ?, ?, ?)',
  );

  db.transaction(() => {
    const clientCount = options.clients ?? 20;
    for (let c = 0; c < clientCount; c += 1) {
      const clientId = id('c');
      const zone = zones[c % zones.length] ?? 'UTC';
      insertClient.run(clientId, `Client ${String(c + 1)}`, '#2563eb', zone, start, start);
      clientIds.push(clientId);
      clientZone.set(clientId, zone);
      const accounts: string[] = [];
      for (let a = 0; a < rng.int(2, 3); a += 1) {
        const accountId = id('a');
        const { lastInsertRowid } = insertAccount.run(
          accountId,
          clientId,
          `${String(c)}${String(a)}1000`,
          `client${String(c)}_${String(a)}`,
          `Client ${String(c)} ${String(a)}`,
          start,
          start,
        );
        accountSeqs.set(accountId, Number(lastInsertRowid));
        accounts.push(accountId);
        accountIds.push(accountId);
      }
      accountsByClient.set(clientId, accounts);
      const media: string[] = [];
      for (let m = 0; m < 40; m += 1) {
        const mediaId = id('m');
        const kind = rng.weighted([
          ['image', 8],
          ['video', 1.5],
          ['gif', 0.5],
        ] as const);
        insertMedia.run(
          mediaId,
          clientId,
          (mediaId + 'f'.repeat(64)).slice(0, 64),
          kind,
          kind === 'image' ? 'image/jpeg' : kind === 'gif' ? 'image/gif' : 'video/mp4',
          rng.int(50_000, kind === 'video' ? 80_000_000 : 4_000_000),
          1200,
          675,
          kind === 'video' ? rng.int(3_000, 90_000) : null,
          start,
        );
        media.push(mediaId);
      }
      mediaByClient.set(clientId, media);
    }

    for (let p = 0; p < options.posts; p += 1) {
      const clientId = rng.pick(clientIds);
      const zone = clientZone.get(clientId) ?? 'UTC';
      const dayIndex = rng.int(0, 729);
      const day = new Date(start + dayIndex * dayMs);
      const hour = rng.weighted([
        [7, 2],
        [8, 4],
        [9, 5],
        [10, 3],
        [11, 2],
        [12, 4],
        [13, 3],
        [15, 2],
        [17, 3],
        [18, 4],
        [19, 3],
        [20, 2],
        [21, 1],
      ] as const);
      const minuteOfDay = hour * 60 + rng.pick([0, 0, 0, 15, 30, 30, 45]);
      const at = zonedInstant(
        zone,
        day.getUTCFullYear(),
        day.getUTCMonth(),
        day.getUTCDate(),
        minuteOfDay,
      );
      const past = at < now;
      const status = past
        ? rng.weighted([
            ['published', 95],
            ['failed', 3],
            ['cancelled', 2],
          ] as const)
        : rng.weighted([
            ['scheduled', 85],
            ['draft', 15],
          ] as const);
      const postId = id('p');
      const local = `${day.toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;
      const postSeq = insertPost.run(
        postId,
        clientId,
        status,
        at,
        zone,
        local,
        status === 'published' ? at : null,
        at - 3 * dayMs,
        at - 3 * dayMs,
      ).lastInsertRowid;

      const accounts = accountsByClient.get(clientId) ?? [];
      const targetCount = rng.weighted([
        [1, 7],
        [2, 3],
      ] as const);
      for (let t = 0; t < Math.min(targetCount, accounts.length); t += 1) {
        insertTarget.run(
          id('t'),
          postSeq,
          accountSeqs.get(accounts[t] ?? ''),
          status === 'cancelled' ? 'cancelled' : status,
          status === 'published' ? String(1e15 + p * 10 + t) : null,
          status === 'published' ? at : null,
          at,
          at,
        );
      }
      const parts = rng.weighted([
        [1, 70],
        [2, 15],
        [rng.int(3, 5), 10],
        [rng.int(6, 10), 5],
      ] as const);
      for (let position = 0; position < parts; position += 1) {
        const partId = id('pp');
        const length = rng.int(6, 40);
        const text = Array.from({ length }, () => rng.pick(words)).join(' ');
        insertPart.run(partId, postId, position, text);
        const mediaKind = rng.weighted([
          ['none', 60],
          ['images', 30],
          ['video', 7],
          ['gif', 3],
        ] as const);
        if (mediaKind !== 'none') {
          const pool = mediaByClient.get(clientId) ?? [];
          const count = mediaKind === 'images' ? rng.int(1, 4) : 1;
          for (let m = 0; m < count; m += 1)
            insertPartMedia.run(
              partId,
              m,
              rng.pick(pool),
              rng.next() < 0.8 ? 'Photo of the product' : '',
            );
        }
      }
    }
  })();
  await opened.db.destroy();
  return {
    dataDir,
    clientIds,
    accountIds,
    start,
    end,
    remove: () => {
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
