// What the client-archive tests share: a client with one of everything, export and import
// between data folders, and zips written by hand (hostile ones included).
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import sharp from 'sharp';
import { expect } from 'vitest';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { exportClientArchive } from '../../main/core/data/client-archive-export.ts';
import { importClientArchive } from '../../main/core/data/client-archive-import.ts';
import { createQueueSlots } from '../../main/core/services/queue-slots.ts';
import { expectOk, type TestCore } from '../helpers/core.ts';
import { makeAccount, makeClient, makeMediaAsset } from '../helpers/post-factories.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

export async function clientWithEverything(core: TestCore) {
  const db = core.database.db;
  const clientId = await makeClient(db, { name: 'Archived Atelier', timezone: 'Europe/Paris' });
  const accountId = await makeAccount(db, clientId, {
    handle: 'atelier',
    platformUserId: '424242',
  });
  const png = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#336699' } })
    .png()
    .toBuffer();
  const mediaId = await makeMediaAsset(db, core.dataDir, {
    bytes: png,
    kind: 'image',
    mime: 'image/png',
    clientId,
  });
  const post = expectOk(
    await core.invoke('posts:schedule', {
      clientId,
      accountIds: [accountId],
      parts: [
        { text: 'Spring collection', media: [{ mediaId, altText: 'Blue fabric' }] },
        { text: 'Part two' },
      ],
      when: { at: '2026-12-05 10:00' },
    }),
  );
  await createQueueSlots(db, { clock: core.clock, newId: () => crypto.randomUUID() }).replace(
    accountId,
    [{ weekday: 0, minuteOfDay: 600 }],
  );
  return { clientId, accountId, post, png };
}

export const exportTo = async (core: TestCore, clientId: string, out: string) =>
  exportClientArchive({
    sqlite: core.database.sqlite,
    dataDir: core.dataDir,
    clientId,
    out,
    now: core.clock.now(),
  });

export const importInto = (core: TestCore, file: string) =>
  importClientArchive({
    sqlite: core.database.sqlite,
    dataDir: core.dataDir,
    file,
    newId: () => crypto.randomUUID(),
  });

/** A zip with the given entries; names may be made hostile after writing (yazl refuses them). */
export async function zipOf(
  entries: { name: string; bytes: Buffer }[],
  rename?: [string, string],
): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const e of entries) zip.addBuffer(e.bytes, e.name, { compress: false });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  let bytes = Buffer.concat(chunks);
  if (rename !== undefined) {
    // Same length, so every offset in the zip stays right: the classic zip-slip forgery.
    expect(rename[0].length).toBe(rename[1].length);
    bytes = Buffer.from(bytes.toString('latin1').replaceAll(rename[0], rename[1]), 'latin1');
  }
  const file = path.join(tempDataDir('starling-zip-'), 'archive.zip');
  fs.writeFileSync(file, bytes);
  return file;
}

/** Every entry of a zip, read whole (archives in tests are small). */
export async function entriesOf(file: string): Promise<{ name: string; bytes: Buffer }[]> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, opened) => {
      if (error !== null) reject(error);
      else resolve(opened);
    });
  });
  const entries: { name: string; bytes: Buffer }[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (error, stream: Readable) => {
        if (error !== null) {
          reject(error);
          return;
        }
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
        });
        stream.on('end', () => {
          entries.push({ name: entry.fileName, bytes: Buffer.concat(chunks) });
          zip.readEntry();
        });
      });
    });
    zip.on('end', () => {
      resolve();
    });
    zip.on('error', reject);
    zip.readEntry();
  });
  return entries;
}

/** The archive `file` again, with its manifest changed by `edit` (as a forger would). */
export async function withManifest(
  file: string,
  edit: (tables: Record<string, Record<string, unknown>[]>) => void,
): Promise<string> {
  const entries = await entriesOf(file);
  return zipOf(
    entries.map((entry) => {
      if (entry.name !== 'starling-client.json') return entry;
      const manifest = JSON.parse(entry.bytes.toString('utf8')) as {
        tables: Record<string, Record<string, unknown>[]>;
      };
      edit(manifest.tables);
      return { name: entry.name, bytes: Buffer.from(JSON.stringify(manifest)) };
    }),
  );
}
