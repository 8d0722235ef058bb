// [Note: may be out] on the queue itself (real SQLite): which writes set the mark, which
// keep it and which clear it, and that a claim reports it. The behaviour it buys is in
// scheduler-maybe-out.test.ts; this pins each write, so none can drop the mark unseen.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createJobStore } from '../../main/core/scheduler/job-store.ts';
import { payloadAtNewTime } from '../../main/core/scheduler/job-marks.ts';
import { makeCore } from '../helpers/core.ts';
import { makeJob, readJob } from '../helpers/job-factories.ts';
import { makeAccount, makeClient, makePost } from '../helpers/post-factories.ts';

const t = Date.UTC(2026, 10, 24, 9, 0);
const minute = 60_000;

async function queue() {
  const core = await makeCore();
  const db = core.database.db;
  const clientId = await makeClient(db);
  const accountId = await makeAccount(db, clientId);
  const jobs = createJobStore(db);
  const add = async (runAt = t) => {
    const made = await makePost(db, { clientId, accountIds: [accountId], parts: ['Due'] });
    const targetId = made.targets[accountId] ?? '';
    return { id: await makeJob(db, { targetId, runAt }), targetId };
  };
  const marked = async (id: string) =>
    (JSON.parse((await readJob(db, id)).payload) as { mayBeOut?: number }).mayBeOut === 1;
  /** Claims every due job for `owner` at `now`, as the engine's pass does. */
  const claim = (owner: string, now: number) => jobs.claim(owner, now, now + 2 * minute, 10);
  return { db, jobs, add, marked, claim };
}

describe('the may-be-out mark', () => {
  it('is set by a lapsed claim and a release at shutdown, and a claim reports it', async () => {
    const { jobs, add, marked, claim } = await queue();
    const lapsed = await add();
    const [first] = await claim('dead', t);
    expect(first).toMatchObject({ id: lapsed.id, mayBeOut: false });
    expect(await marked(lapsed.id)).toBe(false);
    // Its lease runs out: claimed again, marked, and the claim says so.
    const [again] = await claim('me', t + 3 * minute);
    expect(again).toMatchObject({ id: lapsed.id, mayBeOut: true });
    expect(await marked(lapsed.id)).toBe(true);

    const released = await add();
    await claim('me', t + 3 * minute);
    await jobs.release([released.id], 'me', t + 4 * minute, true);
    expect(await marked(released.id)).toBe(true);
    const plain = await add();
    await claim('me', t + 3 * minute);
    await jobs.release([plain.id], 'me', t + 4 * minute);
    expect(await marked(plain.id)).toBe(false);
  });

  it('is kept by every put-back that does not say, and cleared only when told', async () => {
    const { db, jobs, add, marked, claim } = await queue();
    const { id, targetId } = await add();
    let now = t;
    /** Claimed again by `me` and put back by `putBack`; whether it is still marked. */
    const after = async (putBack: () => Promise<unknown>) => {
      now += minute;
      await db.updateTable('publish_jobs').set({ run_at: now }).where('id', '=', id).execute();
      await claim('me', now);
      await putBack();
      return marked(id);
    };
    const requeue =
      (mayBeOut?: boolean, held = false) =>
      () =>
        jobs.requeue(
          id,
          'me',
          { runAt: now, spent: false, lastError: 'X: y', held, mayBeOut },
          now,
        );

    expect(await after(requeue(true))).toBe(true);
    expect(await after(requeue())).toBe(true);
    expect(await after(requeue(undefined, true))).toBe(true);
    expect(await after(() => jobs.holdForApproval(id, 'me', now, 'APPROVAL: wait', now))).toBe(
      true,
    );
    expect(await after(() => jobs.wait(id, 'me', now + minute, now))).toBe(true);
    // A new time from the user, and the line behind an earlier post of the account.
    await db.updateTable('publish_jobs').set({ payload: payloadAtNewTime }).execute();
    expect(await marked(id)).toBe(true);
    const leader = { id: 'another', targetId, runAt: t - minute };
    await jobs.lineUpBehind(leader, now + 10 * minute, 1_000, now, 'UNAVAILABLE');
    expect((await readJob(db, id)).last_error).toMatch(/^UNAVAILABLE: Waiting for an earlier/);
    expect(await marked(id)).toBe(true);
    // Only the publisher's word clears it.
    expect(await after(requeue(false))).toBe(false);
    const row = await sql<{ n: number }>`SELECT count(*) AS n FROM publish_jobs
      WHERE json_extract(payload, '$.mayBeOut') IS NOT NULL`.execute(db);
    expect(row.rows[0]?.n).toBe(0);
  });
});
