// Which accounts a dashboard covers: the client's (one of them, or those on one network),
// less the accounts whose network gives them no metrics at all (MetricsPort.unavailable,
// a LinkedIn personal profile): those are listed with the reason and left out of every
// figure, so they never show as zeros.
import type { Kysely } from 'kysely';
import type { Platform } from '../../../shared/accounts.ts';
import { failure } from '../../../shared/result.ts';
import type { Schema } from '../db/schema.ts';
import type { PlatformAccount } from '../platforms/port.ts';
import { platformAccount } from '../publishing/plan.ts';

export type Unavailable = (account: PlatformAccount) => string | null;

export async function dashboardScope(
  db: Kysely<Schema>,
  unavailable: Unavailable,
  clientId: string,
  accountId: string | undefined,
  platform: Platform | undefined,
) {
  const client = await db
    .selectFrom('clients')
    .select(['id', 'name', 'timezone'])
    .where('id', '=', clientId)
    .executeTakeFirst();
  if (client === undefined) {
    throw failure('NOT_FOUND', `There is no client ${clientId}. Pick a client from the list.`);
  }
  const rows = await db
    .selectFrom('social_accounts')
    .selectAll()
    .where('client_id', '=', clientId)
    .orderBy('handle')
    .execute();
  const accounts = rows.map((row) => ({
    ...row,
    metricsUnavailable: unavailable(platformAccount(row)),
  }));
  if (accountId !== undefined && !accounts.some((a) => a.id === accountId)) {
    throw failure('NOT_FOUND', `Client ${client.name} has no account ${accountId}.`);
  }
  // One account, or every account of the client, optionally on one network only.
  const selected = accounts.filter(
    (a) =>
      a.metricsUnavailable === null &&
      (accountId === undefined || a.id === accountId) &&
      (platform === undefined || a.platform === platform),
  );
  return { client, accounts, selected };
}
