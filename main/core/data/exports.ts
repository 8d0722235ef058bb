// Exports of scheduled posts: CSV (with the import's own column names, so an export can
// be edited and imported again), JSON (everything, for scripts) and ICS (one VEVENT per
// post, a stable UID per post and UTC times, so a calendar can import or subscribe).
// Every format names each account with its network: one handle can exist on several.
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Platform } from '../../../shared/accounts.ts';
import type { ExportFile, ExportFormat } from '../../../shared/data.ts';
import { clientSeqOf } from '../db/post-numbers.ts';
import type { Schema } from '../db/schema.ts';
import { accountLabel, accountRef } from './csv-accounts.ts';
import { defusedCells } from './csv-cells.ts';

export interface ExportQuery {
  format: ExportFormat;
  clientId?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
}

export interface ExportedPost {
  id: string;
  clientId: string;
  client: string;
  status: string;
  scheduledAt: number | null;
  timezone: string;
  localTime: string | null;
  campaign: string | null;
  /** Without the @; `accounts` says which network each is on. */
  handles: string[];
  accounts: { id: string; network: Platform; handle: string }[];
  parts: { text: string; media: number }[];
}

/** How long an ICS event lasts: a post is a moment, but calendars need an end. */
const eventMinutes = 15;

/** The export's range over the posts aliased `p`: scheduled, of one client, from ≤ t < to. */
function inRange(q: ExportQuery): RawBuilder<SqlBool> {
  const conditions = [sql`p.scheduled_at IS NOT NULL`];
  if (q.clientId !== undefined) conditions.push(sql`p.client_seq = ${clientSeqOf(q.clientId)}`);
  if (q.from !== undefined) conditions.push(sql`p.scheduled_at >= ${q.from}`);
  if (q.to !== undefined) conditions.push(sql`p.scheduled_at < ${q.to}`);
  return sql<SqlBool>`${sql.join(conditions, sql` AND `)}`;
}

export async function loadExportedPosts(
  db: Kysely<Schema>,
  q: ExportQuery,
): Promise<ExportedPost[]> {
  const posts = await db
    .selectFrom('posts as p')
    .innerJoin('clients as c', 'c.seq', 'p.client_seq')
    .leftJoin('campaigns as k', 'k.id', 'p.campaign_id')
    .select([
      'p.id',
      'c.id as client_id',
      'c.name as client',
      'p.status',
      'p.scheduled_at',
      'p.timezone',
      'p.local_time',
      'k.name as campaign',
    ])
    .where(inRange(q))
    .orderBy('p.scheduled_at')
    .orderBy('p.id')
    .execute();
  const byId = new Map<string, ExportedPost>(
    posts.map((p) => [
      p.id,
      {
        id: p.id,
        clientId: p.client_id,
        client: p.client,
        status: p.status,
        scheduledAt: p.scheduled_at,
        timezone: p.timezone,
        localTime: p.local_time,
        campaign: p.campaign,
        handles: [],
        accounts: [],
        parts: [],
      },
    ]),
  );
  const parts = await db
    .selectFrom('post_parts as pp')
    .innerJoin('posts as p', 'p.seq', 'pp.post_seq')
    .select([
      'p.id as post_id',
      'pp.text',
      (eb) =>
        eb
          .selectFrom('post_part_media as m')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('m.part_id', '=', 'pp.id')
          .as('media'),
    ])
    .where(inRange(q))
    .orderBy('pp.post_seq')
    .orderBy('pp.position')
    .execute();
  for (const part of parts) {
    byId.get(part.post_id)?.parts.push({ text: part.text, media: part.media ?? 0 });
  }
  const targets = await db
    .selectFrom('post_targets as t')
    .innerJoin('posts as p', 'p.seq', 't.post_seq')
    .innerJoin('social_accounts as a', 'a.seq', 't.account_seq')
    .select(['p.id as post_id', 'a.id', 'a.platform', 'a.handle'])
    .where(inRange(q))
    .orderBy('a.handle')
    .orderBy('a.platform')
    .execute();
  for (const target of targets) {
    const post = byId.get(target.post_id);
    post?.handles.push(target.handle);
    post?.accounts.push({ id: target.id, network: target.platform, handle: target.handle });
  }
  return [...byId.values()];
}

/** `x:@bakery bluesky:bakery.bsky.social`: what the CSV import reads back to the same accounts. */
const accountRefs = (post: ExportedPost) =>
  post.accounts.map((a) => accountRef({ platform: a.network, handle: a.handle })).join(' ');

const threadText = (post: ExportedPost) => post.parts.map((p) => p.text).join('\n---\n');

async function toCsv(posts: ExportedPost[]): Promise<string> {
  // The library is loaded here, on first use, not with the core (vite.cli.config.ts).
  const { stringify } = await import('csv-stringify/sync');
  const rows = posts.map((p) => {
    const [date = '', time = ''] = (p.localTime ?? '').split('T');
    return [
      p.id,
      p.client,
      p.status,
      accountRefs(p),
      date,
      time,
      p.timezone,
      threadText(p),
      p.campaign ?? '',
    ];
  });
  return stringify(rows, {
    ...defusedCells,
    header: true,
    columns: ['id', 'client', 'status', 'account', 'date', 'time', 'timezone', 'text', 'campaign'],
    record_delimiter: 'windows',
  });
}

async function toIcs(posts: ExportedPost[], stamp: number): Promise<string> {
  const { default: ical } = await import('ical-generator');
  const calendar = ical({
    name: 'Starling — scheduled posts',
    prodId: { company: 'Starling', product: 'Starling', language: 'EN' },
  });
  for (const p of posts) {
    if (p.scheduledAt === null || p.status === 'cancelled') continue;
    const handles = p.accounts
      .map((a) => accountLabel({ platform: a.network, handle: a.handle }))
      .join(', ');
    const first = (p.parts[0]?.text ?? '').split('\n')[0] ?? '';
    calendar.createEvent({
      id: `${p.id}@starling`,
      start: new Date(p.scheduledAt),
      end: new Date(p.scheduledAt + eventMinutes * 60_000),
      stamp: new Date(stamp),
      summary: `${handles}: ${first.slice(0, 100)}`,
      description: `${p.client} · ${p.status}${p.campaign === null ? '' : ` · ${p.campaign}`}\nAccounts: ${accountRefs(p)}\n\n${threadText(p)}`,
    });
  }
  return calendar.toString();
}

export async function exportPosts(
  db: Kysely<Schema>,
  q: ExportQuery,
  now: number,
): Promise<ExportFile> {
  const posts = await loadExportedPosts(db, q);
  const stamp = new Date(now).toISOString().slice(0, 10);
  switch (q.format) {
    case 'csv':
      return {
        fileName: `starling-posts-${stamp}.csv`,
        mime: 'text/csv',
        content: await toCsv(posts),
        posts: posts.length,
      };
    case 'json':
      return {
        fileName: `starling-posts-${stamp}.json`,
        mime: 'application/json',
        content: `${JSON.stringify({ exportedAt: now, posts }, null, 2)}\n`,
        posts: posts.length,
      };
    case 'ics': {
      const content = await toIcs(posts, now);
      return {
        fileName: `starling-posts-${stamp}.ics`,
        mime: 'text/calendar',
        content,
        posts: posts.filter((p) => p.scheduledAt !== null && p.status !== 'cancelled').length,
      };
    }
  }
}
