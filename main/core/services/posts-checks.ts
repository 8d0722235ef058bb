// What a post may hang on, checked before anything is written: the client's own accounts
// (connected), its media (the client's), every chosen network's rules, its campaign.
import type { Kysely } from 'kysely';
import type { ParsedInput } from '../../../shared/ipc/contract.ts';
import type { NetworkOptions } from '../../../shared/posts.ts';
import {
  mediaProblems,
  networkRules,
  noThreads,
  shownHandle,
  textProblems,
} from '../../../shared/networks/index.ts';
import { failure } from '../../../shared/result.ts';
import type { Schema } from '../db/schema.ts';

type Parts = ParsedInput<'posts:schedule'>['parts'];

export async function checkAccounts(
  db: Kysely<Schema>,
  clientId: string,
  accountIds: string[],
): Promise<void> {
  const rows = await db
    .selectFrom('social_accounts')
    .select(['id', 'client_id', 'platform', 'handle', 'status'])
    .where('id', 'in', accountIds)
    .execute();
  for (const [index, id] of accountIds.entries()) {
    const row = rows.find((r) => r.id === id);
    const path = ['accountIds', index];
    if (row === undefined) {
      throw failure('NOT_FOUND', `No account has the id ${id}.`, {
        details: { issues: [{ path, message: 'Unknown account.' }] },
      });
    }
    const name = shownHandle(row.platform, row.handle);
    if (row.client_id !== clientId) {
      throw failure('VALIDATION', `${name} belongs to another client.`, {
        details: { issues: [{ path, message: 'This account belongs to another client.' }] },
      });
    }
    if (row.status === 'disconnected') {
      throw failure('VALIDATION', `${name} is disconnected: reconnect it first.`, {
        details: { issues: [{ path, message: 'This account is disconnected.' }] },
      });
    }
  }
}

export async function checkMedia(db: Kysely<Schema>, clientId: string, parts: Parts) {
  const ids = [...new Set(parts.flatMap((p) => (p.media ?? []).map((m) => m.mediaId)))];
  if (ids.length === 0) return;
  const rows = await db
    .selectFrom('media_assets')
    .select(['id', 'client_id'])
    .where('id', 'in', ids)
    .execute();
  const kinds = new Map(rows.map((r) => [r.id, r]));
  for (const [index, part] of parts.entries()) {
    const name = `Part ${String(index + 1)}`;
    const media = part.media ?? [];
    if (new Set(media.map((m) => m.mediaId)).size !== media.length) {
      throw failure('VALIDATION', `${name} has the same media twice.`);
    }
    for (const [position, m] of media.entries()) {
      const row = kinds.get(m.mediaId);
      if (row === undefined) {
        throw failure('NOT_FOUND', `${name}: no media has the id ${m.mediaId}.`, {
          details: {
            issues: [{ path: ['parts', index, 'media', position], message: 'Unknown media.' }],
          },
        });
      }
      if (row.client_id !== null && row.client_id !== clientId) {
        throw failure('VALIDATION', `${name}: media ${m.mediaId} is in another client's library.`);
      }
    }
  }
}

/**
 * Each chosen account's network rules over the text it will get (its variant, else the
 * part's) and the part's media: the first network that would refuse the post stops it
 * here, before anything is written, with every reason.
 */
export async function checkNetworks(
  db: Kysely<Schema>,
  accountIds: string[],
  parts: Parts,
  networkOptions: Record<string, NetworkOptions> = {},
): Promise<void> {
  const accounts = await db
    .selectFrom('social_accounts')
    .select(['id', 'handle', 'platform', 'settings'])
    .where('id', 'in', accountIds)
    .execute();
  const mediaIds = [...new Set(parts.flatMap((p) => (p.media ?? []).map((m) => m.mediaId)))];
  const rows =
    mediaIds.length === 0
      ? []
      : await db
          .selectFrom('media_assets')
          .select(['id', 'kind', 'mime', 'bytes', 'duration_ms', 'original_name'])
          .where('id', 'in', mediaIds)
          .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  // Networks that fetch media by link need the user's relay (one row when it is set).
  const relay = (await db.selectFrom('media_relay').select('id').executeTakeFirst()) !== undefined;
  const errors: { path: (string | number)[]; message: string }[] = [];
  const checkedMedia = new Set<string>();
  for (const account of accounts) {
    const rules = networkRules[account.platform];
    const limit = serverTextLimit(account.settings);
    if (!rules.threads && parts.length > 1) {
      errors.push({ path: ['parts'], message: noThreads(rules.label) });
    }
    for (const [index, part] of parts.entries()) {
      const name = parts.length === 1 ? 'The post' : `Part ${String(index + 1)}`;
      const own = part.variants?.[account.id] ?? part.text;
      // Mastodon counts a content warning with the text it hides.
      const warning = rules.contentWarningCounts
        ? (networkOptions[account.id]?.contentWarning ?? '')
        : '';
      const text = `${warning}${own}`;
      // A thread's later parts may go out as something with a lower limit (comments).
      const partLimit =
        index > 0 && rules.replyTextLimit !== undefined ? rules.replyTextLimit : limit;
      for (const message of textProblems(
        rules,
        text,
        `${name} for @${account.handle}`,
        partLimit,
      )) {
        errors.push({ path: ['parts', index, 'text'], message });
      }
      // Media rules are the network's, not the account's: once per network and part.
      const mediaKey = `${account.platform}:${String(index)}`;
      if (checkedMedia.has(mediaKey)) continue;
      checkedMedia.add(mediaKey);
      const items = (part.media ?? []).flatMap((m) => {
        const row = byId.get(m.mediaId);
        return row === undefined
          ? []
          : [
              {
                kind: row.kind,
                mime: row.mime,
                bytes: row.bytes,
                durationMs: row.duration_ms,
                name: row.original_name,
                altText: m.altText,
              },
            ];
      });
      for (const message of mediaProblems(rules, items, name, relay).errors) {
        errors.push({ path: ['parts', index, 'media'], message });
      }
      if (index > 0 && rules.replyMedia === false && items.length > 0) {
        errors.push({
          path: ['parts', index, 'media'],
          message: `${name}: ${rules.label} posts a thread's later parts as comments, which carry text only: move its media to the first part.`,
        });
      }
    }
  }
  if (errors.length > 0) {
    throw failure('VALIDATION', errors.map((e) => e.message).join(' '), {
      details: { issues: errors },
    });
  }
}

/** The account's server's own text limit (a Mastodon instance's), where it has one. */
export function serverTextLimit(settings: string): number | null {
  try {
    const value: unknown = (JSON.parse(settings) as { maxCharacters?: unknown }).maxCharacters;
    return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;
  } catch {
    return null;
  }
}

export async function checkCampaign(db: Kysely<Schema>, clientId: string, campaignId: string) {
  const row = await db
    .selectFrom('campaigns')
    .select(['client_id'])
    .where('id', '=', campaignId)
    .executeTakeFirst();
  if (row === undefined) throw failure('NOT_FOUND', `No campaign has the id ${campaignId}.`);
  if (row.client_id !== clientId) {
    throw failure('VALIDATION', 'This campaign belongs to another client.');
  }
}
