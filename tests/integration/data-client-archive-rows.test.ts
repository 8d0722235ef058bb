// Client archives come from elsewhere: what their rows say is checked like any other
// input, not trusted because the zip's own checks passed. A review packet's page name
// cannot point the packet's PDF at another file on this machine; what a media file is
// comes from its bytes; an archive cannot unpack past its limit or the disk's free space,
// nor name one file twice.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { archiveLimits } from '../../main/core/data/client-archive-format.ts';
import { dumpDatabase, expectOk, makeCore } from '../helpers/core.ts';
import { makeAccount, makePost } from '../helpers/post-factories.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';
import {
  clientWithEverything,
  exportTo,
  entriesOf,
  importInto,
  withManifest,
  zipOf,
} from './client-archive-fixture.ts';

describe('rows of a client archive', () => {
  it('carry the history of a post whose account was removed before the export', async () => {
    const source = await makeCore();
    const { clientId } = await clientWithEverything(source);
    const db = source.database.db;
    const removed = await makeAccount(db, clientId, { handle: 'gone_atelier' });
    const other = await makePost(db, {
      clientId,
      accountIds: [removed],
      parts: ['Gone'],
      status: 'published',
    });
    await db
      .insertInto('post_events')
      .values({
        post_id: other.postId,
        target_id: other.targets[removed] ?? '',
        type: 'target.published',
        detail: '{"remoteId":"31"}',
        at: 1,
      })
      .execute();
    expectOk(await source.invoke('accounts:remove', { id: removed }));
    const out = path.join(tempDataDir('starling-arch-'), 'gone.zip');
    await exportTo(source, clientId, out);

    const target = await makeCore();
    const imported = await importInto(target, out);
    expect(imported).toMatchObject({ posts: 2 });
    const events = target.database.sqlite
      .prepare(`SELECT target_id, detail FROM post_events WHERE type = 'target.published'`)
      .all() as { target_id: string; detail: string }[];
    expect(events).toHaveLength(1);
    expect(events[0]?.detail).toBe('{"remoteId":"31"}');
    // A new id of its own: neither the source's nor any target's here.
    expect(events[0]?.target_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(events[0]?.target_id).not.toBe(other.targets[removed]);
    expect(target.database.sqlite.prepare('SELECT count(*) FROM post_targets').pluck().get()).toBe(
      1,
    );
  });

  it('cannot name the page a review packet is printed from', async () => {
    const source = await makeCore();
    const { clientId } = await clientWithEverything(source);
    expectOk(await source.invoke('review:send', { clientId }));
    const out = path.join(tempDataDir('starling-arch-'), 'packet.zip');
    await exportTo(source, clientId, out);
    const forged = await withManifest(out, (tables) => {
      for (const packet of tables.review_packets ?? []) {
        const rows = [...(tables.review_packet_posts ?? []), ...(tables.post_approvals ?? [])];
        for (const row of rows) if (row.packet_id === packet.id) row.packet_id = '../../escape';
        packet.id = '../../escape';
        packet.file_name = '../../secret.txt';
      }
    });

    const printed: string[] = [];
    const target = await makeCore({
      ports: {
        printPdf: (html) => {
          printed.push(html);
          return Promise.resolve(Buffer.from('%PDF-1.7 test'));
        },
      },
    });
    fs.writeFileSync(path.join(target.dataDir, 'secret.txt'), 'the user’s own file');
    const imported = await importInto(target, forged);
    const [packet] = target.database.sqlite
      .prepare('SELECT id, file_name FROM review_packets')
      .all() as { id: string; file_name: string }[];
    expect(packet?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(packet?.file_name).toBe(`${packet?.id ?? ''}.html`);
    const listed = expectOk(await target.invoke('review:list', { clientId: imported.clientId }));
    expect(listed[0]?.filePath).toBe(
      path.join(target.dataDir, 'reviews', `${packet?.id ?? ''}.html`),
    );

    // A row written before this check (or by hand) is refused at the PDF, unread.
    target.database.sqlite.prepare('UPDATE review_packets SET file_name = ?').run('../secret.txt');
    expect(await target.invoke('review:export-pdf', { id: packet?.id ?? '' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    target.database.sqlite.prepare('UPDATE review_packets SET file_name = ?').run('secret.txt');
    expect(await target.invoke('review:export-pdf', { id: packet?.id ?? '' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(printed).toEqual([]);
  });

  it('are what their bytes say, whatever the rows claim', async () => {
    const source = await makeCore();
    const { clientId, png } = await clientWithEverything(source);
    const out = path.join(tempDataDir('starling-arch-'), 'media.zip');
    await exportTo(source, clientId, out);
    const claims = await withManifest(out, (tables) => {
      for (const media of tables.media_assets ?? []) {
        Object.assign(media, { kind: 'document', mime: 'text/html', bytes: 1, width: 9999 });
      }
    });
    const target = await makeCore();
    await importInto(target, claims);
    expect(
      target.database.sqlite.prepare('SELECT kind, mime, bytes, width FROM media_assets').all(),
    ).toEqual([{ kind: 'image', mime: 'image/png', bytes: png.length, width: 32 }]);

    // A page in the media's place is refused whole, as any import refuses it.
    const page = Buffer.from('<!doctype html><script>alert(1)</script>');
    const sha = createHash('sha256').update(page).digest('hex');
    const entries = await entriesOf(out);
    const oldSha =
      /^media\/(\w+)$/.exec(entries.find((e) => e.name.startsWith('media/'))?.name ?? '')?.[1] ??
      '';
    const swapped = await zipOf(
      entries.map((entry) =>
        entry.name.startsWith('media/')
          ? { name: `media/${sha}`, bytes: page }
          : {
              name: entry.name,
              bytes: Buffer.from(entry.bytes.toString('utf8').replaceAll(oldSha, sha)),
            },
      ),
    );
    const other = await makeCore();
    const before = dumpDatabase(other);
    await expect(importInto(other, swapped)).rejects.toMatchObject({
      error: {
        code: 'VALIDATION',
        message: expect.stringContaining('not a file type Starling recognises'),
      },
    });
    expect(dumpDatabase(other)).toEqual(before);
    expect(fs.readdirSync(path.join(other.dataDir, 'media'))).toEqual([]);
  });

  it('cannot unpack past the limit or the disk, nor name a file twice', async () => {
    const source = await makeCore();
    const { clientId } = await clientWithEverything(source);
    const out = path.join(tempDataDir('starling-arch-'), 'big.zip');
    await exportTo(source, clientId, out);
    const target = await makeCore();
    const before = dumpDatabase(target);
    const media = () => fs.readdirSync(path.join(target.dataDir, 'media'));

    const entries = await entriesOf(out);
    const twice = await zipOf([...entries, ...entries.filter((e) => e.name.startsWith('media/'))]);
    await expect(importInto(target, twice)).rejects.toMatchObject({
      error: { message: expect.stringMatching(/"media\/\w+" appears twice/) },
    });

    const saved = { ...archiveLimits };
    try {
      archiveLimits.totalBytes = 100;
      await expect(importInto(target, out)).rejects.toMatchObject({
        error: { message: expect.stringContaining('the limit for an archive') },
      });
      archiveLimits.totalBytes = saved.totalBytes;
      archiveLimits.reserveBytes = Number.MAX_SAFE_INTEGER;
      await expect(importInto(target, out)).rejects.toMatchObject({
        error: { message: expect.stringContaining('more than the disk has free') },
      });
    } finally {
      Object.assign(archiveLimits, saved);
    }
    expect(dumpDatabase(target)).toEqual(before);
    expect(media()).toEqual([]);
  });
});
