// What every row of a CSV import is checked against, read once per import: clients,
// accounts (with their servers' text limits), campaigns, media next to the CSV and wall
// times, so a 100,000-row file costs no query per row.
import type { Kysely } from 'kysely';
import { failure } from '../../../shared/result.ts';
import type { Schema } from '../db/schema.ts';
import { serverTextLimit } from '../services/posts-checks.ts';
import { indexAccounts, type AccountRow } from './csv-accounts.ts';
import { createMediaResolver } from './csv-media.ts';
import type { Lookups } from './csv-rows.ts';
import { createWallTimeReader } from './wall-times.ts';

export async function loadLookups(
  db: Kysely<Schema>,
  clientId: string | undefined,
  now: number,
  baseDir: string | null,
): Promise<Lookups> {
  const clients = await db
    .selectFrom('clients')
    .select(['seq', 'id', 'name', 'timezone', 'archived_at'])
    .execute();
  if (clientId !== undefined && !clients.some((c) => c.id === clientId)) {
    throw failure('NOT_FOUND', `No client has the id ${clientId}.`);
  }
  const accounts = await db
    .selectFrom('social_accounts')
    .select(['seq', 'id', 'client_id', 'platform', 'handle', 'settings', 'status'])
    .execute();
  const campaigns = await db.selectFrom('campaigns').select(['id', 'client_id', 'name']).execute();
  const lookups: Lookups = {
    clients: new Map(
      clients.map((c) => [
        c.id,
        {
          seq: c.seq,
          id: c.id,
          name: c.name,
          timezone: c.timezone,
          archived: c.archived_at !== null,
        },
      ]),
    ),
    ...indexAccounts(
      accounts.map((a): AccountRow => ({
        seq: a.seq,
        id: a.id,
        clientId: a.client_id,
        platform: a.platform,
        handle: a.handle,
        textLimit: serverTextLimit(a.settings),
        status: a.status,
      })),
    ),
    campaigns: new Map(),
    clientId,
    now,
    media: createMediaResolver(baseDir),
    wallTime: createWallTimeReader(),
  };
  for (const c of campaigns) {
    const byName = lookups.campaigns.get(c.client_id) ?? new Map<string, string>();
    byName.set(c.name.toLowerCase(), c.id);
    byName.set(c.id.toLowerCase(), c.id);
    lookups.campaigns.set(c.client_id, byName);
  }
  return lookups;
}
