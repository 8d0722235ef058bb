// Reads an archive entry by entry before anything is written: only the manifest and
// media/<sha256> entries, within their size limits, media whose bytes match their name
// (staged under temp names in the media folder) and a manifest from this version or older.
// [Note: client archives] in client-archive-format.ts.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type yauzl from 'yauzl';
import { migrations as appMigrations } from '../../../migrations/index.ts';
import { failure } from '../../../shared/result.ts';
import { mediaDir } from '../media/media-paths.ts';
import type { Operation } from '../progress/operations.ts';
import { archivedAccountProblem } from './archive-accounts.ts';
import {
  archiveFormat,
  archiveLimits,
  manifestName,
  mediaEntry,
  refuse,
  tables,
  type ArchiveManifest,
} from './client-archive-format.ts';

async function openZip(file: string): Promise<yauzl.ZipFile> {
  // The library is loaded here, on first use, not with the core (vite.cli.config.ts).
  const { default: unzip } = await import('yauzl');
  return new Promise((resolve, reject) => {
    unzip.open(
      file,
      { lazyEntries: true, autoClose: false, strictFileNames: true, validateEntrySizes: true },
      (error, zip) => {
        if (error !== null)
          reject(refuse(file, `it is not a readable zip archive (${error.message}).`));
        else resolve(zip);
      },
    );
  });
}

function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error !== null) reject(error);
      else resolve(stream);
    });
  });
}

/** Bytes free to this user on the disk holding `dir`; unbounded where it cannot be told. */
function freeBytes(dir: string): number {
  try {
    const disk = fs.statfsSync(dir);
    return disk.bavail * disk.bsize;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

export interface Staged {
  manifest: ArchiveManifest | null;
  /** sha256 → temp file inside the media folder, checked. */
  media: Map<string, string>;
}

/** Reads every entry, refusing anything unexpected; media are staged under temp names. */
export async function readArchive(file: string, dataDir: string, op: Operation): Promise<Staged> {
  const zip = await openZip(file);
  const entries = zip.entryCount;
  const staged: Staged = { manifest: null, media: new Map() };
  fs.mkdirSync(mediaDir(dataDir), { recursive: true });
  let count = 0;
  let unpacked = 0;
  const free = freeBytes(mediaDir(dataDir));
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (error: Error) => {
        reject(refuse(file, `${error.message}.`));
      });
      zip.on('end', () => {
        resolve();
      });
      zip.on('entry', (entry: yauzl.Entry) => {
        void (async () => {
          op.report('checking', count, entries, 'entries');
          // Nothing is written before every entry is checked: stopping here is safe.
          op.throwIfCancelled();
          count += 1;
          const name = entry.fileName;
          if (count > archiveLimits.entries) throw refuse(file, 'it has too many entries.');
          const media = mediaEntry.exec(name);
          if (name !== manifestName && media === null) {
            throw refuse(
              file,
              `it holds "${name}", which a Starling client archive never contains (only ${manifestName} and media/<sha256>).`,
            );
          }
          if (entry.isEncrypted()) throw refuse(file, `"${name}" is encrypted.`);
          const limit = media === null ? archiveLimits.manifestBytes : archiveLimits.mediaBytes;
          if (entry.uncompressedSize > limit) {
            throw refuse(
              file,
              `"${name}" is ${String(entry.uncompressedSize)} bytes, over the ${String(limit)}-byte limit.`,
            );
          }
          // Each entry's size is checked against its bytes as they are read (yauzl's
          // validateEntrySizes), so the sum of the sizes it claims bounds what is written.
          unpacked += entry.uncompressedSize;
          if (unpacked > archiveLimits.totalBytes) {
            throw refuse(
              file,
              `it unpacks to more than ${String(archiveLimits.totalBytes)} bytes, the limit for an archive.`,
            );
          }
          if (unpacked > free - archiveLimits.reserveBytes) {
            throw refuse(
              file,
              `it unpacks to more than the disk has free (${String(free)} bytes, keeping ${String(archiveLimits.reserveBytes)} free).`,
            );
          }
          const stream = await openEntry(zip, entry);
          if (media === null) {
            if (staged.manifest !== null) throw refuse(file, `${manifestName} appears twice.`);
            const chunks: Buffer[] = [];
            for await (const chunk of stream) chunks.push(chunk as Buffer);
            staged.manifest = parseManifest(file, Buffer.concat(chunks).toString('utf8'));
          } else {
            const sha = media[1] ?? '';
            if (staged.media.has(sha)) throw refuse(file, `"${name}" appears twice.`);
            const temp = path.join(mediaDir(dataDir), `.incoming-archive-${randomUUID()}`);
            staged.media.set(sha, temp);
            const hash = createHash('sha256');
            const out = fs.createWriteStream(temp, { flags: 'wx' });
            for await (const chunk of stream) {
              hash.update(chunk as Buffer);
              if (!out.write(chunk)) {
                await new Promise<void>((r) => {
                  out.once('drain', () => {
                    r();
                  });
                });
              }
            }
            await new Promise<void>((r, j) => {
              out.end(() => {
                r();
              });
              out.once('error', j);
            });
            if (hash.digest('hex') !== sha)
              throw refuse(file, `the bytes of "${name}" do not match its name.`);
          }
          zip.readEntry();
        })().catch(reject);
      });
      zip.readEntry();
    });
  } catch (error) {
    for (const temp of staged.media.values()) fs.rmSync(temp, { force: true });
    throw error;
  } finally {
    zip.close();
  }
  return staged;
}

function parseManifest(file: string, text: string): ArchiveManifest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw refuse(file, `${manifestName} is not valid JSON.`);
  }
  const m = parsed as Partial<ArchiveManifest> | null;
  if (m === null || typeof m !== 'object' || m.format !== archiveFormat || m.version !== 1) {
    throw refuse(file, 'it is not a Starling client archive (version 1).');
  }
  if (!Array.isArray(m.migrations) || typeof m.tables !== 'object') {
    throw refuse(file, `${manifestName} is incomplete.`);
  }
  const known = Object.keys(appMigrations);
  const unknown = m.migrations.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw failure(
      'DATABASE_TOO_NEW',
      `${file} was exported by a newer version of Starling (migration ${unknown.join(', ')}): update Starling to import it. Nothing was imported.`,
    );
  }
  for (const [table, rows] of Object.entries(m.tables)) {
    if (!tables.some(([t]) => t === table) || !Array.isArray(rows)) {
      throw refuse(file, `${manifestName} has an unexpected table "${table}".`);
    }
    if ((rows as unknown[]).some((r) => r === null || typeof r !== 'object' || Array.isArray(r))) {
      throw refuse(file, `${manifestName} has a malformed row in ${table}.`);
    }
  }
  for (const row of m.tables.social_accounts ?? []) {
    const problem = archivedAccountProblem(row);
    if (problem !== null) throw refuse(file, problem);
  }
  return m as ArchiveManifest;
}
