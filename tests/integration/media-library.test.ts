// The media library on a real data folder: real images, GIFs and an MP4 are sniffed,
// measured, thumbnailed and stored once; broken files are refused leaving nothing behind;
// delete respects posts; Fit for X makes a new asset; the desktop dialog path announces progress.
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createNodePorts } from '../../main/core/adapters/node-ports.ts';
import { createCore } from '../../main/core/create-core.ts';
import type { Ports } from '../../main/core/ports.ts';
import type { Events } from '../../shared/ipc/events.ts';

import { dumpDatabase, makeCore, type TestCore, expectOk } from '../helpers/core.ts';
import { makeClientInput } from '../helpers/factories.ts';
import { imageBytes, mp4Bytes, noisyPng, writeFile } from '../helpers/media-files.ts';
import { makePost } from '../helpers/post-factories.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

async function setup(extraPorts: Partial<Ports> = {}) {
  let core = await makeCore();
  if (Object.keys(extraPorts).length > 0) {
    // Ports the Node adapters do not carry (the desktop dialog): a core built with them.
    const dataDir = tempDataDir();
    const ports = {
      ...createNodePorts(dataDir, { clock: core.clock, logger: core.logger, localTimeZone: 'UTC' }),
      ...extraPorts,
    };
    const withPorts = await createCore({ dataDir, host: 'cli', ports });
    onTestFinished(() => withPorts.close());
    core = { ...withPorts, dataDir, clock: core.clock, logger: core.logger };
  }
  const client = async (name: string) => {
    const made = await core.invoke('clients:create', makeClientInput({ name }));
    if (!made.ok) throw new Error(made.error.message);
    return made.value.id;
  };
  const clientId = await client('Bakery');
  const files = tempDataDir('starling-media-src-');
  return { core, clientId, client, files };
}

const stored = (core: TestCore) => {
  const dir = path.join(core.dataDir, 'media');
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
};

describe('media library import', () => {
  it('sniffs the real type, reads size and length, thumbnails images and lists them', async () => {
    const { core, clientId, files } = await setup();
    // A PNG named .jpg: the bytes decide.
    const png = writeFile(files, 'shop.jpg', await imageBytes('png', 640, 480));
    const jpeg = writeFile(files, 'loaf.jpeg', await imageBytes('jpeg', 300, 200));
    const webp = writeFile(files, 'rye', await imageBytes('webp', 120, 90));
    const gif = writeFile(files, 'oven.gif', await imageBytes('gif', 50, 40));
    const video = writeFile(files, 'tour.mov', mp4Bytes(2500, 320, 240));
    for (const file of [png, jpeg, webp, gif, video]) await core.media.importFile(file, clientId);

    const list = expectOk(await core.invoke('media:list', { clientId }));
    const byName = new Map(list.map((m) => [m.name, m]));
    expect(byName.get('shop.jpg')).toMatchObject({
      kind: 'image',
      mime: 'image/png',
      width: 640,
      height: 480,
      hasThumbnail: true,
      problems: [],
      uses: [],
    });
    expect(byName.get('loaf.jpeg')).toMatchObject({ mime: 'image/jpeg', width: 300, height: 200 });
    expect(byName.get('rye')).toMatchObject({ mime: 'image/webp', width: 120, height: 90 });
    expect(byName.get('oven.gif')).toMatchObject({ kind: 'gif', mime: 'image/gif', width: 50 });
    expect(byName.get('tour.mov')).toMatchObject({
      kind: 'video',
      mime: 'video/mp4',
      width: 320,
      height: 240,
      durationMs: 2500,
      hasThumbnail: false,
    });
    // Thumbnails are real images no larger than 320 px.
    const thumb = await core.media.thumbnailOf(byName.get('shop.jpg')?.id ?? '');
    const meta = await sharp(thumb ?? '').metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 320, height: 240 });
    expect(stored(core).filter((n) => !n.endsWith('.thumb.webp'))).toHaveLength(5);
    expect(stored(core).some((n) => n.startsWith('.incoming-'))).toBe(false);
  });

  it('stores the same file once: a second import reuses the row, another client shares the bytes', async () => {
    const { core, clientId, client, files } = await setup();
    const bytes = await imageBytes('jpeg', 200, 100);
    const first = writeFile(files, 'a.jpg', bytes);
    const again = writeFile(files, 'copy of a.jpg', bytes);
    const one = await core.media.importFile(first, clientId);
    const two = await core.media.importFile(again, clientId);
    expect(two).toMatchObject({ id: one.id, createdRow: false, createdFile: false });
    const otherClient = await client('Florist');
    const three = await core.media.importFile(first, otherClient);
    expect(three.id).not.toBe(one.id);
    expect(three.createdFile).toBe(false);
    expect(stored(core)).toEqual([one.sha256, `${one.sha256}.thumb.webp`]);
    expect(expectOk(await core.invoke('media:list', { clientId }))).toHaveLength(1);

    // Deleting one client's row keeps the bytes the other still names.
    expectOk(await core.invoke('media:delete', { id: one.id }));
    expect(stored(core)).toEqual([one.sha256, `${one.sha256}.thumb.webp`]);
    expectOk(await core.invoke('media:delete', { id: three.id }));
    expect(stored(core)).toEqual([]);
  });

  it('refuses broken files with a clear error and leaves no row, blob, thumbnail or temp file', async () => {
    const { core, clientId, files } = await setup();
    const png = await imageBytes('png', 400, 300);
    const video = mp4Bytes(3000);
    fs.mkdirSync(path.join(files, 'folder.png'));
    const cases: [string, RegExp][] = [
      [writeFile(files, 'empty.png', Buffer.alloc(0)), /empty\.png is empty/],
      [
        writeFile(files, 'cut.png', png.subarray(0, Math.floor(png.length / 2))),
        /cut\.png .*cannot be decoded.*cut off/,
      ],
      [writeFile(files, 'cut.mp4', video.subarray(0, video.length - 40)), /cut\.mp4 .*truncated/],
      [
        writeFile(files, 'notes.jpg', 'just some text, not a photo\n'.repeat(20)),
        /notes\.jpg is not a file type Starling recognises\. Use a JPEG/,
      ],
      [
        writeFile(files, 'doc.png', Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n')),
        // A PDF is a document now, but this one stops before its end marker.
        /doc\.png starts as a PDF but has no end marker/,
      ],
      [path.join(files, 'folder.png'), /is a folder|not a regular file/],
      [path.join(files, 'missing.png'), /missing\.png: no such file/],
      ['/dev/zero', /not a regular file/],
    ];
    const before = dumpDatabase(core);
    for (const [file, message] of cases) {
      await expect(core.media.importFile(file, clientId), file).rejects.toMatchObject({
        error: { code: 'VALIDATION', message: expect.stringMatching(message) },
      });
    }
    expect(dumpDatabase(core)).toEqual(before);
    expect(stored(core)).toEqual([]);
  });

  it('gives two imports of the same file at once one row and one blob', async () => {
    const { core, clientId, files } = await setup();
    const bytes = await imageBytes('png', 800, 800);
    const [a, b] = await Promise.all([
      core.media.importFile(writeFile(files, 'a.png', bytes), clientId),
      core.media.importFile(writeFile(files, 'b.png', bytes), clientId),
    ]);
    expect(a.id).toBe(b.id);
    expect([a.createdRow, b.createdRow].sort()).toEqual([false, true]);
    expect(expectOk(await core.invoke('media:list', { clientId }))).toHaveLength(1);
    expect(stored(core)).toEqual([a.sha256, `${a.sha256}.thumb.webp`]);
  });

  it('refuses an unknown client before reading anything', async () => {
    const { core, files } = await setup();
    const file = writeFile(files, 'a.png', await imageBytes());
    await expect(core.media.importFile(file, 'no-such-client')).rejects.toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
    expect(stored(core)).toEqual([]);
  });

  it('searches by name and filters by kind, on the client index', async () => {
    const { core, clientId, files } = await setup();
    await core.media.importFile(writeFile(files, 'Summer_sale.png', await imageBytes()), clientId);
    await core.media.importFile(writeFile(files, 'winter.png', await imageBytes()), clientId);
    await core.media.importFile(writeFile(files, 'summer.gif', await imageBytes('gif')), clientId);
    const names = async (input: object) =>
      expectOk(await core.invoke('media:list', { clientId, ...input })).map((m) => m.name);
    expect((await names({ search: 'SUMMER' })).sort()).toEqual(['Summer_sale.png', 'summer.gif']);
    expect(await names({ search: 'summer', kind: 'gif' })).toEqual(['summer.gif']);
    expect(await names({ search: '_' })).toEqual(['Summer_sale.png']);
    expect(await names({ search: '%' })).toEqual([]);
    const plan = core.database.sqlite
      .prepare(
        'EXPLAIN QUERY PLAN SELECT * FROM media_assets WHERE client_id = ? ORDER BY created_at DESC',
      )
      .all('x') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('media_assets_by_client');
  });
});

describe('media library use and delete', () => {
  it('shows where media is used and refuses to delete it while a post uses it', async () => {
    const { core, clientId, files } = await setup();
    const asset = await core.media.importFile(
      writeFile(files, 'a.png', await imageBytes()),
      clientId,
    );
    await core.database.db
      .insertInto('social_accounts')
      .values({
        id: 'acc',
        client_id: clientId,
        platform: 'x',
        platform_user_id: '1',
        handle: 'bakery',
        created_at: 0,
        updated_at: 0,
      })
      .execute();
    const { postId } = await makePost(core.database.db, {
      clientId,
      accountIds: ['acc'],
      parts: [{ text: 'Fresh bread\nall day', media: [{ assetId: asset.id, alt: 'Bread' }] }],
      status: 'scheduled',
      scheduledAt: core.clock.now() + 3_600_000,
    });
    const shown = expectOk(await core.invoke('media:get', { id: asset.id }));
    expect(shown.uses).toEqual([
      expect.objectContaining({ postId, status: 'scheduled', firstLine: 'Fresh bread' }),
    ]);
    const refused = await core.invoke('media:delete', { id: asset.id });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringMatching(/may still go out.*Cancel them/) },
    });
    expect(stored(core)).toContain(asset.sha256);
    expect(await core.invoke('media:delete', { id: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});

describe('Fit for X', () => {
  it('crops to 16:9 as a new asset and keeps the original', async () => {
    const { core, clientId, files } = await setup();
    const original = await core.media.importFile(
      writeFile(files, 'shop.png', await imageBytes('png', 400, 300)),
      clientId,
    );
    const fitted = expectOk(await core.invoke('media:fit', { id: original.id, aspect: '16:9' }));
    expect(fitted).toMatchObject({
      name: 'shop (16x9).png',
      width: 400,
      height: 225,
      kind: 'image',
    });
    expect(fitted.id).not.toBe(original.id);
    const square = expectOk(await core.invoke('media:fit', { id: original.id, aspect: '1:1' }));
    expect(square).toMatchObject({ width: 300, height: 300 });
    expect(expectOk(await core.invoke('media:list', { clientId }))).toHaveLength(3);
    expect(await core.invoke('media:fit', { id: original.id, aspect: 'original' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/already fits X/) },
    });
  });

  it('downscales an over-size image under 5 MB and 4096 px', async () => {
    const { core, clientId, files } = await setup();
    const big = await noisyPng(1800, 1400);
    expect(big.length).toBeGreaterThan(5 * 1024 * 1024);
    const original = await core.media.importFile(writeFile(files, 'noise.png', big), clientId);
    const before = expectOk(await core.invoke('media:get', { id: original.id }));
    expect(before.problems.join(' ')).toMatch(/noise\.png is .* MB; X allows 5\.0 MB.*Fit for X/);
    const fitted = expectOk(
      await core.invoke('media:fit', {
        id: original.id,
        aspect: 'original',
      }),
    );
    expect(fitted.bytes).toBeLessThanOrEqual(5 * 1024 * 1024);
    expect(fitted.problems).toEqual([]);
    expect((fitted.width ?? 0) / (fitted.height ?? 1)).toBeCloseTo(1800 / 1400, 1);
    expect(expectOk(await core.invoke('media:get', { id: original.id }))).toMatchObject({
      bytes: big.length,
    });
  });

  it('refuses GIFs and video with a message that says why', async () => {
    const { core, clientId, files } = await setup();
    const gif = await core.media.importFile(
      writeFile(files, 'a.gif', await imageBytes('gif')),
      clientId,
    );
    expect(await core.invoke('media:fit', { id: gif.id, aspect: '1:1' })).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: 'Fit for X works on JPEG, PNG and WebP images; a.gif is a GIF.',
      },
    });
  });
});

describe('desktop file dialog import', () => {
  it('imports what the dialog returns, announcing progress and the saved asset', async () => {
    const picked: string[] = [];
    const { core, clientId, files } = await setup({
      pickMediaFiles: () => Promise.resolve(picked),
    });
    picked.push(
      writeFile(files, 'a.webp', await imageBytes('webp')),
      writeFile(files, 'b.mp4', mp4Bytes(1000)),
    );
    const seen: [string, unknown][] = [];
    core.events.subscribe((event, payload) => {
      if (event.startsWith('media:') || event === 'operation:progressed') {
        seen.push([event, payload]);
      }
    });
    const assets = expectOk(
      await core.invoke('media:pick-and-import', {
        clientId,
        operation: 'pick-1',
      }),
    );
    expect(assets.map((a) => a.name)).toEqual(['a.webp', 'b.mp4']);
    const progress = seen.filter(([e]) => e === 'operation:progressed').map(([, p]) => p);
    const bytes = picked.reduce((sum, file) => sum + fs.statSync(file).size, 0);
    // One operation over both files, in bytes, ending at their sum.
    expect(progress.at(-1)).toEqual({
      operation: 'pick-1',
      kind: 'media-import',
      phase: 'copying b.mp4',
      done: bytes,
      total: bytes,
      unit: 'bytes',
      cancellable: false,
      state: 'done',
    } satisfies Events['operation:progressed']);
    expect(seen.filter(([e]) => e === 'media:saved')).toHaveLength(2);
  });

  it('says to upload instead where there is no dialog', async () => {
    const { core, clientId } = await setup();
    expect(await core.invoke('media:pick-and-import', { clientId })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/no file dialog here/) },
    });
  });
});

describe('scheduling checks media against X limits', () => {
  it('refuses a video over 140 s and an image over 5 MB, saying what to change, and writes nothing', async () => {
    const { core, clientId, files } = await setup();
    await core.database.db
      .insertInto('social_accounts')
      .values({
        id: 'acc',
        client_id: clientId,
        platform: 'x',
        platform_user_id: '1',
        handle: 'bakery',
        created_at: 0,
        updated_at: 0,
      })
      .execute();
    const long = await core.media.importFile(
      writeFile(files, 'long.mp4', mp4Bytes(150_000)),
      clientId,
    );
    const big = await core.media.importFile(
      writeFile(files, 'big.png', await noisyPng(1800, 1400)),
      clientId,
    );
    const fine = await core.media.importFile(
      writeFile(files, 'fine.png', await imageBytes()),
      clientId,
    );
    const schedule = (mediaId: string, altText?: string) =>
      core.invoke('posts:schedule', {
        clientId,
        accountIds: ['acc'],
        parts: [{ text: 'Hi', media: [{ mediaId, ...(altText !== undefined && { altText }) }] }],
        when: { at: '2026-12-01 09:00' },
      });
    const before = dumpDatabase(core);
    expect(await schedule(long.id)).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: 'The post: long.mp4 lasts 150.0 s; X allows 140.0 s: trim 10.0 s.',
      },
    });
    expect(await schedule(big.id)).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: expect.stringMatching(
          /^The post: big\.png is .* MB; X allows 5\.0 MB for an image: use "Fit for X" to downscale it\.$/,
        ),
      },
    });
    expect(dumpDatabase(core)).toEqual(before);
    expect(await schedule(fine.id, 'A loaf')).toMatchObject({ ok: true });
  });
});
