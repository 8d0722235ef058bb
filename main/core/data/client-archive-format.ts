// The shape of a client archive, shared by client-archive-export.ts, client-archive-read.ts
// (checking an archive) and client-archive-import.ts.
//
// [Note: client archives] A client exported whole as one zip (its rows as JSON, its media
// files by SHA-256) and imported on another machine. An import makes NEW ids for
// everything, so an archive can be imported beside the client it came from; accounts
// arrive without tokens (they never leave a machine) as "needs reconnecting", so their
// posts wait until the account is reconnected; each keeps its network, server and settings
// (archive-accounts.ts checks them on the way in); approvals and review packets come too
// (archive-approvals.ts). Only the two kinds of entries an export
// writes are accepted: anything else, a path that could escape (zip-slip), an entry
// larger than its limit, or media whose bytes do not match their name refuses the whole
// archive, and nothing is written until every entry has been checked.
import { failure } from '../../../shared/result.ts';
import { remoteUrlSql } from '../db/remote-urls.ts';

export const archiveFormat = 'starling-client-archive';
export const manifestName = 'starling-client.json';
export const mediaEntry = /^media\/([0-9a-f]{64})$/;

export const archiveLimits = {
  manifestBytes: 256 * 1024 * 1024,
  mediaBytes: 512 * 1024 * 1024,
  entries: 100_000,
  /** All entries together, unpacked: a few MB of zip may claim terabytes. */
  totalBytes: 64 * 1024 ** 3,
  /** Room the import leaves on the data folder's disk. */
  reserveBytes: 1024 ** 3,
};

/**
 * The client's number: posts name their client by it ([Note: posts by number] in migration
 * 0042), asked for by the id through the unique index on clients.id.
 */
const clientSeq = '(SELECT seq FROM clients WHERE id = :client)';

/** Tables copied, parents first; the column that ties each row to the client's data. */
export const tables = [
  ['clients', 'id IN (SELECT :client)'],
  ['social_accounts', 'client_id = :client'],
  ['campaigns', 'client_id = :client'],
  [
    'media_assets',
    `client_id = :client OR id IN (SELECT m.media_id FROM post_part_media m
       JOIN post_parts pp ON pp.id = m.part_id JOIN posts p ON p.seq = pp.post_seq WHERE p.client_seq = ${clientSeq})`,
  ],
  ['posts', `client_seq = ${clientSeq}`],
  ['post_parts', `post_seq IN (SELECT p.seq FROM posts p WHERE p.client_seq = ${clientSeq})`],
  [
    'post_part_variants',
    `part_id IN (SELECT pp.id FROM post_parts pp JOIN posts p ON p.seq = pp.post_seq WHERE p.client_seq = ${clientSeq})`,
  ],
  [
    'post_part_media',
    `part_id IN (SELECT pp.id FROM post_parts pp JOIN posts p ON p.seq = pp.post_seq WHERE p.client_seq = ${clientSeq})`,
  ],
  ['post_targets', `post_seq IN (SELECT p.seq FROM posts p WHERE p.client_seq = ${clientSeq})`],
  [
    'post_target_parts',
    `target_id IN (SELECT t.id FROM post_targets t JOIN posts p ON p.seq = t.post_seq WHERE p.client_seq = ${clientSeq})`,
  ],
  [
    'publish_jobs',
    `kind = 'publish' AND status = 'pending' AND target_id IN
       (SELECT t.id FROM post_targets t JOIN posts p ON p.seq = t.post_seq WHERE p.client_seq = ${clientSeq})`,
  ],
  // In each post's order: the import numbers a post's events as they come ([Note: event
  // log by post] in migrations/0034-event-log-by-post.ts).
  [
    'post_events',
    `post_id IN (SELECT p.id FROM posts p WHERE p.client_seq = ${clientSeq}) ORDER BY post_id, id`,
  ],
  ['review_packets', 'client_id = :client'],
  ['review_packet_posts', 'packet_id IN (SELECT id FROM review_packets WHERE client_id = :client)'],
  ['post_approvals', `post_id IN (SELECT p.id FROM posts p WHERE p.client_seq = ${clientSeq})`],
  ['posting_slots', 'account_id IN (SELECT id FROM social_accounts WHERE client_id = :client)'],
  ['templates', 'client_id = :client'],
  ['hashtag_groups', 'client_id = :client'],
] as const;

export type TableName = (typeof tables)[number][0];

/**
 * Columns that are this file's own integer keys ([Note: target seq] in migration 0035,
 * [Note: event log by number] in 0037, [Note: parts by number] in 0039, [Note: targets by
 * number] in 0041, [Note: posts by number] in 0042), or hold them (the calendar's accounts
 * and the search index's client word, 0040): an export leaves them out and an import lets
 * the database give them.
 */
export const localKeys: Partial<Record<TableName, readonly string[]>> = {
  clients: ['seq'],
  social_accounts: ['seq'],
  posts: ['seq', 'client_seq', 'cal_accounts'],
  post_parts: ['seq', 'post_seq', 'search_client'],
  post_targets: ['seq', 'post_seq', 'account_seq', 'remote_url_prefix', 'remote_url_full'],
};

/**
 * Columns format 1 carries that this file works out when exporting, as SQL over the
 * table's row: a target's link, which this file keeps as a prefix's number or whole
 * ([Note: links by prefix] in migration 0043), and an import splits again
 * (remoteUrlColumnsNow).
 */
export const derivedColumns: Partial<Record<TableName, readonly string[]>> = {
  post_targets: [`${remoteUrlSql('post_targets')} AS remote_url`],
};

/**
 * References an archive names by id, as format version 1 always has, that this file holds
 * as the parent's number: an export adds the id (`export`, a column expression), an
 * import looks the number up from the id it maps.
 */
export const byNumber: Partial<Record<TableName, readonly ByNumber[]>> = {
  posts: [numbered('posts', 'client', 'clients')],
  post_parts: [numbered('post_parts', 'post', 'posts')],
  post_targets: [
    numbered('post_targets', 'post', 'posts'),
    numbered('post_targets', 'account', 'social_accounts'),
  ],
};

interface ByNumber {
  column: string;
  number: string;
  parent: string;
  export: string;
}

function numbered(table: string, name: string, parent: string): ByNumber {
  return {
    column: `${name}_id`,
    number: `${name}_seq`,
    parent,
    export: `(SELECT x.id FROM ${parent} x WHERE x.seq = ${table}.${name}_seq) AS ${name}_id`,
  };
}
export type Row = Record<string, unknown>;

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

/** The refusal of a whole archive: nothing of it is imported. */
export const refuse = (file: string, why: string) =>
  failure('VALIDATION', `${file} cannot be imported: ${why} Nothing was imported.`);
