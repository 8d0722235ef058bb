// A seeded analytics database for the dashboard benchmark and the query-plan test: 20
// clients in different zones, 2 X accounts each, a year of published posts, and metric
// snapshots on the sync's real cadence (hourly to 6 h, 4-hourly to 48 h, then daily to
// 30 days) with growth that flattens with age: 1,000,000 post snapshots by default,
// plus daily follower counts. Built with prepared statements in one transaction.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nextPostPoll } from '../main/core/analytics/cadence.ts';
import {
  encodeSeries,
  readingFigures,
  type Reading,
} from '../main/core/analytics/reading-series.ts';
import { openDatabase, type OpenDatabase } from '../main/core/db/open-database.ts';
import { engagementsOf } from '../shared/analytics.ts';
import { seededRandom } from './random.ts';

const dayMs = 86_400_000;
const zones = [
  'Europe/Berlin',
  'America/New_York',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Europe/London',
];
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

export interface AnalyticsDataset {
  dataDir: string;
  opened: OpenDatabase;
  clientIds: string[];
  /** The "now" of the data set: a year after the first post. */
  now: number;
  snapshots: number;
  remove(): Promise<void>;
}

export async function buildAnalyticsDataset(
  options: { snapshots?: number; clients?: number; seed?: number } = {},
): Promise<AnalyticsDataset> {
  const wanted = options.snapshots ?? 1_000_000;
  const clients = options.clients ?? 20;
  const rng = seededRandom(options.seed ?? 7);
  const start = Date.UTC(2025, 10, 1);
  const now = start + 365 * dayMs;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'starling-analytics-bench-'));
  const opened = await openDatabase({ dataDir, now: () => now, logger: silent });
  const db = opened.sqlite;
  db.pragma('synchronous = OFF');
  let n = 0;
  const id = (prefix: string) => `${prefix}${String(++n).padStart(9, '0')}`;

  const insertClient = db.prepare(
    'INSERT INTO clients (id, name, color, timezone, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertAccount = db.prepare(`INSERT INTO social_accounts
    (id, client_id, platform, platform_user_id, handle, created_at, updated_at) VALUES (?, ?, 'x', ?, ?, ?, ?)`);
  const insertPost = db.prepare(`INSERT INTO posts
    (id, client_seq, status, scheduled_at, timezone, published_at, created_at, updated_at)
    VALUES (?, (SELECT seq FROM clients WHERE id = ?), 'published', ?, ?, ?, ?, ?)`);
  const insertPart = db.prepare(
    `INSERT INTO post_parts (id, post_seq, position, text)
     VALUES (?, (SELECT seq FROM posts WHERE id = ?), 0, ?)`,
  );
  const insertTarget = db.prepare(`INSERT INTO post_targets
    (id, post_seq, account_seq, status, remote_id, published_at, created_at, updated_at)
    VALUES (?, ?, ?, 'published', ?, ?, ?, ?)`);
  // A post's packed readings refer to its latest row (migrations/0019, 0033, 0035), both
  // keyed by the target's seq: it is written first; the series' trigger adds the gains to
  // the rollup under the latest row's account number.
  const insertMetricAccount = db.prepare('INSERT INTO metric_accounts (account_id) VALUES (?)');
  const insertSeries = db.prepare(
    'INSERT INTO post_metric_series (target_seq, points) VALUES (?, ?)',
  );
  const insertLatest = db.prepare(`INSERT INTO post_metric_latest
    (target_seq, account_seq, fetched_at, impressions, likes, reposts, replies, quotes, bookmarks, clicks, profile_visits)
    VALUES (@target_seq, @account_seq, @fetched_at, @impressions, @likes, @reposts, @replies, @quotes,
      @bookmarks, @clicks, @profile_visits)`);
  const insertFollowers = db.prepare(`INSERT INTO account_metric_snapshots
    (account_id, fetched_at, followers, following, posts_count, listed) VALUES (?, ?, ?, ?, ?, 0)`);
  const insertPoll = db.prepare(`INSERT INTO metric_polls
    (subject, subject_id, account_id, due_at, last_fetched_at) VALUES (?, ?, ?, ?, ?)`);

  const clientIds: string[] = [];
  // seq is metric_accounts.seq (the latest rows'); socialSeq social_accounts.seq (the targets').
  const accounts: {
    id: string;
    seq: number | bigint;
    socialSeq: number | bigint;
    clientId: string;
    zone: string;
  }[] = [];
  let snapshots = 0;
  db.transaction(() => {
    for (let c = 0; c < clients; c += 1) {
      const clientId = id('c');
      const zone = zones[c % zones.length] ?? 'UTC';
      insertClient.run(clientId, `Client ${String(c + 1)}`, '#2563eb', zone, '', start, start);
      clientIds.push(clientId);
      for (let a = 0; a < 2; a += 1) {
        const accountId = id('a');
        const socialSeq = insertAccount.run(
          accountId,
          clientId,
          `${String(c)}0${String(a)}`,
          `client${String(c)}_${String(a)}`,
          start,
          start,
        ).lastInsertRowid;
        const seq = insertMetricAccount.run(accountId).lastInsertRowid;
        accounts.push({ id: accountId, seq, socialSeq, clientId, zone });
        // Daily follower counts for the year, growing with some noise.
        let followers = rng.int(200, 20_000);
        for (let t = start; t < now; t += dayMs) {
          followers = Math.max(0, followers + rng.int(-5, 25));
          insertFollowers.run(accountId, t + 3 * 3_600_000, followers, 300, 1000);
        }
        insertPoll.run('account', accountId, accountId, now + dayMs, now);
      }
    }
    let remote = 1_800_000_000_000_000_000n;
    while (snapshots < wanted) {
      const account = rng.pick(accounts);
      const publishedAt =
        start +
        rng.int(0, 364) * dayMs +
        rng.int(6, 21) * 3_600_000 +
        rng.pick([0, 15, 30, 45]) * 60_000;
      const postId = id('p');
      const postSeq = insertPost.run(
        postId,
        account.clientId,
        publishedAt,
        account.zone,
        publishedAt,
        publishedAt,
        publishedAt,
      ).lastInsertRowid;
      insertPart.run(id('pp'), postId, `Post ${postId} about our new coffee`);
      const targetId = id('t');
      remote += BigInt(rng.int(1, 1_000_000));
      const targetSeq = insertTarget.run(
        targetId,
        postSeq,
        account.socialSeq,
        String(remote),
        publishedAt,
        publishedAt,
        publishedAt,
      ).lastInsertRowid;
      // Totals the post will reach; numbers rise fast then flatten.
      const reach = rng.int(100, 50_000);
      const rate = 0.005 + rng.next() * 0.06;
      let at: number | null = publishedAt + 3_600_000;
      const readings: Reading[] = [];
      let prevImp = 0;
      let prevEng = 0;
      while (at !== null && at <= now && snapshots < wanted) {
        const age = (at - publishedAt) / 3_600_000;
        const share = 1 - Math.exp(-age / 18);
        const imp = Math.round(reach * share);
        const eng = Math.round(imp * rate);
        const likes = Math.round(eng * 0.6);
        const reposts = Math.round(eng * 0.15);
        const replies = Math.round(eng * 0.1);
        const quotes = Math.round(eng * 0.05);
        const bookmarks = eng - likes - reposts - replies - quotes;
        const figures = {
          likes,
          reposts,
          replies,
          quotes,
          bookmarks: Math.max(0, bookmarks),
        };
        const engagements = engagementsOf(figures);
        readings.push({
          fetched_at: at,
          impressions: imp,
          ...figures,
          clicks: Math.round(imp * 0.01),
          profile_visits: Math.round(imp * 0.005),
          impressions_gain: imp - prevImp,
          engagements_gain: engagements - prevEng,
        });
        prevImp = imp;
        prevEng = engagements;
        snapshots += 1;
        at = nextPostPoll(publishedAt, at);
      }
      // The latest row is the post's newest reading.
      const newest = readings.at(-1);
      if (newest !== undefined) {
        insertLatest.run({
          target_seq: targetSeq,
          account_seq: account.seq,
          ...readingFigures(newest),
        });
        insertSeries.run(targetSeq, encodeSeries(readings));
      }
      insertPoll.run('post', targetId, account.id, at, newest?.fetched_at ?? null);
    }
  })();
  db.pragma('synchronous = FULL');
  db.exec('ANALYZE');
  return {
    dataDir,
    opened,
    clientIds,
    now,
    snapshots,
    async remove() {
      await opened.db.destroy();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
