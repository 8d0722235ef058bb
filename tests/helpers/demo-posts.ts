// The demo's posts: each with the status its time gives it, published ones with metric
// readings on the sync's cadence, and a month of them per client around `now`.
import type { Kysely } from 'kysely';
import { metricAccountSeq } from '../../main/core/analytics/metric-accounts.ts';
import { encodeSeries } from '../../main/core/analytics/reading-series.ts';
import type { Schema } from '../../main/core/db/schema.ts';
import { engagementsOf } from '../../shared/analytics.ts';
import type { PostStatus } from '../../shared/posts.ts';
import { longText, texts } from './demo-content.ts';
import { makePost } from './post-factories.ts';
import { postSeqOf } from '../../main/core/db/post-numbers.ts';
import { remoteUrlColumns } from '../../main/core/db/remote-urls.ts';

export type Db = Kysely<Schema>;

export const hourMs = 3_600_000;
export const dayMs = 24 * hourMs;

/** A post with the right status for its time, published ones with their metrics. */
export async function addPost(
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
      .where('post_seq', '=', postSeqOf(made.postId))
      .execute();
  }
  if (status !== 'published') return made.postId;
  await db
    .updateTable('posts')
    .set({ published_at: spec.at })
    .where('id', '=', made.postId)
    .execute();
  for (const [accountId, targetId] of Object.entries(made.targets)) {
    const remoteId = String(1_800_000_000_000 + Math.floor(spec.at / 1000));
    await db
      .updateTable('post_targets')
      .set({
        published_at: spec.at,
        remote_id: remoteId,
        ...(await remoteUrlColumns(db, `https://example.com/status/${remoteId}`, remoteId)),
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
  const rows = times.map((at, i) => {
    const grown = 1 - Math.exp(-(i + 1) / Math.max(2, times.length / 4));
    const impressions = Math.round(reach * grown);
    return {
      fetched_at: Math.round(at),
      impressions,
      likes: Math.round(impressions * 0.04),
      reposts: Math.round(impressions * 0.008),
      replies: Math.round(impressions * 0.003),
      quotes: 0,
      bookmarks: 0,
      clicks: null,
      profile_visits: null,
    };
  });
  const latest = rows.at(-1);
  if (latest === undefined) return;
  // The latest row first: the packed readings refer to it, both by the target's seq and
  // naming the account by its rollup number (migrations 0019, 0033, 0035).
  const { seq } = await db
    .selectFrom('post_targets')
    .select('seq')
    .where('id', '=', targetId)
    .executeTakeFirstOrThrow();
  await db
    .insertInto('post_metric_latest')
    .values({ target_seq: seq, account_seq: await metricAccountSeq(db, accountId), ...latest })
    .execute();
  let previous = { impressions: 0, engagements: 0 };
  const readings = rows.map((row) => {
    const engagements = engagementsOf(row);
    const gains = {
      impressions_gain: row.impressions - previous.impressions,
      engagements_gain: engagements - previous.engagements,
    };
    previous = { impressions: row.impressions, engagements };
    return { ...row, ...gains };
  });
  await db
    .insertInto('post_metric_series')
    .values({ target_seq: seq, points: encodeSeries(readings) })
    .execute();
}

/** A month of posts for one client: two weeks back, two weeks ahead, a draft and a failure. */
export async function addMonth(
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
