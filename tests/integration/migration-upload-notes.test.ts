// Migration 0027: the containers 0024 kept in part_containers become upload notes in the
// post's event log ([Note: upload notes]), in the order they were made, and the table goes.
// The notes come back through the post lifecycle as PartContext.uploads does, and the
// network reading them finds the same containers, relay object and expiry as before.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/core/db/open-database.ts';
import { keptContainers } from '../../main/core/platforms/instagram/containers.ts';
import { wholePart } from '../../main/core/platforms/port.ts';
import { createPostLifecycle } from '../../main/core/posts/lifecycle.ts';
import { recordingLogger } from '../helpers/core.ts';
import { openOldDatabase } from '../helpers/old-database.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

const t0 = Date.UTC(2026, 10, 30, 9);
const hour = 60 * 60_000;

/** A 0024 database: a carousel part with two items and its own container kept. */
async function oldDatabase(): Promise<string> {
  const dataDir = tempDataDir();
  const old = await openOldDatabase(dataDir, '0024-part-containers', t0);
  const sha = (n: number) => String(n).repeat(64);
  old.sqlite.exec(`
    INSERT INTO clients (id, name, color, timezone, created_at, updated_at)
      VALUES ('c', 'Bakery', '#112233', 'Europe/Berlin', 0, 0);
    INSERT INTO social_accounts (id, client_id, platform, platform_user_id, handle, created_at, updated_at)
      VALUES ('a', 'c', 'instagram', '1784', 'bakery', 0, 0);
    INSERT INTO posts (id, client_id, status, scheduled_at, timezone, created_at, updated_at)
      VALUES ('p', 'c', 'scheduled', ${t0}, 'Europe/Berlin', 0, 0);
    INSERT INTO post_parts (id, post_id, position, text) VALUES ('pp', 'p', 0, 'Two loaves');
    INSERT INTO post_targets (id, post_id, account_id, status, created_at, updated_at)
      VALUES ('t', 'p', 'a', 'scheduled', 0, 0);
    INSERT INTO media_assets (id, client_id, sha256, kind, mime, bytes, created_at)
      VALUES ('m1', 'c', '${sha(1)}', 'image', 'image/jpeg', 10, 0),
             ('m2', 'c', '${sha(2)}', 'video', 'video/mp4', 10, 0);
    INSERT INTO post_part_media (part_id, position, media_id) VALUES ('pp', 0, 'm1'), ('pp', 1, 'm2');
    INSERT INTO post_events (post_id, target_id, type, detail, at)
      VALUES ('p', 't', 'target.publishing', '{"attempt":1}', ${t0});
    INSERT INTO part_containers (target_id, part_id, slot, container_id, relay_key, created_at)
      VALUES ('t', 'pp', -1, 'C-album', NULL, ${t0 + 2000}),
             ('t', 'pp', 1, 'C-video', 'starling-relay/abc.mp4', ${t0 + 1000}),
             ('t', 'pp', 0, 'C-image', NULL, ${t0 + 1000});`);
  await old.db.destroy();
  return dataDir;
}

describe('migration 0027: containers become upload notes', () => {
  it('moves every kept container into the event log, in order, and drops the table', async () => {
    const dataDir = await oldDatabase();
    const upgraded = await openDatabase({ dataDir, now: () => t0, logger: recordingLogger() });
    try {
      const tables = upgraded.sqlite
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'part_containers'")
        .all();
      expect(tables).toEqual([]);

      const history = await createPostLifecycle(
        upgraded.db,
        () => t0,
        () => undefined,
      ).partHistory('p', 't');
      const uploads = history.get('pp')?.uploads;
      expect(uploads).toEqual([
        { assetId: 'm1', remoteMediaId: 'C-image', expiresAt: t0 + 1000 + 23 * hour, position: 0 },
        {
          assetId: 'm2',
          remoteMediaId: 'C-video',
          expiresAt: t0 + 1000 + 23 * hour,
          position: 1,
          relayKey: 'starling-relay/abc.mp4',
        },
        { assetId: wholePart, remoteMediaId: 'C-album', expiresAt: t0 + 2000 + 23 * hour },
      ]);
      // A retry finds the same three containers (the carousel made from these items) …
      const kept = keptContainers(uploads ?? [], t0 + hour);
      expect([...kept.values()].map((k) => [k.slot, k.containerId, k.relayKey])).toEqual([
        [0, 'C-image', null],
        [1, 'C-video', 'starling-relay/abc.mp4'],
        [-1, 'C-album', null],
      ]);
      // … and none once they expired: they are made again.
      expect(keptContainers(uploads ?? [], t0 + 24 * hour).size).toBe(0);
    } finally {
      await upgraded.db.destroy();
    }
    // Untouched: the log's other events.
    const db = new Database(`${dataDir}/starling.db`, { readonly: true });
    const types = db.prepare('SELECT type FROM post_events ORDER BY id').all();
    db.close();
    expect(types).toEqual([
      { type: 'target.publishing' },
      { type: 'media.uploaded' },
      { type: 'media.uploaded' },
      { type: 'media.uploaded' },
    ]);
  });
});
