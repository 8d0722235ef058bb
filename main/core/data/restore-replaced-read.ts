// The replaced database's side of a restore's reconciliation ([Note: restore
// reconciliation] in restore-reconcile.ts): what it knew of the targets the restored
// backup still has waiting, read on a read-only connection of its own.
import Database from 'better-sqlite3';
import type { Selectable } from 'kysely';
import type { PostTargetPartsTable, PostTargetsTable } from '../db/schema.ts';
import { remoteUrlSql } from '../db/remote-urls.ts';
import type { TargetStatus } from '../posts/rolled-up-status.ts';

/** What the replaced database knew of one of them. */
export type Known = Pick<
  Selectable<PostTargetsTable>,
  | 'id'
  | 'remote_id'
  | 'published_at'
  | 'error_code'
  | 'error_message'
  | 'attempts'
  | 'hold_key'
  | 'hold_id'
  | 'hold_at'
  | 'hold_digest'
  | 'hold_refused'
> & { status: TargetStatus; remote_url: string | null };

/** A thread part it knew sent. */
export type SentPart = PostTargetPartsTable;

/** A target whose account was removed after it went out: its event is all that is left. */
const wentOutWithAccount: Omit<Known, 'id' | 'remote_id' | 'remote_url' | 'published_at'> = {
  status: 'published',
  error_code: null,
  error_message: null,
  attempts: 1,
  hold_key: null,
  hold_id: null,
  hold_at: null,
  hold_digest: null,
  hold_refused: null,
};

/** What the replaced database says of these targets, read without writing to it. */
export function readReplaced(
  file: string,
  waiting: readonly { id: string; post_id: string }[],
): { known: Map<string, Known>; parts: Map<string, SentPart[]>; posts: Set<string> } {
  const ids = waiting.map((t) => t.id);
  const replaced = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const known = new Map<string, Known>();
    const parts = new Map<string, SentPart[]>();
    // Posts are never deleted but as drafts: a post the replaced database lacks was never
    // in it (a database made afresh before the restore), so it says nothing of that post.
    const posts = new Set<string>();
    const postRows = replaced
      .prepare('SELECT id FROM posts WHERE id IN (SELECT value FROM json_each(?))')
      .pluck();
    const postIds = [...new Set(waiting.map((t) => t.post_id))];
    for (let from = 0; from < postIds.length; from += 500) {
      for (const id of postRows.all(JSON.stringify(postIds.slice(from, from + 500))) as string[])
        posts.add(id);
    }
    // Its links whole, from 0043's prefixes ([Note: links by prefix]) when it has them.
    const byPrefix =
      replaced.prepare("SELECT 1 FROM sqlite_master WHERE name = 'remote_url_prefixes'").get() !==
      undefined;
    const link = byPrefix ? remoteUrlSql('t') : 't.remote_url';
    const targets = replaced.prepare(`SELECT t.id, t.status, t.remote_id, ${link} AS remote_url,
        t.published_at, t.error_code, t.error_message, t.attempts, t.hold_key, t.hold_id,
        t.hold_at, t.hold_digest, t.hold_refused
      FROM post_targets t WHERE t.id IN (SELECT value FROM json_each(?))`);
    const sent = replaced.prepare(`SELECT target_id, part_id, remote_id, posted_at, remote_ref,
        removed_at
      FROM post_target_parts WHERE target_id IN (SELECT value FROM json_each(?))`);
    // A target gone from the replaced database went with its account (removal cascades);
    // its event log stays, under its number kept in post_targets_gone ([Note: event log by
    // number] in migrations/0037-event-log-by-number.ts), and tells if it went out. The
    // replaced file may be older than 0037 (a restore after a failed upgrade): its log
    // names targets by id.
    const byNumber =
      replaced.prepare("SELECT 1 FROM sqlite_master WHERE name = 'post_targets_gone'").get() !==
      undefined;
    const gone = replaced.prepare(
      byNumber
        ? `SELECT g.id, json_extract(l.detail, '$.remoteId') AS remote_id,
             json_extract(l.detail, '$.url') AS remote_url, l.at AS published_at
           FROM post_targets_gone g
             JOIN post_event_log l ON l.post_seq = g.post_seq AND l.target_seq = g.seq
             JOIN post_event_types k ON k.code = l.type_code
           WHERE g.id IN (SELECT value FROM json_each(?)) AND k.name = 'target.published'`
        : `SELECT target_id AS id, json_extract(detail, '$.remoteId') AS remote_id,
             json_extract(detail, '$.url') AS remote_url, at AS published_at
           FROM post_events WHERE type = 'target.published'
             AND target_id IN (SELECT value FROM json_each(?))`,
    );
    for (let from = 0; from < ids.length; from += 500) {
      const chunk = ids.slice(from, from + 500);
      const json = JSON.stringify(chunk);
      for (const row of targets.all(json) as Known[]) known.set(row.id, row);
      for (const part of sent.all(json) as SentPart[]) {
        parts.set(part.target_id, [...(parts.get(part.target_id) ?? []), part]);
      }
      const missing = chunk.filter((id) => !known.has(id));
      if (missing.length === 0) continue;
      for (const row of gone.all(JSON.stringify(missing)) as {
        id: string;
        remote_id: unknown;
        remote_url: unknown;
        published_at: number;
      }[]) {
        known.set(row.id, {
          ...wentOutWithAccount,
          id: row.id,
          remote_id: typeof row.remote_id === 'string' ? row.remote_id : null,
          remote_url: typeof row.remote_url === 'string' ? row.remote_url : null,
          published_at: row.published_at,
        });
      }
    }
    return { known, parts, posts };
  } finally {
    replaced.close();
  }
}
