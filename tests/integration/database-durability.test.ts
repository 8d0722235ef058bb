// [Note: group commit] Every write through the core's connection resolves only after a
// sync of the WAL followed its commit, as synchronous = FULL would have it, while the
// syncs run off the main thread and commits made together share one.
import fs from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGroupCommit } from '../../main/core/db/group-commit.ts';
import { openDatabase } from '../../main/core/db/open-database.ts';
import { recordingLogger } from '../helpers/core.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('group commit', () => {
  it('shares one sync among callers that come together, and starts another for later ones', async () => {
    const ends: (() => void)[] = [];
    const sync = vi.fn(
      () =>
        new Promise<void>((resolve) => {
          ends.push(resolve);
        }),
    );
    const durable = createGroupCommit(sync);
    const first = durable();
    // These commits came while the first sync ran: it may have begun before them.
    const order: string[] = [];
    const second = durable().then(() => order.push('second'));
    const third = durable().then(() => order.push('third'));
    void first.then(() => order.push('first'));
    expect(sync).toHaveBeenCalledTimes(1);
    ends[0]?.();
    await first;
    await vi.waitFor(() => {
      expect(sync).toHaveBeenCalledTimes(2);
    });
    expect(order).toEqual(['first']);
    ends[1]?.();
    await Promise.all([second, third]);
    expect(order).toEqual(['first', 'second', 'third']);
    expect(sync).toHaveBeenCalledTimes(2);
  });

  it('passes a failed sync on to its callers and still runs the next', async () => {
    let fail = true;
    const durable = createGroupCommit(() =>
      fail ? Promise.reject(new Error('disk gone')) : Promise.resolve(),
    );
    await expect(durable()).rejects.toThrow('disk gone');
    fail = false;
    await expect(durable()).resolves.toBeUndefined();
  });
});

describe('writes on the core connection', () => {
  it('resolve only after the WAL was synced, reads sync nothing, and concurrent writes share syncs', async () => {
    const dataDir = tempDataDir();
    const opened = await openDatabase({
      dataDir,
      now: () => Date.now(),
      logger: recordingLogger(),
    });
    try {
      expect(opened.sqlite.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
      const wal = `${opened.file}-wal`;
      const log: string[] = [];
      const open = fs.promises.open.bind(fs.promises);
      vi.spyOn(fs.promises, 'open').mockImplementation(async (file, flags) => {
        const handle = await open(file, flags);
        if (file === wal) {
          const sync = handle.sync.bind(handle);
          vi.spyOn(handle, 'sync').mockImplementation(async () => {
            await sync();
            log.push('synced');
          });
        }
        return handle;
      });
      const client = (id: string) => ({
        id,
        name: id,
        color: '#336699',
        timezone: 'Europe/Berlin',
        notes: '',
        created_at: 1,
        updated_at: 1,
      });

      await opened.db.insertInto('clients').values(client('c1')).execute();
      log.push('written');
      expect(log).toEqual(['synced', 'written']);

      await opened.db.selectFrom('clients').selectAll().execute();
      expect(log).toEqual(['synced', 'written']);

      await opened.db.transaction().execute(async (trx) => {
        await trx.insertInto('clients').values(client('c2')).execute();
        await trx.insertInto('clients').values(client('c3')).execute();
      });
      expect(log).toEqual(['synced', 'written', 'synced']);

      log.length = 0;
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          opened.db
            .insertInto('clients')
            .values(client(`many-${String(i)}`))
            .execute(),
        ),
      );
      const syncs = log.length;
      expect(syncs).toBeGreaterThan(0);
      expect(syncs).toBeLessThan(20);
    } finally {
      await opened.db.destroy();
    }
  });
});
