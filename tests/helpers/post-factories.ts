// Row factories for posts and what they hang on (clients, accounts, media), inserted
// through kysely with sensible defaults. Each call makes fresh ids: no shared fixtures.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { PostStatus, Schema } from '../../main/core/db/schema.ts';
import { mediaDir, mediaFilePath } from '../../main/core/media/media-paths.ts';
import { accountSeqOf, clientSeqOf, postSeqOf } from '../../main/core/db/post-numbers.ts';

type Db = Kysely<Schema>;

let counter = 0;
const next = () => (counter += 1);

export async function makeClient(
  db: Db,
  overrides: Partial<{ name: string; timezone: string; now: number }> = {},
): Promise<string> {
  const id = uuidv7();
  const now = overrides.now ?? Date.UTC(2026, 10, 24, 9, 0);
  await db
    .insertInto('clients')
    .values({
      id,
      name: overrides.name ?? `Factory client ${String(next())}`,
      color: '#0f766e',
      timezone: overrides.timezone ?? 'Europe/Berlin',
      notes: '',
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/** An account row without tokens: enough for anything that never calls X. */
export async function makeAccount(
  db: Db,
  clientId: string,
  overrides: Partial<{ handle: string; platformUserId: string; now: number }> = {},
): Promise<string> {
  const id = uuidv7();
  const n = next();
  const now = overrides.now ?? Date.UTC(2026, 10, 24, 9, 0);
  await db
    .insertInto('social_accounts')
    .values({
      id,
      client_id: clientId,
      platform: 'x',
      platform_user_id: overrides.platformUserId ?? String(9_000_000 + n),
      handle: overrides.handle ?? `factory_${String(n)}`,
      avatar_url: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export interface MediaSpec {
  bytes: Buffer;
  kind: 'image' | 'gif' | 'video';
  mime: string;
  clientId?: string | null;
  durationMs?: number | null;
  width?: number;
  height?: number;
}

/** Stores the bytes where the media library keeps them and adds the asset row. */
export async function makeMediaAsset(db: Db, dataDir: string, spec: MediaSpec): Promise<string> {
  const sha256 = createHash('sha256').update(spec.bytes).digest('hex');
  fs.mkdirSync(mediaDir(dataDir), { recursive: true });
  fs.writeFileSync(mediaFilePath(dataDir, sha256), spec.bytes);
  const id = uuidv7();
  await db
    .insertInto('media_assets')
    .values({
      id,
      client_id: spec.clientId ?? null,
      sha256,
      kind: spec.kind,
      mime: spec.mime,
      bytes: spec.bytes.length,
      width: spec.width ?? null,
      height: spec.height ?? null,
      duration_ms: spec.durationMs ?? null,
      original_name: `upload.${spec.mime.split('/')[1] ?? 'bin'}`,
      thumbnail_path: null,
      created_at: Date.UTC(2026, 10, 24, 9, 0),
    })
    .execute();
  return id;
}

/**
 * A real PNG (decodes; the media library checks), exactly `size` bytes long (at least
 * 160): a 4×4 image whose colour depends on `seed`, padded with a tEXt chunk of distinct
 * bytes so every call gives a different file.
 */
export function pngBytes(size = 2048, seed = next()): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(zlib.crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(4, 0);
  header.writeUInt32BE(4, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows = Buffer.alloc(4 * (1 + 4 * 3));
  for (let i = 0; i < rows.length; i += 1) rows[i] = i % 13 === 0 ? 0 : (seed * 37 + i) % 256;
  const head = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows)),
  ]);
  const end = chunk('IEND', Buffer.alloc(0));
  const padding = size - head.length - end.length - 12;
  if (padding < 5) throw new Error(`pngBytes: ${String(size)} bytes is too small for a PNG.`);
  const text = Buffer.alloc(padding);
  text.write('pad\0', 'latin1');
  for (let i = 4; i < padding; i += 1) text[i] = 32 + ((i * 31 + seed * 17) % 95);
  return Buffer.concat([head, chunk('tEXt', text), end]);
}

export interface PartSpec {
  text: string;
  /** Per-account text that replaces `text` for that account's target. */
  variants?: Record<string, string>;
  media?: { assetId: string; alt?: string }[];
}

export interface MadePost {
  postId: string;
  partIds: string[];
  /** Target id per account id. */
  targets: Record<string, string>;
}

export async function makePost(
  db: Db,
  spec: {
    clientId: string;
    accountIds: string[];
    parts: (string | PartSpec)[];
    status?: PostStatus;
    scheduledAt?: number;
    now?: number;
  },
): Promise<MadePost> {
  const now = spec.now ?? Date.UTC(2026, 10, 24, 9, 0);
  const postId = uuidv7();
  const status = spec.status ?? 'scheduled';
  const targetStatus = status === 'partially_published' ? 'published' : status;
  const partIds: string[] = [];
  const targets: Record<string, string> = {};
  await db.transaction().execute(async (trx) => {
    // Posts name their client by number from migration 0042 on ([Note: posts by number]),
    // targets their post and account from 0041 on ([Note: targets by number]), parts their
    // post from 0039 on ([Note: parts by number]); by id in a test's database left at an
    // older migration.
    const has = async (table: string, column: string) =>
      (
        await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table})`.execute(trx)
      ).rows.some((c) => c.name === column);
    const numbered = (table: string) => has(table, 'post_seq');
    const [clientColumn, clientValue] = (await has('posts', 'client_seq'))
      ? [sql`client_seq`, clientSeqOf(spec.clientId)]
      : [sql`client_id`, sql`${spec.clientId}`];
    await sql`INSERT INTO posts
      (id, ${clientColumn}, campaign_id, status, scheduled_at, timezone, local_time,
       published_at, created_at, updated_at)
      VALUES (${postId}, ${clientValue}, NULL, ${status}, ${spec.scheduledAt ?? now},
       'Europe/Berlin', NULL, NULL, ${now}, ${now})`.execute(trx);
    const targetsByNumber = await numbered('post_targets');
    for (const accountId of spec.accountIds) {
      const id = uuidv7();
      targets[accountId] = id;
      const [postColumn, accountColumn, postValue, accountValue] = targetsByNumber
        ? [sql`post_seq`, sql`account_seq`, postSeqOf(postId), accountSeqOf(accountId)]
        : [sql`post_id`, sql`account_id`, sql`${postId}`, sql`${accountId}`];
      await sql`INSERT INTO post_targets
        (id, ${postColumn}, ${accountColumn}, status, created_at, updated_at)
        VALUES (${id}, ${postValue}, ${accountValue}, ${targetStatus}, ${now}, ${now})`.execute(
        trx,
      );
    }
    const byNumber = await numbered('post_parts');
    const post = byNumber ? sql`post_seq` : sql`post_id`;
    const postRef = byNumber ? postSeqOf(postId) : sql`${postId}`;
    for (const [position, raw] of spec.parts.entries()) {
      const part = typeof raw === 'string' ? { text: raw } : raw;
      const partId = uuidv7();
      partIds.push(partId);
      await sql`INSERT INTO post_parts (id, ${post}, position, text)
        VALUES (${partId}, ${postRef}, ${position}, ${part.text})`.execute(trx);
      for (const [accountId, text] of Object.entries(part.variants ?? {})) {
        await trx
          .insertInto('post_part_variants')
          .values({ part_id: partId, account_id: accountId, text })
          .execute();
      }
      for (const [index, media] of (part.media ?? []).entries()) {
        await trx
          .insertInto('post_part_media')
          .values({
            part_id: partId,
            position: index,
            media_id: media.assetId,
            alt_text: media.alt ?? '',
          })
          .execute();
      }
    }
  });
  return { postId, partIds, targets };
}
