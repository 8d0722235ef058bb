// publish_jobs rows as posts:schedule writes them: one pending 'publish' job per target.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Schema } from '../../main/core/db/schema.ts';

export async function makeJob(
  db: Kysely<Schema>,
  spec: {
    targetId: string;
    runAt: number;
    maxAttempts?: number;
    status?: 'pending' | 'running';
    leaseOwner?: string;
    leaseExpiresAt?: number;
    now?: number;
  },
): Promise<string> {
  const id = uuidv7();
  const now = spec.now ?? spec.runAt;
  await db
    .insertInto('publish_jobs')
    .values({
      id,
      kind: 'publish',
      target_id: spec.targetId,
      account_id: null,
      status: spec.status ?? 'pending',
      run_at: spec.runAt,
      attempts: 0,
      max_attempts: spec.maxAttempts ?? 5,
      lease_owner: spec.leaseOwner ?? null,
      lease_expires_at: spec.leaseExpiresAt ?? null,
      last_error: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export function readJob(db: Kysely<Schema>, id: string) {
  return db.selectFrom('publish_jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** The job's row, or undefined once it is gone: a job that went out is deleted. */
export function findJob(db: Kysely<Schema>, id: string) {
  return db.selectFrom('publish_jobs').selectAll().where('id', '=', id).executeTakeFirst();
}
