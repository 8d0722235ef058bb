// The database on a real file: pragmas, the full model as STRICT tables, refusing a
// newer database untouched, backups before migrating, one transaction per migration,
// the append-only event log and the indexes behind the UI's queries.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from '../../main/core/db/open-database.ts';
import { migrations } from '../../migrations/index.ts';
import { AppFailure } from '../../shared/result.ts';
import { makeCore, recordingLogger } from '../helpers/core.ts';
import { makeAccount, makeClient, makePost } from '../helpers/post-factories.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

const modelTables = [
  'clients',
  'social_accounts',
  'account_credentials',
  'campaigns',
  'posts',
  'post_targets',
  'post_parts',
  'post_part_variants',
  'post_target_parts',
  'media_assets',
  'post_part_media',
  'templates',
  'hashtag_groups',
  'posting_slots',
  'publish_jobs',
  'post_event_log',
  'post_metric_series',
  'post_metric_latest',
  'post_metric_gains',
  'metric_accounts',
  'account_metric_snapshots',
  'x_media_uploads',
];

let clockMs = Date.UTC(2026, 0, 1);
const open = (dataDir: string, list: Record<string, Migration> = migrations) =>
  openDatabase({
    dataDir,
    now: () => (clockMs += 60_000),
    logger: recordingLogger(),
    migrations: list,
  });

const sha256 = (file: string) =>
  crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

const tableMigration = (table: string): Migration => ({
  up: async (db: Kysely<unknown>) => {
    await sql.raw(`CREATE TABLE ${table} (id INTEGER PRIMARY KEY) STRICT`).execute(db);
  },
});

async function closeDb(opened: OpenDatabase) {
  await opened.db.destroy();
}

describe('opening the database', () => {
  it('migrates an empty folder to the whole model, as STRICT tables with safe pragmas', async () => {
    const core = await makeCore();
    const sqlite = core.database.sqlite;
    expect(path.basename(core.database.file)).toBe('starling.db');
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    // NORMAL, each write durable before it resolves: database-durability.test.ts.
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(1);
    expect(sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);

    const tables = sqlite.prepare('PRAGMA table_list').all() as {
      name: string;
      strict: number;
      schema: string;
    }[];
    for (const name of modelTables) {
      const table = tables.find((t) => t.name === name && t.schema === 'main');
      expect(table, name).toBeDefined();
      expect(table?.strict, `${name} is STRICT`).toBe(1);
    }
    expect(core.database.applied).toEqual(Object.keys(migrations).sort());
    expect(core.database.applied[0]).toBe('0001-initial');
  });

  it('enforces foreign keys', async () => {
    const core = await makeCore();
    expect(() =>
      core.database.sqlite
        .prepare(
          `INSERT INTO social_accounts (id, client_id, platform, platform_user_id, handle, created_at, updated_at)
           VALUES ('a1', 'no-such-client', 'x', '1', 'h', 0, 0)`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
  });

  it('refuses a database written by a newer version and leaves the file byte for byte as it was', async () => {
    const dataDir = tempDataDir();
    await closeDb(await open(dataDir));
    const file = path.join(dataDir, 'starling.db');
    const raw = new Database(file);
    raw
      .prepare(
        "INSERT INTO kysely_migration (name, timestamp) VALUES ('9000-from-the-future', '2030-01-01T00:00:00.000Z')",
      )
      .run();
    raw.close();
    const before = sha256(file);

    const attempt = open(dataDir);
    await expect(attempt).rejects.toBeInstanceOf(AppFailure);
    await expect(attempt).rejects.toMatchObject({
      error: {
        code: 'DATABASE_TOO_NEW',
        message: expect.stringMatching(/newer version of Starling.*9000-from-the-future/s),
      },
    });
    expect(sha256(file)).toBe(before);
    expect(fs.existsSync(path.join(dataDir, 'backups'))).toBe(false);
  });

  it('backs up an existing database with the online backup API before migrating it, keeping the last five', async () => {
    const dataDir = tempDataDir();
    const list: Record<string, Migration> = { ...migrations };
    const first = await open(dataDir, list);
    first.sqlite
      .prepare(
        "INSERT INTO clients (id, name, color, timezone, created_at, updated_at) VALUES ('c1', 'Kept', '#000000', 'UTC', 0, 0)",
      )
      .run();
    await closeDb(first);

    const backupsDir = path.join(dataDir, 'backups', 'pre-migrate');
    // Test migrations sort after every real one (9xxx), however many the app has.
    for (let i = 2; i <= 8; i += 1) {
      list[`900${String(i)}-test`] = tableMigration(`test_${String(i)}`);
      await closeDb(await open(dataDir, list));
    }
    const backups = fs.readdirSync(backupsDir).sort();
    expect(backups).toHaveLength(5);
    expect(backups.at(-1)).toMatch(/before-9008-test\.db$/);

    // The newest copy holds the data as it was before 9008 ran, and is a sound database.
    const copy = new Database(path.join(backupsDir, backups.at(-1) ?? ''), { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare('SELECT name FROM clients').all()).toEqual([{ name: 'Kept' }]);
    const applied = (
      copy.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as { name: string }[]
    ).map((r) => r.name);
    expect(applied.at(-1)).toBe('9007-test');
    copy.close();
  });

  it('takes no backup of a brand-new database', async () => {
    const dataDir = tempDataDir();
    await closeDb(await open(dataDir));
    expect(fs.existsSync(path.join(dataDir, 'backups'))).toBe(false);
  });

  it('runs each migration in its own transaction: a failing one leaves the earlier ones applied and nothing half-done', async () => {
    const dataDir = tempDataDir();
    const broken: Migration = {
      up: async (db: Kysely<unknown>) => {
        await sql.raw('CREATE TABLE half_done (id INTEGER) STRICT').execute(db);
        await sql.raw('CREATE TABLE half_done (id INTEGER) STRICT').execute(db); // fails
      },
    };
    await expect(open(dataDir, { ...migrations, '0002-broken': broken })).rejects.toThrow(
      /0002-broken/,
    );
    const raw = new Database(path.join(dataDir, 'starling.db'), { readonly: true });
    const applied = raw.prepare('SELECT name FROM kysely_migration').all();
    const halfDone = raw.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").all();
    raw.close();
    expect(applied).toEqual([{ name: '0001-initial' }]);
    expect(halfDone).toEqual([]);
  });
});

describe('the post event log', () => {
  it('is append-only: inserts work and number each post’s events, updates and deletes fail', async () => {
    const core = await makeCore();
    const db = core.database.sqlite;
    const client = await makeClient(core.database.db);
    const p1 = (
      await makePost(core.database.db, { clientId: client, accountIds: [], parts: ['a'] })
    ).postId;
    const p2 = (
      await makePost(core.database.db, { clientId: client, accountIds: [], parts: ['b'] })
    ).postId;
    db.prepare(
      "INSERT INTO post_events (post_id, type, detail, at) VALUES (?, 'created', '{}', 1)",
    ).run(p1);
    db.prepare(
      "INSERT INTO post_events (post_id, type, at) VALUES (?, 'edited', 2), (?, 'created', 3)",
    ).run(p1, p2);
    for (const table of ['post_events', 'post_event_log']) {
      expect(() => db.prepare(`UPDATE ${table} SET detail = '[]'`).run()).toThrow(/append-only/);
      expect(() => db.prepare(`DELETE FROM ${table}`).run()).toThrow(/append-only/);
    }
    // Each post's events are numbered from 1 ([Note: event log by post], migration 0034).
    expect(
      db.prepare('SELECT post_id, id, type, detail FROM post_events ORDER BY post_id, id').all(),
    ).toEqual([
      { post_id: p1, id: 1, type: 'created', detail: '{}' },
      { post_id: p1, id: 2, type: 'edited', detail: '{}' },
      { post_id: p2, id: 1, type: 'created', detail: '{}' },
    ]);
    // [Note: event log by number] (0037): an event of a post this database lacks is refused.
    expect(() =>
      db.prepare("INSERT INTO post_events (post_id, type, at) VALUES ('nope', 'created', 4)").run(),
    ).toThrow(/no such post/);
  });

  it('keeps a removed target’s and a deleted post’s events under numbers never given again', async () => {
    const core = await makeCore();
    const { db, sqlite } = core.database;
    const client = await makeClient(db);
    const [a, b] = [await makeAccount(db, client), await makeAccount(db, client)];
    const kept = await makePost(db, { clientId: client, accountIds: [a, b], parts: ['kept'] });
    const draft = await makePost(db, { clientId: client, accountIds: [a], parts: ['draft'] });
    const add = sqlite.prepare(
      'INSERT INTO post_events (post_id, target_id, type, detail, at) VALUES (?, ?, ?, ?, ?)',
    );
    add.run(kept.postId, kept.targets[b], 'target.published', '{"remoteId":"9"}', 1);
    add.run(kept.postId, 'from-an-archive', 'target.published', '{"remoteId":"8"}', 2);
    add.run(draft.postId, draft.targets[a], 'post.status', '{}', 3);
    const seqOf = (table: string, id: string | undefined) =>
      sqlite.prepare(`SELECT seq FROM ${table} WHERE id = ?`).pluck().get(id) as number;
    const goneTarget = seqOf('post_targets', kept.targets[b]);
    const draftTarget = seqOf('post_targets', draft.targets[a]);
    const gonePost = seqOf('posts', draft.postId);

    // b's removal cascades to its target; the draft goes with its own.
    sqlite.prepare('DELETE FROM social_accounts WHERE id = ?').run(b);
    sqlite.prepare('DELETE FROM posts WHERE id = ?').run(draft.postId);
    expect(
      sqlite
        .prepare('SELECT target_id, detail FROM post_events WHERE post_id = ?')
        .all(kept.postId),
    ).toEqual([
      { target_id: kept.targets[b], detail: '{"remoteId":"9"}' },
      { target_id: 'from-an-archive', detail: '{"remoteId":"8"}' },
    ]);
    // The draft's target had an event too: it is kept with its post (0041).
    expect(
      sqlite.prepare('SELECT seq, id, post_seq FROM post_targets_gone ORDER BY seq').all(),
    ).toEqual([
      { seq: -1, id: 'from-an-archive', post_seq: seqOf('posts', kept.postId) },
      { seq: goneTarget, id: kept.targets[b], post_seq: seqOf('posts', kept.postId) },
      { seq: draftTarget, id: draft.targets[a], post_seq: gonePost },
    ]);
    expect(sqlite.prepare('SELECT seq, id FROM posts_gone').all()).toEqual([
      { seq: gonePost, id: draft.postId },
    ]);
    // A later post and target take new numbers, not the gone ones.
    const later = await makePost(db, { clientId: client, accountIds: [a], parts: ['later'] });
    expect(seqOf('posts', later.postId)).toBeGreaterThan(gonePost);
    expect(seqOf('post_targets', later.targets[a])).toBeGreaterThan(goneTarget);
    // A target without events leaves nothing behind (a draft's save replaces its targets).
    sqlite.prepare('DELETE FROM post_targets WHERE id = ?').run(later.targets[a]);
    expect(sqlite.prepare('SELECT count(*) FROM post_targets_gone').pluck().get()).toBe(3);
  });
});

describe('indexes behind the UI queries', () => {
  const plan = (db: Database.Database, query: string) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${query}`).all() as { detail: string }[])
      .map((r) => r.detail)
      .join('\n');

  it.each([
    [
      'client list',
      'SELECT * FROM clients WHERE archived_at IS NULL ORDER BY archived_at, name',
      /clients_by_archived_name/,
    ],
    [
      'calendar range, all clients',
      'SELECT * FROM posts WHERE scheduled_at >= 0 AND scheduled_at < 1',
      /posts_by_time/,
    ],
    [
      'calendar range, one client',
      'SELECT * FROM posts WHERE client_seq = 1 AND scheduled_at >= 0 AND scheduled_at < 1',
      /posts_by_client_time/,
    ],
    [
      'calendar range, one campaign',
      "SELECT * FROM posts WHERE campaign_id = 'c' AND scheduled_at >= 0 AND scheduled_at < 1",
      /posts_by_campaign_time/,
    ],
    [
      // The calendar's day counts: the narrow index, not the covering posts_calendar.
      'posts of a day, counted',
      'SELECT count(*) FROM posts WHERE scheduled_at >= 0 AND scheduled_at < 1',
      /COVERING INDEX posts_by_time/,
    ],
    [
      // What a deleted campaign's ON DELETE SET NULL runs (the index is partial since 0023).
      'posts of a deleted campaign',
      "UPDATE posts SET campaign_id = NULL WHERE campaign_id = 'c'",
      /posts_by_campaign_time/,
    ],
    [
      'due publish jobs',
      "SELECT * FROM publish_jobs WHERE status = 'pending' AND run_at <= 5 ORDER BY run_at",
      /publish_jobs_due/,
    ],
    [
      'targets of a post',
      'SELECT * FROM post_targets WHERE post_seq = 7',
      /sqlite_autoindex_post_targets|post_targets/,
    ],
    [
      'where a media file is used',
      "SELECT * FROM post_part_media WHERE media_id = 'm'",
      /post_part_media_by_media/,
    ],
    [
      'post metrics over time (the readings view)',
      "SELECT * FROM post_metric_snapshots WHERE target_id = 't' AND fetched_at > 0",
      /SEARCH s USING INTEGER PRIMARY KEY \(rowid=\?\)/,
    ],
    [
      'gains per quarter hour (dashboard)',
      'SELECT * FROM post_metric_gains WHERE account_seq IN (1, 2) AND quarter >= 0 AND quarter < 9',
      /SEARCH post_metric_gains USING PRIMARY KEY \(account_seq=\? AND quarter>\? AND quarter<\?\)/,
    ],
    [
      'read posts of a range (dashboard summary, top posts, best times)',
      "SELECT count(*), sum(likes + reposts) FROM post_metric_latest WHERE account_seq IN (SELECT seq FROM metric_accounts WHERE account_id IN ('a', 'b')) AND published_at >= 0 AND published_at < 9 AND fetched_at <> 0",
      /USING COVERING INDEX post_metric_latest_published/,
    ],
    [
      'followers over time',
      "SELECT * FROM account_metric_snapshots WHERE account_id = 'a' AND fetched_at > 0",
      /account_metric_snapshots_by_account/,
    ],
    [
      'event log of a post',
      "SELECT * FROM post_events WHERE post_id = 'p' ORDER BY id",
      /USING COVERING INDEX sqlite_autoindex_posts_1 \(id=\?\)\nSEARCH l USING PRIMARY KEY \(post_seq=\?\)/,
    ],
  ])('%s uses an index', async (_name, query, index) => {
    const core = await makeCore();
    const detail = plan(core.database.sqlite, query);
    expect(detail).toMatch(index);
    // A table-valued function's scan (one post's packed readings) reads no table.
    expect(detail).not.toMatch(/^SCAN (?!.*(USING|VIRTUAL TABLE))/m);
  });
});
