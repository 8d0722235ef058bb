// Whether the gains rollup (migrations 0019, 0033: [Note: metric gains rollup]) still
// equals the sums of the readings it rolls up, read through the readings view.
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../../main/core/db/schema.ts';

/** Rollup rows that differ from the readings' sums (none when the triggers hold). */
export async function rollupDrift(db: Kysely<Schema>) {
  const drift = await sql<{ n: number }>`
    SELECT count(*) AS n FROM (
      SELECT a.account_id, g.quarter, g.impressions, g.engagements
      FROM post_metric_gains g JOIN metric_accounts a ON a.seq = g.account_seq
      WHERE g.impressions <> 0 OR g.engagements <> 0
      EXCEPT
      SELECT account_id, fetched_at / 900000, sum(impressions_gain), sum(engagements_gain)
      FROM post_metric_snapshots GROUP BY 1, 2)`.execute(db);
  const missing = await sql<{ n: number }>`
    SELECT count(*) AS n FROM (
      SELECT account_id, fetched_at / 900000 AS q, sum(impressions_gain) AS i, sum(engagements_gain) AS e
      FROM post_metric_snapshots GROUP BY 1, 2 HAVING i <> 0 OR e <> 0
      EXCEPT
      SELECT a.account_id, g.quarter, g.impressions, g.engagements
      FROM post_metric_gains g JOIN metric_accounts a ON a.seq = g.account_seq)`.execute(db);
  return (drift.rows[0]?.n ?? 0) + (missing.rows[0]?.n ?? 0);
}
