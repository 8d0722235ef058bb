// 0007 rebuilds social_accounts and account_credentials to widen their CHECKs, 0008
// post_part_media, 0010 posts and post_targets: every row, reference, index and trigger
// must come through, and nothing may cascade on the way.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/core/db/open-database.ts';
import { recordingLogger } from '../helpers/core.ts';
import { openOldDatabase } from '../helpers/old-database.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

const open = (dataDir: string) =>
  openDatabase({ dataDir, now: () => 1_800_000_000_000, logger: recordingLogger() });

describe('migration 0007 (networks)', () => {
  it('keeps every account, token, post and trigger, and accepts the new networks', async () => {
    const dataDir = tempDataDir();
    const old = await openOldDatabase(dataDir, '0006-metric-polling');
    const t = 1_800_000_000_000;
    await sql`INSERT INTO clients (id, name, color, timezone, notes, created_at, updated_at)
              VALUES ('c1', 'Bakery', '#112233', 'Europe/Berlin', '', ${t}, ${t})`.execute(old.db);
    await sql`INSERT INTO social_accounts (id, client_id, platform, platform_user_id, handle, created_at, updated_at)
              VALUES ('a1', 'c1', 'x', '42', 'bakery', ${t}, ${t})`.execute(old.db);
    await sql`INSERT INTO account_credentials (account_id, kind, ciphertext, updated_at)
              VALUES ('a1', 'oauth2', x'00', ${t})`.execute(old.db);
    await sql`INSERT INTO posts (id, client_id, scheduled_at, timezone, created_at, updated_at)
              VALUES ('p1', 'c1', ${t}, 'Europe/Berlin', ${t}, ${t})`.execute(old.db);
    await sql`INSERT INTO post_targets (id, post_id, account_id, created_at, updated_at)
              VALUES ('t1', 'p1', 'a1', ${t}, ${t})`.execute(old.db);
    await old.db.destroy();

    const db = (await open(dataDir)).db;
    const count = async (table: string) =>
      (await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db)).rows[0]
        ?.n;
    expect(await count('social_accounts')).toBe(1);
    expect(await count('account_credentials')).toBe(1);
    expect(await count('post_targets')).toBe(1);

    // The rebuilt accounts keep their numbers, by which the calendar column names them (0040).
    const post = await sql<{ cal_accounts: string; seq: number }>`
      SELECT cal_accounts, (SELECT seq FROM social_accounts WHERE id = 'a1') AS seq
      FROM posts`.execute(db);
    expect(post.rows[0]?.cal_accounts).toBe(String(post.rows[0]?.seq));

    await sql`INSERT INTO social_accounts (id, client_id, platform, platform_user_id, handle, service_url, created_at, updated_at)
              VALUES ('a2', 'c1', 'bluesky', 'did:plc:abc', 'bakery.bsky.social', 'https://bsky.social', ${t}, ${t})`.execute(
      db,
    );
    await sql`INSERT INTO account_credentials (account_id, kind, ciphertext, updated_at)
              VALUES ('a2', 'session', x'00', ${t})`.execute(db);
    await expect(
      sql`INSERT INTO social_accounts (id, client_id, platform, platform_user_id, handle, created_at, updated_at)
          VALUES ('a3', 'c1', 'myspace', '1', 'tom', ${t}, ${t})`.execute(db),
    ).rejects.toThrow(/CHECK/);

    // Foreign keys are on again and still cascade from the rebuilt table.
    await sql`DELETE FROM social_accounts WHERE id = 'a1'`.execute(db);
    expect(await count('account_credentials')).toBe(1);
    expect(await count('post_targets')).toBe(0);
    await db.destroy();
  });

  it('0008 lets alt text run to 2,000 characters and keeps the media of every post', async () => {
    const dataDir = tempDataDir();
    const old = await openOldDatabase(dataDir, '0007-networks');
    const t = 1_800_000_000_000;
    await sql`INSERT INTO clients (id, name, color, timezone, notes, created_at, updated_at)
              VALUES ('c1', 'Bakery', '#112233', 'Europe/Berlin', '', ${t}, ${t})`.execute(old.db);
    await sql`INSERT INTO posts (id, client_id, scheduled_at, timezone, created_at, updated_at)
              VALUES ('p1', 'c1', ${t}, 'Europe/Berlin', ${t}, ${t})`.execute(old.db);
    await sql`INSERT INTO post_parts (id, post_id, position, text)
              VALUES ('pp1', 'p1', 0, 'Bread')`.execute(old.db);
    await sql`INSERT INTO media_assets (id, client_id, kind, mime, bytes, sha256, created_at)
              VALUES ('m1', 'c1', 'image', 'image/png', 1, ${'a'.repeat(64)}, ${t})`.execute(
      old.db,
    );
    await sql`INSERT INTO post_part_media (part_id, position, media_id, alt_text)
              VALUES ('pp1', 0, 'm1', 'A loaf')`.execute(old.db);
    await expect(
      sql`UPDATE post_part_media SET alt_text = ${'a'.repeat(1500)}`.execute(old.db),
    ).rejects.toThrow(/CHECK/);
    await old.db.destroy();

    const db = (await open(dataDir)).db;
    await sql`UPDATE post_part_media SET alt_text = ${'a'.repeat(2000)}`.execute(db);
    await expect(
      sql`UPDATE post_part_media SET alt_text = ${'a'.repeat(2001)}`.execute(db),
    ).rejects.toThrow(/CHECK/);
    // The index came back, and deleting the part still cascades to its media rows.
    const indexes = await sql<{ name: string }>`
      SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'post_part_media'`.execute(
      db,
    );
    expect(indexes.rows.map((r) => r.name)).toContain('post_part_media_by_media');
    await sql`DELETE FROM post_parts WHERE id = 'pp1'`.execute(db);
    const left = await sql<{ n: number }>`SELECT count(*) AS n FROM post_part_media`.execute(db);
    expect(left.rows[0]?.n).toBe(0);
    await db.destroy();
  });

  it('0010 lets posts and targets be deleted and keeps every row, trigger and cascade', async () => {
    const dataDir = tempDataDir();
    const old = await openOldDatabase(dataDir, '0009-hand-off');
    const t = 1_800_000_000_000;
    await sql`INSERT INTO clients (id, name, color, timezone, notes, created_at, updated_at)
              VALUES ('c1', 'Bakery', '#112233', 'Europe/Berlin', '', ${t}, ${t})`.execute(old.db);
    await sql`INSERT INTO social_accounts (id, client_id, platform, platform_user_id, handle, created_at, updated_at)
              VALUES ('a1', 'c1', 'x', '42', 'bakery', ${t}, ${t})`.execute(old.db);
    await sql`INSERT INTO posts (id, client_id, status, scheduled_at, timezone, created_at, updated_at)
              VALUES ('p1', 'c1', 'published', ${t}, 'Europe/Berlin', ${t}, ${t})`.execute(old.db);
    await sql`INSERT INTO post_parts (id, post_id, position, text)
              VALUES ('pp1', 'p1', 0, 'Bread')`.execute(old.db);
    await sql`INSERT INTO post_targets (id, post_id, account_id, status, remote_id, created_at, updated_at)
              VALUES ('t1', 'p1', 'a1', 'published', '99', ${t}, ${t})`.execute(old.db);
    await sql`INSERT INTO post_target_parts (target_id, part_id, remote_id, posted_at)
              VALUES ('t1', 'pp1', '99', ${t})`.execute(old.db);
    await expect(sql`UPDATE posts SET status = 'deleted'`.execute(old.db)).rejects.toThrow(/CHECK/);
    await old.db.destroy();

    const db = (await open(dataDir)).db;
    const post = async () =>
      (
        await sql<{ status: string; cal_parts: number; cal_accounts: string }>`
          SELECT status, cal_parts, cal_accounts FROM posts WHERE id = 'p1'`.execute(db)
      ).rows[0];
    expect(await post()).toEqual({ status: 'published', cal_parts: 1, cal_accounts: '1' });
    await sql`UPDATE posts SET status = 'deleted'`.execute(db);
    await sql`UPDATE post_targets SET status = 'deleted'`.execute(db);
    await sql`UPDATE post_target_parts SET removed_at = ${t}`.execute(db);
    await expect(sql`UPDATE posts SET status = 'gone'`.execute(db)).rejects.toThrow(/CHECK/);
    // The calendar triggers on both rebuilt tables' neighbours still write the post row.
    await sql`INSERT INTO post_parts (id, post_seq, position, text)
              VALUES ('pp2', (SELECT seq FROM posts WHERE id = 'p1'), 1, 'Rye')`.execute(db);
    expect(await post()).toMatchObject({ cal_parts: 2, cal_accounts: '1' });
    const indexes = await sql<{ name: string }>`
      SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'post_targets'`.execute(
      db,
    );
    expect(indexes.rows.map((r) => r.name)).toEqual(
      expect.arrayContaining(['post_targets_by_account', 'post_targets_held']),
    );
    // Deleting the post still cascades to its targets and their parts.
    await sql`DELETE FROM posts WHERE id = 'p1'`.execute(db);
    const left = await sql<{ n: number }>`SELECT count(*) AS n FROM post_target_parts`.execute(db);
    expect(left.rows[0]?.n).toBe(0);
    await db.destroy();
  });
});
