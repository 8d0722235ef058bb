// 0015 rebuilds media_assets to let its kind be 'document' (a PDF): a database written by
// the version before must come through with every media row exactly as it was (compared
// value by value with SQLite's quote(), which spells out types and bytes), its indexes back,
// and the tables that name a media asset still holding, restricting and cascading.
import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/core/db/open-database.ts';
import type { Schema } from '../../main/core/db/schema.ts';
import { recordingLogger } from '../helpers/core.ts';
import { openOldDatabase } from '../helpers/old-database.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

const t = 1_800_000_000_000;
const open = (dataDir: string) =>
  openDatabase({ dataDir, now: () => t, logger: recordingLogger() });

/** Every media row as SQLite literals: '…' for text, X'…' for blobs, bare numbers, NULL. */
async function quotedMedia(db: Kysely<Schema>): Promise<string[]> {
  const rows = await sql<{ row: string }>`
    SELECT quote(id) || ',' || quote(client_id) || ',' || quote(sha256) || ',' || quote(kind)
      || ',' || quote(mime) || ',' || quote(bytes) || ',' || quote(width) || ',' || quote(height)
      || ',' || quote(duration_ms) || ',' || quote(original_name) || ',' || quote(thumbnail_path)
      || ',' || quote(created_at) AS row
    FROM media_assets ORDER BY id`.execute(db);
  return rows.rows.map((r) => r.row);
}

const count = async (db: Kysely<Schema>, table: string) =>
  (await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db)).rows[0]?.n;

describe('migration 0015 (documents)', () => {
  it('keeps every media row byte for byte and then accepts a PDF document', async () => {
    const dataDir = tempDataDir();
    const old = await openOldDatabase(dataDir, '0014-approval', t);
    await sql`INSERT INTO clients (id, name, color, timezone, notes, created_at, updated_at)
              VALUES ('c1', 'Bakery', '#112233', 'Europe/Berlin', '', ${t}, ${t})`.execute(old.db);
    await sql`INSERT INTO social_accounts (id, client_id, platform, platform_user_id, handle, created_at, updated_at)
              VALUES ('a1', 'c1', 'x', '42', 'bakery', ${t}, ${t})`.execute(old.db);
    await sql`INSERT INTO posts (id, client_id, scheduled_at, timezone, created_at, updated_at)
              VALUES ('p1', 'c1', ${t}, 'Europe/Berlin', ${t}, ${t})`.execute(old.db);
    await sql`INSERT INTO post_parts (id, post_id, position, text)
              VALUES ('pp1', 'p1', 0, 'Bread')`.execute(old.db);
    // Every kind the old schema took, with odd names and a shared (client-less) asset.
    await sql`INSERT INTO media_assets (id, client_id, sha256, kind, mime, bytes, width, height,
                duration_ms, original_name, thumbnail_path, created_at) VALUES
              ('m1', 'c1', ${'a'.repeat(64)}, 'image', 'image/png', 1234, 640, 480, NULL,
                'Brötchen – 🥐.png', ${`${'a'.repeat(64)}.thumb.webp`}, ${t}),
              ('m2', 'c1', ${'b'.repeat(64)}, 'gif', 'image/gif', 99, 10, 10, NULL,
                'it''s "fun".gif', NULL, ${t + 1}),
              ('m3', NULL, ${'c'.repeat(64)}, 'video', 'video/quicktime', 9007199254740991,
                1920, 1080, 140000, '', NULL, ${t + 2})`.execute(old.db);
    await sql`INSERT INTO post_part_media (part_id, position, media_id, alt_text)
              VALUES ('pp1', 0, 'm1', 'A loaf'), ('pp1', 1, 'm3', '')`.execute(old.db);
    await sql`INSERT INTO x_media_uploads (media_id, account_id, remote_media_id, uploaded_at, expires_at)
              VALUES ('m2', 'a1', '1880000000000000000', ${t}, ${t + 86_400_000})`.execute(old.db);
    await expect(
      sql`INSERT INTO media_assets (id, client_id, sha256, kind, mime, bytes, created_at)
          VALUES ('m9', 'c1', ${'d'.repeat(64)}, 'document', 'application/pdf', 1, ${t})`.execute(
        old.db,
      ),
    ).rejects.toThrow(/CHECK/);
    const before = await quotedMedia(old.db);
    await old.db.destroy();

    const { db } = await open(dataDir);
    expect(await quotedMedia(db)).toEqual(before);
    expect(await count(db, 'post_part_media')).toBe(2);
    expect(await count(db, 'x_media_uploads')).toBe(1);
    const indexes = await sql<{ name: string }>`
      SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'media_assets'
        AND sql IS NOT NULL ORDER BY name`.execute(db);
    expect(indexes.rows.map((r) => r.name)).toEqual([
      'media_assets_by_client',
      'media_assets_by_sha',
    ]);
    const table = await sql<{ sql: string }>`
      SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'media_assets'`.execute(db);
    expect(table.rows[0]?.sql).toMatch(/\) STRICT$/);

    // A PDF now fits; a kind nobody named still does not; the pair stays unique per client.
    await sql`INSERT INTO media_assets (id, client_id, sha256, kind, mime, bytes, created_at)
              VALUES ('m4', 'c1', ${'d'.repeat(64)}, 'document', 'application/pdf', 512, ${t})`.execute(
      db,
    );
    await expect(
      sql`INSERT INTO media_assets (id, client_id, sha256, kind, mime, bytes, created_at)
          VALUES ('m5', 'c1', ${'e'.repeat(64)}, 'pdf', 'application/pdf', 1, ${t})`.execute(db),
    ).rejects.toThrow(/CHECK/);
    await expect(
      sql`INSERT INTO media_assets (id, client_id, sha256, kind, mime, bytes, created_at)
          VALUES ('m6', 'c1', ${'d'.repeat(64)}, 'document', 'application/pdf', 512, ${t})`.execute(
        db,
      ),
    ).rejects.toThrow(/UNIQUE/);
    await sql`INSERT INTO post_part_media (part_id, position, media_id) VALUES ('pp1', 2, 'm4')`.execute(
      db,
    );

    // Foreign keys are on again: a used asset cannot go, an upload goes with its asset.
    await expect(sql`DELETE FROM media_assets WHERE id = 'm1'`.execute(db)).rejects.toThrow(
      /FOREIGN KEY/,
    );
    await sql`DELETE FROM media_assets WHERE id = 'm2'`.execute(db);
    expect(await count(db, 'x_media_uploads')).toBe(0);
    // Deleting the client cascades to its library, the shared asset stays.
    await sql`DELETE FROM post_parts`.execute(db);
    await sql`DELETE FROM clients WHERE id = 'c1'`.execute(db);
    expect(await quotedMedia(db)).toEqual([before[2]]);
    await db.destroy();
  });
});
