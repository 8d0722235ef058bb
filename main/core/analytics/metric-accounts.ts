// An account's small number in metric_accounts (migration 0019): the gains rollup's key
// and, since 0035, how the latest figures name their account. Given on the account's
// first figures and kept while the account is.
import type { Kysely, Transaction } from 'kysely';
import type { Schema } from '../db/schema.ts';

export async function metricAccountSeq(
  db: Kysely<Schema> | Transaction<Schema>,
  accountId: string,
): Promise<number> {
  await db
    .insertInto('metric_accounts')
    .values({ account_id: accountId })
    .onConflict((oc) => oc.column('account_id').doNothing())
    .execute();
  const { seq } = await db
    .selectFrom('metric_accounts')
    .select('seq')
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  return seq;
}
