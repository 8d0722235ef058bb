// 0023 and the compaction after an upgrade ([Note: compaction after migrating]): a user's
// database upgraded from 0018 (whose 0019 rewrites the metric readings and frees the old
// table's pages) comes out smaller, with every row of every table as an upgrade without
// compaction leaves it, the search index still finding each part, and 0023's indexes.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  compactAfterMigrating,
  partsDigest,
  realignSearch,
} from '../../main/core/db/compact-after-migrating.ts';
import { registerMetricSeries } from '../../main/core/db/metric-series-sql.ts';
import { openDatabase } from '../../main/core/db/open-database.ts';
import { recordingLogger } from '../helpers/core.ts';
import { openOldDatabase } from '../helpers/old-database.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

const t0 = Date.UTC(2025, 11, 1, 9);

/** A 0018 database: two posts (one in a campaign), thread parts, and 40,000 readings. */
async function oldDatabase(): Promise<string> {
  const dataDir = tempDataDir();
  const old = await openOldDatabase(dataDir, '0018-packet-shown-hash', t0);
  old.sqlite.exec(`
    INSERT INTO clients (id, name, color, timezone, created_at, updated_at)
      VALUES ('c', 'Bakery', '#112233', 'Europe/Berlin', 0, 0);
    INSERT INTO social_accounts (id, client_id, platform, platform_user_id, handle, created_at, updated_at)
      VALUES ('a', 'c', 'x', '1', 'bakery', 0, 0);
    INSERT INTO campaigns (id, client_id, name, color, created_at, updated_at)
      VALUES ('k', 'c', 'Spring', '#445566', 0, 0);
    INSERT INTO posts (id, client_id, campaign_id, status, scheduled_at, timezone, published_at, created_at, updated_at)
      VALUES ('p1', 'c', NULL, 'published', ${t0}, 'Europe/Berlin', ${t0}, 0, 0),
             ('p2', 'c', 'k', 'scheduled', ${t0 + 86_400_000}, 'Europe/Berlin', NULL, 0, 0);
    INSERT INTO post_parts (id, post_id, position, text)
      VALUES ('pp1', 'p1', 0, 'Fresh sourdough this morning'), ('pp2', 'p1', 1, 'Rye on Fridays'),
             ('pp3', 'p2', 0, 'Spring pretzels are back');
    INSERT INTO post_targets (id, post_id, account_id, status, remote_id, published_at, created_at, updated_at)
      VALUES ('t1', 'p1', 'a', 'published', '1900', ${t0}, 0, 0),
             ('t2', 'p2', 'a', 'scheduled', NULL, NULL, 0, 0);
    INSERT INTO post_metric_latest (target_id, account_id, fetched_at, impressions, likes)
      VALUES ('t1', 'a', ${t0 + 40_000 * 60_000}, 40000, 400);`);
  const reading = old.sqlite.prepare(`INSERT INTO post_metric_snapshots
    (target_id, account_id, fetched_at, impressions, likes, impressions_gain, engagements_gain)
    VALUES ('t1', 'a', ?, ?, ?, 1, ?)`);
  old.sqlite.transaction(() => {
    for (let i = 1; i <= 40_000; i += 1)
      reading.run(t0 + i * 60_000, i, Math.floor(i / 100), i % 100 === 0 ? 1 : 0);
  })();
  await old.db.destroy();
  return dataDir;
}

/** Every row of every table (the migration log apart: it records when), sorted. */
function dump(file: string): Record<string, string[]> {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare(
        // Not SQLite's own: VACUUM leaves out sqlite_sequence once no table uses it (0034).
        `SELECT name FROM sqlite_master WHERE type = 'table'
         AND name NOT LIKE 'kysely_migration%' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`,
      )
      .all() as { name: string }[];
    return Object.fromEntries(
      tables.map(({ name }) => [
        name,
        (db.prepare(`SELECT * FROM "${name}"`).raw().all() as unknown[][])
          .map((row) =>
            JSON.stringify(row, (_, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v)),
          )
          .sort(),
      ]),
    );
  } finally {
    db.close();
  }
}

const searchHits = (db: Database.Database, word: string) =>
  (
    db
      .prepare(
        `SELECT p.id FROM post_search s JOIN post_parts p ON p.rowid = s.rowid
         WHERE post_search MATCH ? ORDER BY p.id`,
      )
      .all(word) as { id: string }[]
  ).map((r) => r.id);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('migration 0023 and compaction after an upgrade', () => {
  it('gives the pages the upgrade freed back to the disk and loses nothing', async () => {
    const compactedDir = await oldDatabase();
    const keptDir = tempDataDir();
    fs.copyFileSync(path.join(compactedDir, 'starling.db'), path.join(keptDir, 'starling.db'));

    const logger = recordingLogger();
    const compacted = await openDatabase({
      dataDir: compactedDir,
      now: () => t0,
      logger,
      compactMinFreeBytes: 1024 * 1024,
    });
    await compacted.db.destroy();
    // The same upgrade where compaction never applies: what the rows must be.
    const kept = await openDatabase({
      dataDir: keptDir,
      now: () => t0,
      logger: recordingLogger(),
      compactMinFreeBytes: Number.MAX_SAFE_INTEGER,
    });
    await kept.db.destroy();

    const compactedFile = path.join(compactedDir, 'starling.db');
    const keptFile = path.join(keptDir, 'starling.db');
    expect(dump(compactedFile)).toEqual(dump(keptFile));
    const readings = new Database(compactedFile, { readonly: true });
    registerMetricSeries(readings);
    expect(readings.prepare('SELECT count(*) AS n FROM post_metric_snapshots').get()).toEqual({
      n: 40_000,
    });
    readings.close();
    const done = logger.entries.find((e) => e.message === 'database compacted after migrating');
    expect(done?.fields).toMatchObject({ searchRebuilt: false });
    // 0019 freed the old readings table and its two text indexes: well over a quarter.
    expect(fs.statSync(compactedFile).size).toBeLessThan(0.75 * fs.statSync(keptFile).size);

    const db = new Database(compactedFile);
    try {
      expect(db.pragma('freelist_count', { simple: true })).toBe(0);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.exec("INSERT INTO post_search (post_search) VALUES ('integrity-check')");
      expect(searchHits(db, 'sourdough')).toEqual(['pp1']);
      expect(searchHits(db, 'pretzels')).toEqual(['pp3']);
      const indexes = (
        db
          .prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'posts' AND sql IS NOT NULL",
          )
          .all() as { name: string; sql: string }[]
      ).map((r) => r.name);
      expect(indexes).toContain('posts_by_time');
      const campaign = db
        .prepare("SELECT sql FROM sqlite_master WHERE name = 'posts_by_campaign_time'")
        .get() as { sql: string };
      expect(campaign.sql).toMatch(/WHERE campaign_id IS NOT NULL/);
      // A deleted campaign still lets go of its posts through the partial index.
      db.pragma('foreign_keys = ON');
      db.exec("DELETE FROM campaigns WHERE id = 'k'");
      expect(db.prepare("SELECT campaign_id FROM posts WHERE id = 'p2'").get()).toEqual({
        campaign_id: null,
      });
    } finally {
      db.close();
    }
  });

  it('leaves the file as it is when the disk cannot hold the copy', async () => {
    const dataDir = await oldDatabase();
    const file = path.join(dataDir, 'starling.db');
    // A disk with one free block: VACUUM's copy would not fit.
    const full = fs.statfsSync(file);
    full.bavail = 1;
    vi.spyOn(fs, 'statfsSync').mockReturnValue(full);
    const logger = recordingLogger();
    const opened = await openDatabase({
      dataDir,
      now: () => t0,
      logger,
      compactMinFreeBytes: 1024 * 1024,
    });
    const free = opened.sqlite.pragma('freelist_count', { simple: true }) as number;
    await opened.db.destroy();
    expect(free).toBeGreaterThan(0);
    expect(logger.entries.map((e) => e.message)).toContain(
      'database not compacted: too little free disk space',
    );
    expect(logger.entries.map((e) => e.message)).not.toContain(
      'database compacted after migrating',
    );
  });

  it('keeps the file as it was when VACUUM cannot run (another process writing)', async () => {
    const dataDir = await oldDatabase();
    const file = path.join(dataDir, 'starling.db');
    // Upgraded without compacting: the free pages 0019 left are still in the file.
    const opened = await openDatabase({
      dataDir,
      now: () => t0,
      logger: recordingLogger(),
      compactMinFreeBytes: Number.MAX_SAFE_INTEGER,
    });
    await opened.db.destroy();
    const before = dump(file);
    const writer = new Database(file);
    const sqlite = new Database(file);
    try {
      sqlite.pragma('busy_timeout = 50');
      writer.exec("BEGIN IMMEDIATE; UPDATE clients SET notes = 'busy'");
      const logger = recordingLogger();
      const outcome = compactAfterMigrating(sqlite, file, logger, 1024 * 1024);
      expect(outcome).toMatchObject({ compacted: false, reason: 'failed' });
      expect(logger.entries.map((e) => e.message)).toEqual([
        'database not compacted: VACUUM failed',
      ]);
      writer.exec('ROLLBACK');
      expect(sqlite.pragma('freelist_count', { simple: true })).toBeGreaterThan(0);
    } finally {
      writer.close();
      sqlite.close();
    }
    expect(dump(file)).toEqual(before);
  });

  it('rebuilds the search index when the parts no longer sit at the rowids it knows', async () => {
    const dataDir = await oldDatabase();
    const opened = await openDatabase({ dataDir, now: () => t0, logger: recordingLogger() });
    await opened.db.destroy();
    const db = new Database(path.join(dataDir, 'starling.db'));
    try {
      const digest = partsDigest(db);
      expect(realignSearch(db, digest)).toBe(false);
      // What a VACUUM that renumbered rowids would do: the index keeps the old number.
      db.exec("UPDATE post_parts SET rowid = 1000 WHERE id = 'pp1'");
      expect(searchHits(db, 'sourdough')).toEqual([]);
      expect(realignSearch(db, digest)).toBe(true);
      expect(searchHits(db, 'sourdough')).toEqual(['pp1']);
      db.exec("INSERT INTO post_search (post_search) VALUES ('integrity-check')");
    } finally {
      db.close();
    }
  });
});
