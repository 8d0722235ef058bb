// Migration 0019 turns an 0018 database's readings into the lean table and the gains
// rollup, merging two readings of one instant; 0033 packs them one series per post
// ([Note: packed readings] in main/core/analytics/reading-series.ts) and the same readings
// come out, with the rollup still their sums; 0035 keys them by the target's seq; 0038
// repacks version 1 series in version 2, the same readings and rollup.
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { decodeSeries } from '../../main/core/analytics/reading-series.ts';
import type { Schema } from '../../main/core/db/schema.ts';
import { rollupDrift } from '../helpers/metric-rollup.ts';
import { openOldDatabase } from '../helpers/old-database.ts';
import { makeAccount, makeClient, makePost } from '../helpers/post-factories.ts';
import { versionOneSeries } from '../helpers/series-v1.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

const hourMs = 3_600_000;

describe('analytics history migrations', () => {
  it('migrates 0018 readings into the lean table and the rollup, then packs them (0033)', async () => {
    const dataDir = tempDataDir();
    const now = Date.UTC(2026, 0, 1);
    const old = await openOldDatabase(dataDir, '0018-packet-shown-hash', now);
    const t0 = Date.UTC(2025, 11, 1, 9, 7);
    old.sqlite.exec(`
      INSERT INTO clients (id, name, color, timezone, created_at, updated_at) VALUES ('c', 'C', '#000000', 'Asia/Kolkata', 0, 0);
      INSERT INTO social_accounts (id, client_id, platform, platform_user_id, handle, created_at, updated_at)
        VALUES ('a', 'c', 'x', '1', 'ca', 0, 0);
      INSERT INTO posts (id, client_id, status, timezone, published_at, created_at, updated_at)
        VALUES ('p1', 'c', 'published', 'Asia/Kolkata', ${t0}, 0, 0), ('p2', 'c', 'published', 'Asia/Kolkata', ${t0}, 0, 0);
      INSERT INTO post_targets (id, post_id, account_id, status, published_at, created_at, updated_at)
        VALUES ('t1', 'p1', 'a', 'published', ${t0}, 0, 0), ('t2', 'p2', 'a', 'deleted', ${t0}, 0, 0);`);
    const reading = old.sqlite.prepare(`INSERT INTO post_metric_snapshots
      (target_id, account_id, fetched_at, impressions, likes, impressions_gain, engagements_gain) VALUES (?, 'a', ?, ?, ?, ?, ?)`);
    reading.run('t1', t0 + hourMs, 100, 5, 100, 5);
    // Two readings of one instant: one row, the later figures, both gains.
    reading.run('t1', t0 + 2 * hourMs, 150, 6, 50, 1);
    reading.run('t1', t0 + 2 * hourMs, 160, 7, 10, 1);
    // A post with readings but, unexpectedly, no latest row keeps them.
    reading.run('t2', t0 + hourMs, 40, 1, 40, 1);
    reading.run('t2', t0 + 3 * hourMs, 70, 2, 30, 1);
    old.sqlite
      .exec(`INSERT INTO post_metric_latest (target_id, account_id, fetched_at, impressions, likes)
      VALUES ('t1', 'a', ${t0 + 2 * hourMs}, 160, 7)`);
    await old.db.destroy();

    const expected = [
      {
        target_id: 't1',
        fetched_at: t0 + hourMs,
        impressions: 100,
        likes: 5,
        impressions_gain: 100,
        engagements_gain: 5,
      },
      {
        target_id: 't1',
        fetched_at: t0 + 2 * hourMs,
        impressions: 160,
        likes: 7,
        impressions_gain: 60,
        engagements_gain: 2,
      },
      {
        target_id: 't2',
        fetched_at: t0 + hourMs,
        impressions: 40,
        likes: 1,
        impressions_gain: 40,
        engagements_gain: 1,
      },
      {
        target_id: 't2',
        fetched_at: t0 + 3 * hourMs,
        impressions: 70,
        likes: 2,
        impressions_gain: 30,
        engagements_gain: 1,
      },
    ];
    const snapshotRows = (db: Kysely<Schema>) =>
      db
        .selectFrom('post_metric_snapshots')
        .select([
          'target_id',
          'fetched_at',
          'impressions',
          'likes',
          'impressions_gain',
          'engagements_gain',
        ])
        .orderBy('target_id')
        .orderBy('fetched_at')
        .execute();
    const opened = await openOldDatabase(dataDir, '0019-lean-metric-readings', now);
    try {
      expect(await snapshotRows(opened.db)).toEqual(expected);
      const latest = opened.sqlite
        .prepare(
          'SELECT target_id, impressions, published_at FROM post_metric_latest ORDER BY target_id',
        )
        .all();
      expect(latest).toEqual([
        { target_id: 't1', impressions: 160, published_at: t0 },
        { target_id: 't2', impressions: 70, published_at: null },
      ]);
      expect(await rollupDrift(opened.db)).toBe(0);
      const file = new Database(path.join(dataDir, 'starling.db'), { readonly: true });
      const names = (
        file
          .prepare("SELECT name FROM sqlite_master WHERE name LIKE 'post_metric_snapshots%'")
          .all() as { name: string }[]
      ).map((r) => r.name);
      file.close();
      expect(names).toEqual(['post_metric_snapshots']); // the view; the table and its indexes are gone
    } finally {
      await opened.db.destroy();
    }

    // 0033 packs them, one series per post, and the same readings come out.
    const packed = await openOldDatabase(dataDir, '0033-packed-metric-readings', now);
    try {
      expect(await snapshotRows(packed.db)).toEqual(expected);
      expect(await rollupDrift(packed.db)).toBe(0);
      const tables = (
        packed.sqlite
          .prepare(
            `SELECT name FROM sqlite_master
             WHERE name LIKE 'post_metric_%' AND type <> 'trigger' ORDER BY name`,
          )
          .all() as { name: string }[]
      ).map((r) => r.name);
      expect(tables).toEqual([
        'post_metric_gains',
        'post_metric_latest',
        'post_metric_latest_published',
        'post_metric_series',
        'post_metric_snapshots',
      ]);
      // One series per post.
      expect(
        (
          await packed.db
            .selectFrom('post_metric_series')
            .select((e) => e.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ).toBe(2);
    } finally {
      await packed.db.destroy();
    }

    // 0035 keys the latest figures and the series by the target's seq, its rowid kept.
    const before = new Database(path.join(dataDir, 'starling.db'), { readonly: true });
    const rowids = before.prepare('SELECT rowid, id FROM post_targets ORDER BY id').all();
    before.close();
    expect(rowids).toHaveLength(2);
    const keyed = await openOldDatabase(dataDir, '0035-latest-figures-by-target', now);
    try {
      expect(
        keyed.sqlite.prepare('SELECT seq AS rowid, id FROM post_targets ORDER BY id').all(),
      ).toEqual(rowids);
      expect(await snapshotRows(keyed.db)).toEqual(expected);
      expect(await rollupDrift(keyed.db)).toBe(0);
      const latest = await keyed.db
        .selectFrom('post_metric_latest as l')
        .innerJoin('post_targets as t', 't.seq', 'l.target_seq')
        .innerJoin('metric_accounts as a', 'a.seq', 'l.account_seq')
        .select(['t.id', 'a.account_id', 'l.impressions', 'l.published_at'])
        .orderBy('t.id')
        .execute();
      expect(latest).toEqual([
        { id: 't1', account_id: 'a', impressions: 160, published_at: t0 },
        { id: 't2', account_id: 'a', impressions: 70, published_at: null },
      ]);
      // The target's published_at still follows it (0019's trigger, now by seq).
      keyed.sqlite.exec(`UPDATE post_targets SET status = 'published' WHERE id = 't2'`);
      expect(
        keyed.sqlite
          .prepare(
            `SELECT l.published_at FROM post_metric_latest l
               JOIN post_targets t ON t.seq = l.target_seq WHERE t.id = 't2'`,
          )
          .get(),
      ).toEqual({ published_at: t0 });
      const indexes = keyed.sqlite
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'post_metric_latest'",
        )
        .all();
      expect(indexes).toEqual([{ name: 'post_metric_latest_published' }]);
      // Removing a post takes its figures and their gains with it.
      keyed.sqlite.exec(`DELETE FROM post_targets WHERE id = 't1'`);
      expect(await rollupDrift(keyed.db)).toBe(0);
      expect((await snapshotRows(keyed.db)).map((r) => r.target_id)).toEqual(['t2', 't2']);
    } finally {
      await keyed.db.destroy();
    }
  });

  it('repacks version 1 series in version 2, the readings and the rollup the same (0038)', async () => {
    const dataDir = tempDataDir();
    const now = Date.UTC(2026, 11, 1);
    const old = await openOldDatabase(dataDir, '0037-event-log-by-number', now);
    const client = await makeClient(old.db);
    const account = await makeAccount(old.db, client);
    const post = await makePost(old.db, {
      clientId: client,
      accountIds: [account],
      parts: ['x'],
      status: 'published',
    });
    const series = versionOneSeries(now - 10 * 86_400_000);
    old.sqlite.exec(`INSERT INTO metric_accounts (account_id) VALUES ('${account}')`);
    old.sqlite
      .prepare(
        `INSERT INTO post_metric_latest (target_seq, account_seq, fetched_at)
         SELECT t.seq, a.seq, ? FROM post_targets t, metric_accounts a WHERE t.id = ?`,
      )
      .run(now, post.targets[account]);
    old.sqlite
      .prepare(
        `INSERT INTO post_metric_series (target_seq, points)
         SELECT seq, ? FROM post_targets WHERE id = ?`,
      )
      .run(series.bytes, post.targets[account]);
    const gains = 'SELECT account_seq, quarter, impressions, engagements FROM post_metric_gains';
    const gainsBefore = old.sqlite.prepare(gains).all();
    expect(gainsBefore).not.toEqual([]);
    await old.db.destroy();

    const opened = await openOldDatabase(dataDir, '0038-metric-series-repacked', now);
    try {
      const points = opened.sqlite
        .prepare('SELECT points FROM post_metric_series')
        .pluck()
        .get() as Buffer;
      expect(points[0]).toBe(2);
      expect(points.length).toBeLessThan(series.bytes.length);
      expect(decodeSeries(points)).toEqual(series.readings);
      expect(opened.sqlite.prepare(gains).all()).toEqual(gainsBefore);
      expect(await rollupDrift(opened.db)).toBe(0);
      // The triggers came back: removing the post takes its gains with it.
      opened.sqlite.prepare('DELETE FROM posts WHERE id = ?').run(post.postId);
      expect(await rollupDrift(opened.db)).toBe(0);
      expect(
        opened.sqlite
          .prepare('SELECT count(*) FROM post_metric_gains WHERE impressions <> 0')
          .pluck()
          .get(),
      ).toBe(0);
    } finally {
      await opened.db.destroy();
    }
  });
});
