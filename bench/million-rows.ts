// The rows of the 1,000,000-post dataset (see million-dataset.ts for how it is built
// and cached): clients, accounts, posts with threads, targets, publish jobs, the event log,
// follower counts and metric readings, all from one seeded generator.
import type Database from 'better-sqlite3';
import { nextPostPoll } from '../main/core/analytics/cadence.ts';
import { seededRandom } from './random.ts';
import { makeVocabulary, partText } from './million-text.ts';

const dayMs = 86_400_000;
const hourMs = 3_600_000;

export const millionPosts = 1_000_000;
export const millionReadings = 20_000_000;
/** The dataset's "now": the last post published is from just before; 90 days lie ahead. */
export const millionNow = Date.UTC(2026, 10, 1);
const years = 5;
export const start = millionNow - (years * 365 - 90) * dayMs;
export const end = start + years * 365 * dayMs;

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
const networks = ['x', 'bluesky', 'mastodon', 'linkedin'] as const;

/** A UUIDv7-shaped id from an instant and a counter: sortable by time like the app's. */
function idAt(ms: number, n: number): string {
  const t = Math.floor(ms).toString(16).padStart(12, '0');
  const c = n.toString(16).padStart(15, '0');
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${c.slice(0, 3)}-8${c.slice(3, 6)}-${c.slice(3)}`;
}

export function writeRows(db: Database.Database, posts: number) {
  const wantedReadings = Math.round((millionReadings * posts) / millionPosts);
  const rng = seededRandom(1_000_000);
  const vocabulary = makeVocabulary(rng);
  let n = 0;
  const nextId = (at: number) => idAt(at, ++n);
  const statement = (sql: string) => db.prepare(sql);
  const insertClient = statement(
    'INSERT INTO clients (id, name, color, timezone, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertAccount = statement(`INSERT INTO social_accounts
    (id, client_id, platform, platform_user_id, handle, display_name, service_url, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertPost = statement(`INSERT INTO posts
    (id, client_id, status, scheduled_at, timezone, local_time, published_at, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertPart = statement(
    'INSERT INTO post_parts (id, post_id, position, text) VALUES (?, ?, ?, ?)',
  );
  const insertTarget = statement(`INSERT INTO post_targets
    (id, post_id, account_id, status, remote_id, remote_url, attempts, published_at, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertJob = statement(`INSERT INTO publish_jobs
    (id, kind, target_id, account_id, status, run_at, attempts, created_at, updated_at)
    VALUES (?, 'publish', ?, ?, ?, ?, ?, ?, ?)`);
  const insertEvent = statement(
    'INSERT INTO post_events (post_id, target_id, type, detail, at) VALUES (?, ?, ?, ?, ?)',
  );
  const insertSnapshot = statement(`INSERT INTO post_metric_snapshots
    (target_id, account_id, fetched_at, impressions, likes, reposts, replies, quotes, bookmarks, clicks, profile_visits, impressions_gain, engagements_gain)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertLatest = statement(`INSERT INTO post_metric_latest
    (target_id, account_id, fetched_at, impressions, likes, reposts, replies, quotes, bookmarks, clicks, profile_visits)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertPoll = statement(`INSERT INTO metric_polls
    (subject, subject_id, account_id, due_at, last_fetched_at) VALUES (?, ?, ?, ?, ?)`);
  const insertFollowers = statement(`INSERT INTO account_metric_snapshots
    (account_id, fetched_at, followers, following, posts_count, listed) VALUES (?, ?, ?, ?, ?, 0)`);

  interface Client {
    id: string;
    zone: string;
    weight: number;
    hashtags: string[];
    site: string;
    accounts: { id: string; handle: string; network: string }[];
  }
  const clients: Client[] = [];
  const published: { target: string; account: string; at: number }[] = [];
  let parts = 0;
  let targets = 0;
  const report = { posts, parts: 0, targets: 0, readings: 0 };

  db.transaction(() => {
    for (let c = 0; c < 10; c += 1) {
      const id = nextId(start);
      const zone = zones[c] ?? 'UTC';
      insertClient.run(id, `Client ${String(c + 1)}`, '#2563eb', zone, start, start);
      const brand = `brand${String(c + 1)}`;
      const client: Client = {
        id,
        zone,
        weight: 1 + (c % 4),
        hashtags: [brand, `${brand}news`, `${brand}team`, 'smallbusiness', 'local'],
        site: `${brand}.example`,
        accounts: [],
      };
      for (const network of networks) {
        const accountId = nextId(start);
        const handle = `${brand}_${network}`;
        insertAccount.run(
          ...[accountId, id, network, `${String(c)}-${network}`, handle, `Brand ${String(c + 1)}`],
          network === 'bluesky'
            ? 'https://bsky.social'
            : network === 'mastodon'
              ? 'https://mastodon.example'
              : null,
          start,
          start,
        );
        client.accounts.push({ id: accountId, handle, network });
        insertPoll.run('account', accountId, accountId, millionNow + dayMs, millionNow);
        let followers = rng.int(500, 30_000);
        for (let t = start; t < millionNow; t += dayMs) {
          followers = Math.max(0, followers + rng.int(-5, 25));
          insertFollowers.run(accountId, t + 3 * hourMs, followers, 300, 1000);
        }
      }
      clients.push(client);
    }
    const totalWeight = clients.reduce((s, c) => s + c.weight, 0);
    const pickClient = () => {
      let roll = rng.next() * totalWeight;
      for (const c of clients) {
        roll -= c.weight;
        if (roll < 0) return c;
      }
      return clients[0] as Client;
    };
    const days = years * 365;
    for (let p = 0; p < posts; p += 1) {
      // Posts come in creation order, a few days before their time, as a user writes them.
      const dayIndex = Math.floor((p / posts) * days);
      const client = pickClient();
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
      ] as const);
      const minute = rng.pick([0, 0, 0, 15, 30, 30, 45]);
      // Local wall time read as UTC, shifted by the zone's usual offset (close enough here).
      const offset = zoneOffsets[client.zone] ?? 0;
      const at = start + dayIndex * dayMs + (hour * 60 + minute) * 60_000 - offset * hourMs;
      const created = at - rng.int(1, 5) * dayMs;
      const past = at < millionNow;
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
      const postId = nextId(created);
      const day = new Date(start + dayIndex * dayMs).toISOString().slice(0, 10);
      const local = `${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
      insertPost.run(
        ...[postId, client.id, status, at, client.zone, local],
        status === 'published' ? at : null,
        created,
        status === 'published' ? at : created,
      );
      if (status !== 'draft')
        insertEvent.run(postId, null, 'post.status', `{"to":"scheduled"}`, created);
      const partCount = rng.weighted([
        [1, 70],
        [2, 15],
        [rng.int(3, 5), 10],
        [rng.int(6, 10), 5],
      ] as const);
      for (let position = 0; position < partCount; position += 1) {
        insertPart.run(
          nextId(created),
          postId,
          position,
          partText(rng, vocabulary, client.hashtags, client.site),
        );
        parts += 1;
      }
      const targetCount = rng.weighted([
        [1, 60],
        [2, 25],
        [3, 10],
        [4, 5],
      ] as const);
      const first = rng.int(0, 3);
      for (let t = 0; t < targetCount; t += 1) {
        const account = client.accounts[(first + t) % 4];
        if (account === undefined) continue;
        const targetId = nextId(created);
        const remote = status === 'published' ? String(1e15 + p * 10 + t) : null;
        insertTarget.run(
          ...[targetId, postId, account.id, status, remote],
          remote === null ? null : `https://${account.network}.example/${account.handle}/${remote}`,
          status === 'published' || status === 'failed' ? 1 : 0,
          status === 'published' ? at : null,
          created,
          status === 'published' ? at : created,
        );
        targets += 1;
        if (status !== 'draft') {
          const jobStatus =
            status === 'published' ? 'done' : status === 'scheduled' ? 'pending' : status;
          insertJob.run(
            ...[nextId(created), targetId, account.id, jobStatus, at],
            status === 'published' ? 1 : 0,
            created,
            at,
          );
        }
        if (status === 'published') {
          insertEvent.run(postId, targetId, 'target.publishing', '{"attempt":1}', at);
          insertEvent.run(
            postId,
            targetId,
            'target.published',
            `{"remoteId":"${remote ?? ''}"}`,
            at,
          );
          published.push({ target: targetId, account: account.id, at });
        }
      }
    }
    // Readings on the sync's cadence, each taken only if the app was running then.
    const polls = published.reduce((sum, p) => sum + cadenceCount(p.at), 0);
    const running = Math.min(1, wantedReadings / polls);
    let readings = 0;
    for (const p of published) {
      const reach = rng.int(50, 40_000);
      const rate = 0.005 + rng.next() * 0.06;
      let last: unknown[] | null = null;
      let prevImp = 0;
      let prevEng = 0;
      let at: number | null = p.at + hourMs;
      while (at !== null && at <= millionNow) {
        if (rng.next() < running && readings < wantedReadings) {
          const share = 1 - Math.exp(-(at - p.at) / hourMs / 18);
          const imp = Math.round(reach * share);
          const eng = Math.round(imp * rate);
          const likes = Math.round(eng * 0.6);
          const reposts = Math.round(eng * 0.15);
          const replies = Math.round(eng * 0.1);
          const quotes = Math.round(eng * 0.05);
          const bookmarks = Math.max(0, eng - likes - reposts - replies - quotes);
          last = [p.target, p.account, at, imp, likes, reposts, replies, quotes, bookmarks];
          last.push(Math.round(imp * 0.01), Math.round(imp * 0.005));
          const engagements = likes + reposts + replies + quotes + bookmarks;
          insertSnapshot.run(...last, imp - prevImp, engagements - prevEng);
          prevImp = imp;
          prevEng = engagements;
          readings += 1;
        }
        at = nextPostPoll(p.at, at);
      }
      if (last !== null) insertLatest.run(...last);
      insertPoll.run('post', p.target, p.account, at, last?.[2] ?? null);
    }
    Object.assign(report, { parts, targets, readings });
  })();
  return {
    clientIds: clients.map((c) => c.id),
    accountIds: clients.flatMap((c) => c.accounts.map((a) => a.id)),
    report,
  };
}

/** Polls the cadence asks for over a post's first 30 days (or until the dataset's now). */
function cadenceCount(publishedAt: number): number {
  let count = 0;
  for (let at: number | null = publishedAt + hourMs; at !== null && at <= millionNow;) {
    count += 1;
    at = nextPostPoll(publishedAt, at);
  }
  return count;
}

/** Standard offsets in hours (DST ignored: the times only need to look like a person's). */
const zoneOffsets: Record<string, number> = {
  'Europe/Berlin': 1,
  'America/New_York': -5,
  'America/Los_Angeles': -8,
  'Europe/London': 0,
  'Asia/Tokyo': 9,
  'Australia/Sydney': 10,
  'America/Sao_Paulo': -3,
  'Asia/Kolkata': 5.5,
  'Europe/Madrid': 1,
  'America/Chicago': -6,
};
