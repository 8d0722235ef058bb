// Puts a checked archive's client in as a new one: new ids for every row, accounts as
// "needs reconnecting", media files moved in before the rows (one transaction); a failure
// removes what it had added. [Note: client archives] in client-archive-format.ts.
import fs from 'node:fs';
import type Database from 'better-sqlite3';
import type { Platform } from '../../../shared/accounts.ts';
import { AppFailure, failure } from '../../../shared/result.ts';
import { mediaFilePath, thumbnailFilePath } from '../media/media-paths.ts';
import { probeMedia, type MediaFacts } from '../media/probe.ts';
import { silentOperation, type Operation } from '../progress/operations.ts';
import {
  byNumber,
  localKeys,
  manifestName,
  refuse,
  tables,
  type ArchiveSummary,
  type Row,
  type TableName,
} from './client-archive-format.ts';
import { remoteUrlColumnsNow } from '../db/remote-urls.ts';
import { carriedHashes } from './archive-approvals.ts';
import { readArchive } from './client-archive-read.ts';
import { accountLabel } from './csv-accounts.ts';

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
  'packet_id',
];

/**
 * Tables whose `id` is a number the database gives, not mapped: each post's events are
 * numbered again in the order they come ([Note: event log by post] in migration 0034).
 */
const integerIds = new Set<TableName>(['post_events']);
/** A packet id an archive may keep: the characters of the ids Starling makes. */
const packetIdShape = /^[0-9A-Za-z-]{1,64}$/;

const stringOrNull = (value: unknown) => (typeof value === 'string' ? value : null);

const columnsOf = (sqlite: Database.Database, table: string) =>
  (sqlite.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);

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
    // What a media file is comes from its bytes, as for any import, not from the rows.
    const facts = new Map<string, MediaFacts & { bytes: number }>();
    for (const [sha, temp] of staged.media) {
      try {
        facts.set(sha, {
          ...(await probeMedia(temp, `media/${sha}`)),
          bytes: fs.statSync(temp).size,
        });
      } catch (error) {
        if (error instanceof AppFailure) throw refuse(file, error.error.message);
        throw error;
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
    // A post's events may name a target gone before the export, with its account: the
    // history keeps it under a new id of its own ([Note: event log by number] in 0037).
    const goneTarget = (value: unknown): string | null => {
      if (typeof value !== 'string' || ids.has(value)) return null;
      const fresh = newId();
      ids.set(value, fresh);
      return fresh;
    };
    // [Note: parts by number] A parent is imported before its children (`tables` order).
    const numbers = new Map<string, Database.Statement>();
    const numberOf = (parent: string, id: unknown): unknown => {
      let statement = numbers.get(parent);
      if (statement === undefined) {
        statement = sqlite.prepare(`SELECT seq FROM ${parent} WHERE id = ?`).pluck();
        numbers.set(parent, statement);
      }
      return statement.get(id) ?? null;
    };
    let name = '';
    let carried: ReturnType<typeof carriedHashes> | null = null;
    const insert = sqlite.transaction(() => {
      for (const [table] of tables) {
        // After every post and its parts is in, so each old id has its new one.
        if (table === 'review_packets') carried = carriedHashes(manifest, ids);
        const known = new Set(columnsOf(sqlite, table));
        const numbered = byNumber[table] ?? [];
        for (const original of manifest.tables[table] ?? []) {
          const row: Row = {};
          for (const [column, value] of Object.entries(original)) {
            const named = numbered.find((n) => n.column === column);
            if (named !== undefined) {
              row[named.number] = numberOf(named.parent, mapped(value, table, column));
              continue;
            }
            if (table === 'post_targets' && column === 'remote_url') {
              Object.assign(
                row,
                remoteUrlColumnsNow(sqlite, stringOrNull(value), stringOrNull(original.remote_id)),
              );
              continue;
            }
            if (!known.has(column)) continue;
            if (column === 'id' && integerIds.has(table)) continue;
            if (localKeys[table]?.includes(column) === true) continue;
            if (table === 'media_assets' && column === 'client_id') {
              // Shared media a post used joins the imported client's own library.
              row.client_id = ids.get(String(client.id)) ?? null;
            } else if (column === 'id' && table === 'review_packets') {
              // Kept where free, so replies to packets sent before the move still match;
              // only an id's own characters, since the packet's page is named after it.
              const taken = sqlite.prepare('SELECT 1 FROM review_packets WHERE id = ?').get(value);
              const id =
                taken === undefined && typeof value === 'string' && packetIdShape.test(value)
                  ? value
                  : newId();
              ids.set(String(value), id);
              row.id = id;
              // The archive carries no pages, and its file name is not to be trusted: it
              // names the page the packet's PDF is printed from (review-list.ts packetPage).
              row.file_name = `${id}.html`;
            } else if (column === 'file_name' && table === 'review_packets') {
              continue;
            } else if (column === 'version_hash' && carried !== null) {
              row.version_hash = carried(original.post_id, value);
              if (table === 'review_packet_posts' && row.version_hash !== value) {
                row.shown_hash = original.shown_hash ?? value;
              }
            } else if (column === 'shown_hash' && table === 'review_packet_posts') {
              row.shown_hash ??= value;
            } else if (column === 'id') {
              const fresh = newId();
              ids.set(String(value), fresh);
              row.id = fresh;
            } else if (table === 'post_events' && column === 'target_id') {
              row.target_id = goneTarget(value) ?? mapped(value, table, column);
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
          if (table === 'media_assets') {
            const probed = facts.get(String(row.sha256));
            if (probed !== undefined) {
              row.kind = probed.kind;
              row.mime = probed.mime;
              row.bytes = probed.bytes;
              row.width = probed.width;
              row.height = probed.height;
              row.duration_ms = probed.durationMs;
            }
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
