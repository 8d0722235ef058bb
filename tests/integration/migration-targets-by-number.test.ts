// Migration 0041 names each target's post and account by number ([Note: targets by
// number] in migrations/0041-targets-by-number.ts): every target keeps its number, id and
// fields, the calendar column and the event log still read the same, the restated
// triggers follow targets written and removed afterwards, and both cascades still hold.
import { describe, expect, it } from 'vitest';
import { openOldDatabase } from '../helpers/old-database.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

const t = 1_800_000_000_000;

describe('migration 0041: targets by number', () => {
  it('keeps every target with its post and account, and the triggers follow', async () => {
    const dataDir = tempDataDir();
    const old = await openOldDatabase(dataDir, '0040-accounts-and-clients-by-number');
    // a2 is written first, so the accounts' numbers do not follow their ids; t0 is removed,
    // so the targets' sequence runs past the highest number left.
    old.sqlite.exec(`
      INSERT INTO clients (id, name, color, timezone, created_at, updated_at)
        VALUES ('c1', 'Bakery', '#112233', 'Europe/Berlin', ${t}, ${t});
      INSERT INTO social_accounts (id, client_id, platform, platform_user_id, handle, created_at, updated_at) VALUES
        ('a2', 'c1', 'x', '2', 'bakery', ${t}, ${t}),
        ('a1', 'c1', 'bluesky', '1', 'zoë', ${t}, ${t});
      INSERT INTO posts (id, client_id, status, scheduled_at, timezone, created_at, updated_at) VALUES
        ('p1', 'c1', 'published', ${t}, 'Europe/Berlin', ${t}, ${t}),
        ('p2', 'c1', 'scheduled', ${t}, 'Europe/Berlin', ${t}, ${t});
      INSERT INTO post_targets (id, post_id, account_id, status, remote_id, hold_id, created_at, updated_at) VALUES
        ('t1', 'p1', 'a1', 'published', 'r1', NULL, ${t}, ${t}),
        ('t2', 'p1', 'a2', 'published', 'r2', NULL, ${t}, ${t}),
        ('t3', 'p2', 'a1', 'scheduled', NULL, 'h3', ${t}, ${t}),
        ('t9', 'p2', 'a2', 'scheduled', NULL, NULL, ${t}, ${t});
      DELETE FROM post_targets WHERE id = 't9';
      INSERT INTO post_events (post_id, target_id, type, at) VALUES
        ('p1', 't2', 'target.published', ${t});`);
    const before = old.sqlite
      .prepare(
        `SELECT seq, id, post_id, account_id, status, remote_id, hold_id FROM post_targets
         ORDER BY seq`,
      )
      .all();
    const calendarBefore = old.sqlite.prepare('SELECT id, cal_accounts FROM posts').all();
    await old.db.destroy();

    const opened = await openOldDatabase(dataDir, '0041-targets-by-number');
    try {
      const { sqlite } = opened;
      const all = (query: string) => sqlite.prepare(query).all();
      expect(
        all(`SELECT t.seq, t.id, p.id AS post_id, a.id AS account_id, t.status, t.remote_id,
               t.hold_id
             FROM post_targets t JOIN posts p ON p.seq = t.post_seq
               JOIN social_accounts a ON a.seq = t.account_seq ORDER BY t.seq`),
      ).toEqual(before);
      expect(all('SELECT id, cal_accounts FROM posts')).toEqual(calendarBefore);
      expect(all('SELECT post_id, target_id, type FROM post_events')).toEqual([
        { post_id: 'p1', target_id: 't2', type: 'target.published' },
      ]);
      expect(
        all(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'post_targets'
             AND sql IS NOT NULL ORDER BY name`),
      ).toEqual([{ name: 'post_targets_by_account' }, { name: 'post_targets_held' }]);
      const plan = (query: string) =>
        (sqlite.prepare(`EXPLAIN QUERY PLAN ${query}`).all() as { detail: string }[])
          .map((r) => r.detail)
          .join('; ');
      expect(plan('SELECT id FROM post_targets WHERE hold_id IS NOT NULL')).toMatch(
        /post_targets_held/,
      );
      expect(plan("SELECT id FROM post_targets WHERE account_seq = 1 AND status = 'x'")).toMatch(
        /post_targets_by_account \(account_seq=\? AND status=\?\)/,
      );

      // The restated calendar trigger: a target added, then one removed.
      const calendar = sqlite.prepare<[string], { cal_accounts: string }>(
        'SELECT cal_accounts FROM posts WHERE id = ?',
      );
      sqlite.exec(`INSERT INTO post_targets (id, post_seq, account_seq, created_at, updated_at)
        VALUES ('t4', (SELECT seq FROM posts WHERE id = 'p2'), 1, ${t}, ${t})`);
      expect(calendar.get('p2')?.cal_accounts).toBe('1,2');
      // Numbers are never given twice: t9's 4 stays taken.
      expect(all("SELECT seq FROM post_targets WHERE id = 't4'")).toEqual([{ seq: 5 }]);
      sqlite.exec("DELETE FROM post_targets WHERE id = 't3'");
      expect(calendar.get('p2')?.cal_accounts).toBe('1');

      // A removed account takes its targets; one with events is kept under its number.
      sqlite.exec("DELETE FROM social_accounts WHERE id = 'a2'");
      expect(all('SELECT id FROM post_targets ORDER BY seq')).toEqual([{ id: 't1' }]);
      expect(all('SELECT seq, id, post_seq FROM post_targets_gone')).toEqual([
        { seq: 2, id: 't2', post_seq: 1 },
      ]);
      expect(calendar.get('p1')?.cal_accounts).toBe('2');
      expect(all('SELECT target_id FROM post_events')).toEqual([{ target_id: 't2' }]);
      // A removed post takes its targets too.
      sqlite.exec("DELETE FROM posts WHERE id = 'p1'");
      expect(all('SELECT id FROM post_targets')).toEqual([]);
      expect(sqlite.pragma('foreign_key_check')).toEqual([]);
      expect(sqlite.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    } finally {
      await opened.db.destroy();
    }
  });
});
