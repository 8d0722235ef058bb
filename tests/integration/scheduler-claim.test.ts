// The scheduler's claim on real SQLite ([Note: claim indexes] in migrations/0028): it takes
// exactly the slots it is given, earliest due first, lapsed leases among them, reads no
// more rows than it takes, and the engine never holds a job it has not started.
import { describe, expect, it } from 'vitest';
import { createJobStore } from '../../main/core/scheduler/job-store.ts';
import { makeCore, type TestCore } from '../helpers/core.ts';
import { makeJob, findJob, readJob } from '../helpers/job-factories.ts';
import { makeAccount, makeClient, makePost } from '../helpers/post-factories.ts';
import { schedulerFixture } from './scheduler-fixture.ts';

const t = Date.UTC(2026, 10, 24, 9, 0);

/** A pending publish job for a fresh post, due at `runAt`, with `spec`'s lease if any. */
async function jobAt(
  core: TestCore,
  accountId: string,
  clientId: string,
  runAt: number,
  spec: { status?: 'running'; leaseOwner?: string; leaseExpiresAt?: number } = {},
) {
  const made = await makePost(core.database.db, {
    clientId,
    accountIds: [accountId],
    parts: ['Due'],
    scheduledAt: runAt,
  });
  return makeJob(core.database.db, { targetId: made.targets[accountId] ?? '', runAt, ...spec });
}

async function queue() {
  const core = await makeCore();
  const clientId = await makeClient(core.database.db);
  const accountId = await makeAccount(core.database.db, clientId);
  return { core, add: (runAt: number, spec = {}) => jobAt(core, accountId, clientId, runAt, spec) };
}

describe('claim', () => {
  it('takes exactly the slots asked for, earliest due first, nothing not yet due', async () => {
    const { core, add } = await queue();
    // Made out of order: the claim, not the insert order, must sort them.
    const late = await add(t - 1_000);
    const early = await add(t - 3_000);
    const middle = await add(t - 2_000);
    const sameTime = [await add(t), await add(t)].toSorted();
    const future = await add(t + 1);
    const jobs = createJobStore(core.database.db);

    const first = await jobs.claim('me', t, t + 60_000, 2);
    expect(first.map((j) => j.id)).toEqual([early, middle]);
    const second = await jobs.claim('me', t, t + 60_000, 10);
    expect(second.map((j) => j.id)).toEqual([late, ...sameTime]);
    expect(await jobs.claim('me', t, t + 60_000, 10)).toEqual([]);
    expect(await readJob(core.database.db, future)).toMatchObject({ status: 'pending' });
    expect(await readJob(core.database.db, early)).toMatchObject({
      status: 'running',
      lease_owner: 'me',
      lease_expires_at: t + 60_000,
    });
  });

  it('takes a lapsed lease back in its due order, never a live one', async () => {
    const { core, add } = await queue();
    const pending = await add(t - 2_000);
    const lapsed = await add(t - 5_000, {
      status: 'running',
      leaseOwner: 'dead',
      leaseExpiresAt: t - 1,
    });
    const live = await add(t - 9_000, {
      status: 'running',
      leaseOwner: 'alive',
      leaseExpiresAt: t + 30_000,
    });
    const jobs = createJobStore(core.database.db);

    expect((await jobs.claim('me', t, t + 60_000, 1)).map((j) => j.id)).toEqual([lapsed]);
    expect((await jobs.claim('me', t, t + 60_000, 5)).map((j) => j.id)).toEqual([pending]);
    expect(await readJob(core.database.db, lapsed)).toMatchObject({ lease_owner: 'me' });
    expect(await readJob(core.database.db, live)).toMatchObject({ lease_owner: 'alive' });
  });

  it('reads the due jobs from its two indexes, in order', async () => {
    const { core } = await queue();
    const captured: string[] = [];
    const { sqlite } = core.database;
    const prepare = sqlite.prepare.bind(sqlite);
    // Catch the statement the claim runs, as kysely compiles it.
    sqlite.prepare = (source: string) => {
      if (source.includes('UPDATE publish_jobs') && source.includes('UNION ALL')) {
        captured.push(source);
      }
      return prepare(source);
    };
    await createJobStore(core.database.db).claim('me', t, t + 60_000, 3);
    sqlite.prepare = prepare;
    const source = captured[0] ?? '';
    const parameters = (source.match(/\?/g) ?? []).map(() => 0);
    const plan = (
      prepare(`EXPLAIN QUERY PLAN ${source}`).all(...parameters) as { detail: string }[]
    ).map((row) => row.detail);

    expect(plan).toContain(
      'SEARCH publish_jobs USING INDEX publish_jobs_leased (lease_expires_at<?)',
    );
    expect(plan).toContain('SEARCH publish_jobs USING INDEX publish_jobs_pending (run_at<?)');
    // No search over all due jobs (the OR it replaced), and no scan of the table.
    expect(plan.filter((d) => /^(SEARCH|SCAN) publish_jobs\b/.test(d))).toHaveLength(3);
    expect(plan.join('\n')).not.toMatch(/publish_jobs_due|MULTI-INDEX OR|SCAN publish_jobs\b/);
  });
});

describe('the engine and its free slots', () => {
  it('never holds more jobs than it is running', async () => {
    const fx = await schedulerFixture({ tuning: { concurrency: 2 } });
    const now = fx.core.clock.now();
    const ids: string[] = [];
    for (let i = 0; i < 7; i += 1) ids.push((await fx.schedule([`Slot ${String(i)}`], now)).jobId);
    fx.fake.fault({ method: 'POST', path: '/2/tweets', kind: 'latency', ms: 60 });
    let most = 0;
    const sample = setInterval(() => {
      const row = fx.core.database.sqlite
        .prepare("SELECT count(*) AS n FROM publish_jobs WHERE status = 'running'")
        .get() as { n: number };
      most = Math.max(most, row.n);
    }, 5);
    try {
      await fx.core.scheduler.start();
      await fx.core.scheduler.checkNow();
    } finally {
      clearInterval(sample);
    }

    expect(fx.postsOf()).toHaveLength(7);
    for (const id of ids) expect(await findJob(fx.db, id)).toBeUndefined();
    expect(most).toBe(2);
  });
});
