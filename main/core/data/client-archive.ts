// A client exported whole as one zip (its rows as JSON, its media files by SHA-256) and
// imported on another machine. [Note: client archives] An import makes NEW ids for
// everything, so an archive can be imported beside the client it came from; accounts
// arrive without tokens (they never leave a machine) as "needs reconnecting", so their
// posts wait until the account is reconnected; each keeps its network, server and settings
// (archive-accounts.ts checks them on the way in). Only the two kinds of entries an export
// writes are accepted: anything else, a path that could escape (zip-slip), an entry
// larger than its limit, or media whose bytes do not match their name refuses the whole
// archive, and nothing is written until every entry has been checked.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type Database from 'better-sqlite3';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { migrations as appMigrations } from '../../../migrations/index.ts';
import type { Platform } from '../../../shared/accounts.ts';
import { failure } from '../../../shared/result.ts';
import { mediaDir, mediaFilePath, thumbnailFilePath } from '../media/media-paths.ts';
import { cancelledFailure, silentOperation, type Operation } from '../progress/operations.ts';
import { archivedAccountProblem } from './archive-accounts.ts';
import { accountLabel } from './csv-accounts.ts';

export const archiveFormat = 'starling-client-archive';
const manifestName = 'starling-client.json';
const mediaEntry = /^media\/([0-9a-f]{64})$/;

export const archiveLimits = {
  manifestBytes: 256 * 1024 * 1024,
  mediaBytes: 512 * 1024 * 1024,
  entries: 100_000,
};

/** Tables copied, parents first; the column that ties each row to the client's data. */
const tables = [
  ['clients', 'id IN (SELECT :client)'],
  ['social_accounts', 'client_id = :client'],
  ['campaigns', 'client_id = :client'],
  [
    'media_assets',
    `client_id = :client OR id IN (SELECT m.media_id FROM post_part_media m
       JOIN post_parts pp ON pp.id = m.part_id JOIN posts p ON p.id = pp.post_id WHERE p.client_id = :client)`,
  ],
  ['posts', 'client_id = :client'],
  ['post_parts', 'post_id IN (SELECT id FROM posts WHERE client_id = :client)'],
  [
    'post_part_variants',
    'part_id IN (SELECT pp.id FROM post_parts pp JOIN posts p ON p.id = pp.post_id WHERE p.client_id = :client)',
  ],
  [
    'post_part_media',
    'part_id IN (SELECT pp.id FROM post_parts pp JOIN posts p ON p.id = pp.post_id WHERE p.client_id = :client)',
  ],
  ['post_targets', 'post_id IN (SELECT id FROM posts WHERE client_id = :client)'],
  [
    'post_target_parts',
    'target_id IN (SELECT t.id FROM post_targets t JOIN posts p ON p.id = t.post_id WHERE p.client_id = :client)',
  ],
  [
    'publish_jobs',
    `kind = 'publish' AND status = 'pending' AND target_id IN
       (SELECT t.id FROM post_targets t JOIN posts p ON p.id = t.post_id WHERE p.client_id = :client)`,
  ],
  ['post_events', 'post_id IN (SELECT id FROM posts WHERE client_id = :client)'],
  ['posting_slots', 'account_id IN (SELECT id FROM social_accounts WHERE client_id = :client)'],
  ['templates', 'client_id = :client'],
  ['hashtag_groups', 'client_id = :client'],
] as const;

type TableName = (typeof tables)[number][0];
type Row = Record<string, unknown>;

/** Columns holding ids of rows inside the archive; each is given a new id on import. */
const idColumns = [
  'id',
  'client_id',
  'account_id',
  'campaign_id',
  'post_id',
  'part_id',
  'target_id',
  'media_id',
];

/** Tables whose `id` is SQLite's own integer: a new row number is given, not mapped. */
const integerIds = new Set<TableName>(['post_events']);

export interface ArchiveManifest {
  format: typeof archiveFormat;
  version: 1;
  migrations: string[];
  exportedAt: number;
  tables: Partial<Record<TableName, Row[]>>;
}

export interface ArchiveSummary {
  file: string;
  clientId: string;
  name: string;
  posts: number;
  accounts: number;
  media: number;
}

const columnsOf = (sqlite: Database.Database, table: string) =>
  (sqlite.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);

export async function exportClientArchive(options: {
  sqlite: Database.Database;
  dataDir: string;
  clientId: string;
  out: string;
  now: number;
  /** Progress in bytes written; a cancel stops the write and removes the partial file. */
  op?: Operation;
}): Promise<ArchiveSummary> {
  const { sqlite, dataDir, clientId, out, now } = options;
  const op = options.op ?? silentOperation;
  const client = sqlite.prepare('SELECT name FROM clients WHERE id = ?').get(clientId) as
    { name: string } | undefined;
  if (client === undefined) throw failure('NOT_FOUND', `No client has the id ${clientId}.`);
  if (fs.existsSync(out)) {
    throw failure('VALIDATION', `${out} already exists: choose another file name.`);
  }
  const manifest: ArchiveManifest = {
    format: archiveFormat,
    version: 1,
    migrations: Object.keys(appMigrations),
    exportedAt: now,
    tables: {},
  };
  // One read transaction, so the rows agree with each other while the app keeps writing.
  sqlite.transaction(() => {
    for (const [table, where] of tables) {
      manifest.tables[table] = sqlite
        .prepare(`SELECT * FROM ${table} WHERE ${where}`)
        .all({ client: clientId }) as Row[];
    }
  })();
  const media = (manifest.tables.media_assets ?? []).map((m) => String(m.sha256));
  const zip = new yazl.ZipFile();
  const manifestBytes = Buffer.from(JSON.stringify(manifest));
  zip.addBuffer(manifestBytes, manifestName);
  // Media are stored uncompressed and the manifest compressed: the total is an upper bound.
  let total = manifestBytes.length;
  for (const sha of new Set(media)) {
    const file = mediaFilePath(dataDir, sha);
    if (!fs.existsSync(file)) {
      throw failure(
        'NOT_FOUND',
        `The media file ${sha} is missing from the library; nothing was exported.`,
      );
    }
    total += fs.statSync(file).size;
    zip.addFile(file, `media/${sha}`, { compress: false });
  }
  zip.end();
  const partial = `${out}.partial`;
  await new Promise<void>((resolve, reject) => {
    const stream = fs.createWriteStream(partial, { flags: 'wx' });
    let written = 0;
    zip.outputStream.on('data', (chunk: Buffer) => {
      written += chunk.length;
      op.report('writing', written, Math.max(total, written), 'bytes');
      if (op.signal.aborted && !stream.destroyed) {
        // Stops reading media too (nothing drains it any more); the file is closed, then
        // removed below.
        zip.outputStream.unpipe(stream);
        zip.outputStream.pause();
        stream.destroy();
      }
    });
    zip.outputStream.pipe(stream);
    // Settled once the file is closed, so the partial file removed below stays gone.
    stream.on('close', () => {
      if (op.signal.aborted) {
        reject(cancelledFailure('The export was cancelled; no archive was kept.'));
      } else resolve();
    });
    stream.on('error', reject);
  }).catch((error: unknown) => {
    fs.rmSync(partial, { force: true });
    throw error;
  });
  op.setCancellable(false);
  fs.renameSync(partial, out);
  return {
    file: out,
    clientId,
    name: client.name,
    posts: manifest.tables.posts?.length ?? 0,
    accounts: manifest.tables.social_accounts?.length ?? 0,
    media: new Set(media).size,
  };
}

const refuse = (file: string, why: string) =>
  failure('VALIDATION', `${file} cannot be imported: ${why} Nothing was imported.`);

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(
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

interface Staged {
  manifest: ArchiveManifest | null;
  /** sha256 → temp file inside the media folder, checked. */
  media: Map<string, string>;
}

/** Reads every entry, refusing anything unexpected; media are staged under temp names. */
async function readArchive(file: string, dataDir: string, op: Operation): Promise<Staged> {
  const zip = await openZip(file);
  const entries = zip.entryCount;
  const staged: Staged = { manifest: null, media: new Map() };
  fs.mkdirSync(mediaDir(dataDir), { recursive: true });
  let count = 0;
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
          const stream = await openEntry(zip, entry);
          if (media === null) {
            if (staged.manifest !== null) throw refuse(file, `${manifestName} appears twice.`);
            const chunks: Buffer[] = [];
            for await (const chunk of stream) chunks.push(chunk as Buffer);
            staged.manifest = parseManifest(file, Buffer.concat(chunks).toString('utf8'));
          } else {
            const sha = media[1] ?? '';
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

export async function importClientArchive(options: {
  sqlite: Database.Database;
  dataDir: string;
  file: string;
  newId: () => string;
  /** Progress in entries checked; a cancel before the rows go in leaves nothing behind. */
  op?: Operation;
}): Promise<ArchiveSummary> {
  const { sqlite, dataDir, file, newId } = options;
  const op = options.op ?? silentOperation;
  const staged = await readArchive(file, dataDir, op);
  const created: string[] = [];
  try {
    op.throwIfCancelled();
    // The files and rows go in next: from here it finishes.
    op.setCancellable(false);
    const manifest = staged.manifest;
    if (manifest === null) throw refuse(file, `it has no ${manifestName}.`);
    const clients = manifest.tables.clients ?? [];
    const client = clients[0];
    if (clients.length !== 1 || client === undefined)
      throw refuse(file, 'it must hold exactly one client.');
    for (const m of manifest.tables.media_assets ?? []) {
      if (!staged.media.has(String(m.sha256))) {
        throw refuse(file, `media ${String(m.sha256)} is listed but its file is missing.`);
      }
    }
    const ids = new Map<string, string>();
    const mapped = (value: unknown, table: string, column: string): unknown => {
      if (value === null) return null;
      if (typeof value !== 'string') {
        throw refuse(file, `${table}.${column} is not an id.`);
      }
      const next = ids.get(value);
      if (next === undefined) {
        throw refuse(file, `${table}.${column} refers to ${value}, which is not in the archive.`);
      }
      return next;
    };
    let name = '';
    const insert = sqlite.transaction(() => {
      for (const [table] of tables) {
        const known = new Set(columnsOf(sqlite, table));
        for (const original of manifest.tables[table] ?? []) {
          const row: Row = {};
          for (const [column, value] of Object.entries(original)) {
            if (!known.has(column)) continue;
            if (column === 'id' && integerIds.has(table)) continue;
            if (table === 'media_assets' && column === 'client_id') {
              // Shared media a post used joins the imported client's own library.
              row.client_id = ids.get(String(client.id)) ?? null;
            } else if (column === 'id') {
              const fresh = newId();
              ids.set(String(value), fresh);
              row.id = fresh;
            } else if (idColumns.includes(column)) {
              row[column] = mapped(value, table, column);
            } else {
              row[column] = value;
            }
          }
          if (table === 'clients') {
            // Active client names are unique here: an imported twin gets a telling name.
            const taken = sqlite
              .prepare('SELECT 1 FROM clients WHERE lower(name) = lower(?) AND archived_at IS NULL')
              .get(row.name);
            if (taken !== undefined) row.name = `${String(row.name).slice(0, 69)} (imported)`;
            name = String(row.name);
          }
          if (table === 'social_accounts') {
            const twin = sqlite
              .prepare(
                'SELECT platform, handle FROM social_accounts WHERE platform = ? AND platform_user_id = ?',
              )
              .get(row.platform, row.platform_user_id) as
              { platform: Platform; handle: string } | undefined;
            if (twin !== undefined) {
              throw failure(
                'CONFLICT',
                `${accountLabel(twin)} is already connected on this machine: remove it first, then import ${file}. Nothing was imported.`,
              );
            }
            row.status = 'needs_reauth';
          }
          if (table === 'publish_jobs') {
            row.lease_owner = null;
            row.lease_expires_at = null;
          }
          if (table === 'media_assets' && row.thumbnail_path != null) {
            // Archives carry media bytes, not thumbnails: keep the claim only where this
            // machine already has the thumbnail (same bytes, same name); the library shows
            // its placeholder otherwise.
            const sha = String(row.sha256);
            if (!fs.existsSync(thumbnailFilePath(dataDir, sha))) row.thumbnail_path = null;
          }
          const columns = Object.keys(row);
          sqlite
            .prepare(
              `INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
            )
            .run(row);
        }
      }
    });
    // The files go in first (a name is its content's hash, so an existing one is the same).
    for (const [sha, temp] of staged.media) {
      const target = mediaFilePath(dataDir, sha);
      if (fs.existsSync(target)) fs.rmSync(temp, { force: true });
      else {
        fs.renameSync(temp, target);
        created.push(target);
      }
    }
    staged.media.clear();
    try {
      insert();
    } catch (error) {
      if (error instanceof Error && error.name === 'AppFailure') throw error;
      throw refuse(file, `its rows do not fit this database (${(error as Error).message}).`);
    }
    return {
      file,
      clientId: ids.get(String(client.id)) ?? '',
      name,
      posts: manifest.tables.posts?.length ?? 0,
      accounts: manifest.tables.social_accounts?.length ?? 0,
      media: new Set((manifest.tables.media_assets ?? []).map((m) => String(m.sha256))).size,
    };
  } catch (error) {
    for (const temp of staged.media.values()) fs.rmSync(temp, { force: true });
    for (const target of created) fs.rmSync(target, { force: true });
    throw error;
  }
}
