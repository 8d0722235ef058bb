// Writes one client's rows (one read transaction, so they agree) and media files to a
// zip, with progress in bytes; a cancel removes the partial file. [Note: client archives]
// in client-archive-format.ts.
import crypto from 'node:crypto';
import fs from 'node:fs';
import type Database from 'better-sqlite3';
import { migrations as appMigrations } from '../../../migrations/index.ts';
import { failure } from '../../../shared/result.ts';
import { mediaFilePath } from '../media/media-paths.ts';
import { cancelledFailure, silentOperation, type Operation } from '../progress/operations.ts';
import {
  archiveFormat,
  byNumber,
  localKeys,
  derivedColumns,
  manifestName,
  tables,
  type ArchiveManifest,
  type ArchiveSummary,
  type Row,
} from './client-archive-format.ts';

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
      const named = [
        ...(byNumber[table] ?? []).map((n) => n.export),
        ...(derivedColumns[table] ?? []),
      ]
        .map((column) => `, ${column}`)
        .join('');
      const rows = sqlite
        .prepare(`SELECT *${named} FROM ${table} WHERE ${where}`)
        .all({ client: clientId }) as Row[];
      const local = localKeys[table];
      manifest.tables[table] =
        local === undefined
          ? rows
          : rows.map((row) =>
              Object.fromEntries(Object.entries(row).filter(([c]) => !local.includes(c))),
            );
    }
  })();
  const media = (manifest.tables.media_assets ?? []).map((m) => String(m.sha256));
  // The library is loaded here, on first use, not with the core (vite.cli.config.ts).
  const { default: yazl } = await import('yazl');
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
  // Named for this export alone: a file a crashed export left, or another export's to the
  // same archive, is neither taken for this one's nor removed when this one fails.
  const partial = `${out}.${crypto.randomUUID().slice(0, 8)}.partial`;
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
