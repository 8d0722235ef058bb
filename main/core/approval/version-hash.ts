// [Note: version hash] What a client approves is a version of a post: the text of every
// part and per-account variant, each part's media (ids and alt text), the accounts it goes
// to and its time. The hash of those is stored with each approval and written into each
// review packet; any edit, new time or change of accounts gives a new hash, so an approval
// (or a packet's reply) that names the old one no longer counts, whatever path changed
// the post. The time is the wall time and zone the person chose, not the instant, so a
// draft reviewed for "Monday 09:00" keeps its approval when it is scheduled for exactly
// that (drafts have no instant yet).
import crypto from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Schema } from '../db/schema.ts';

type Db = Kysely<Schema> | Transaction<Schema>;

/** The bound-variable budget of one `IN (…)` list, well under SQLite's limit. */
const chunkSize = 500;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += chunkSize) out.push(items.slice(i, i + chunkSize));
  return out;
}

/** What the hash is taken over, in a fixed order (exported for the tests). */
export interface PostVersion {
  time: string | null;
  accounts: string[];
  parts: { text: string; variants: [string, string][]; media: [string, string][] }[];
}

export function hashVersion(version: PostVersion): string {
  return crypto
    .createHash('sha256')
    .update(JSON.stringify(['starling-post-version-1', version]))
    .digest('hex')
    .slice(0, 32);
}

/** The current version hash of each of `postIds` that exists. */
export async function versionHashes(db: Db, postIds: string[]): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  for (const ids of chunks([...new Set(postIds)])) {
    for (const [id, version] of await loadVersions(db, ids)) hashes.set(id, hashVersion(version));
  }
  return hashes;
}

export async function versionHash(db: Db, postId: string): Promise<string | null> {
  return (await versionHashes(db, [postId])).get(postId) ?? null;
}

/** The rows a version is made of, as the tables hold them (also an archive's rows). */
export interface VersionRows {
  posts: { id: string; local_time: string | null; timezone: string; scheduled_at: number | null }[];
  targets: { post_id: string; account_id: string }[];
  parts: { id: string; post_id: string; position: number; text: string }[];
  variants: { part_id: string; account_id: string; text: string }[];
  media: { part_id: string; position: number; media_id: string; alt_text: string }[];
}

const byPosition = (a: { position: number }, b: { position: number }) => a.position - b.position;

/** Each post's version from its rows, in the fixed order the hash needs. */
export function assembleVersions(rows: VersionRows): Map<string, PostVersion> {
  const versions = new Map<string, PostVersion>();
  for (const post of rows.posts) {
    versions.set(post.id, {
      time:
        post.local_time !== null
          ? `${post.local_time} ${post.timezone}`
          : post.scheduled_at === null
            ? null
            : new Date(post.scheduled_at).toISOString(),
      accounts: [],
      parts: [],
    });
  }
  for (const t of rows.targets) versions.get(t.post_id)?.accounts.push(t.account_id);
  const byPart = new Map<string, PostVersion['parts'][number]>();
  for (const part of [...rows.parts].sort(byPosition)) {
    const entry = { text: part.text, variants: [], media: [] };
    byPart.set(part.id, entry);
    versions.get(part.post_id)?.parts.push(entry);
  }
  for (const v of rows.variants) byPart.get(v.part_id)?.variants.push([v.account_id, v.text]);
  for (const m of [...rows.media].sort(byPosition)) {
    byPart.get(m.part_id)?.media.push([m.media_id, m.alt_text]);
  }
  for (const version of versions.values()) {
    version.accounts.sort();
    for (const part of version.parts) part.variants.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  }
  return versions;
}

async function loadVersions(db: Db, ids: string[]): Promise<Map<string, PostVersion>> {
  const posts = await db
    .selectFrom('posts')
    .select(['id', 'local_time', 'timezone', 'scheduled_at'])
    .where('id', 'in', ids)
    .execute();
  if (posts.length === 0) return new Map();
  const rows: VersionRows = { posts, targets: [], parts: [], variants: [], media: [] };
  // The hash names posts and accounts by id, as stored approvals were hashed.
  rows.targets = await db
    .selectFrom('post_targets as t')
    .innerJoin('posts as p', 'p.seq', 't.post_seq')
    .innerJoin('social_accounts as a', 'a.seq', 't.account_seq')
    .select(['p.id as post_id', 'a.id as account_id'])
    .where('p.id', 'in', ids)
    .execute();
  rows.parts = await db
    .selectFrom('post_parts as pp')
    .innerJoin('posts as p', 'p.seq', 'pp.post_seq')
    .select(['pp.id', 'p.id as post_id', 'pp.position', 'pp.text'])
    .where('p.id', 'in', ids)
    .execute();
  for (const partIds of chunks(rows.parts.map((p) => p.id))) {
    rows.variants.push(
      ...(await db
        .selectFrom('post_part_variants')
        .select(['part_id', 'account_id', 'text'])
        .where('part_id', 'in', partIds)
        .execute()),
    );
    rows.media.push(
      ...(await db
        .selectFrom('post_part_media')
        .select(['part_id', 'position', 'media_id', 'alt_text'])
        .where('part_id', 'in', partIds)
        .execute()),
    );
  }
  return assembleVersions(rows);
}
