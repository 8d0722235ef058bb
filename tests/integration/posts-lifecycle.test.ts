// Cancel, reschedule and retry on a real database: which states allow them, what happens
// to targets and jobs, and that each change is logged and pushed.
import { describe, expect, it } from 'vitest';
import type { PostSummary } from '../../shared/posts.ts';
import { dumpDatabase, makeCore, expectOk } from '../helpers/core.ts';
import { makeAccount, makeClient } from '../helpers/post-factories.ts';
import { accountSeqOf, postSeqOf } from '../../main/core/db/post-numbers.ts';

async function setup() {
  const core = await makeCore();
  const db = core.database.db;
  const clientId = await makeClient(db, { timezone: 'Europe/Berlin' });
  const a = await makeAccount(db, clientId, { handle: 'one' });
  const b = await makeAccount(db, clientId, { handle: 'two' });
  const pushed: PostSummary[] = [];
  core.events.on('post:saved', ({ post }) => pushed.push(post));
  const post = expectOk(
    await core.invoke('posts:schedule', {
      clientId,
      accountIds: [a, b],
      parts: [{ text: 'Hello' }],
      when: { at: '2026-12-01 09:00' },
    }),
  );
  const jobs = () =>
    db
      .selectFrom('publish_jobs as j')
      .innerJoin('post_targets as t', 't.id', 'j.target_id')
      .innerJoin('social_accounts as a', 'a.seq', 't.account_seq')
      .select(['a.id as account_id', 'j.status', 'j.run_at', 'j.attempts'])
      .orderBy('j.created_at')
      .orderBy('a.id')
      .execute();
  const setTarget = (account: string, status: 'published' | 'failed' | 'missed' | 'publishing') =>
    db
      .updateTable('post_targets')
      .set({ status, attempts: 3, error_code: 'X', error_message: 'boom' })
      .where('post_seq', '=', postSeqOf(post.id))
      .where('account_seq', '=', accountSeqOf(account))
      .execute();
  const setPost = (status: PostSummary['status']) =>
    db.updateTable('posts').set({ status }).where('id', '=', post.id).execute();
  const finishJobs = (status: 'done' | 'failed') =>
    db.updateTable('publish_jobs').set({ status }).execute();
  return { core, db, a, b, post, pushed, jobs, setTarget, setPost, finishJobs };
}

describe('posts:cancel', () => {
  it('cancels targets and pending jobs, logs and pushes it', async () => {
    const { core, post, pushed, jobs } = await setup();
    const cancelled = expectOk(await core.invoke('posts:cancel', { id: post.id }));
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.targets.map((t) => t.status)).toEqual(['cancelled', 'cancelled']);
    expect((await jobs()).map((j) => j.status)).toEqual(['cancelled', 'cancelled']);
    expect(pushed.at(-1)).toMatchObject({ id: post.id, status: 'cancelled' });
    const detail = expectOk(await core.invoke('posts:get', { id: post.id }));
    expect(detail.events.map((e) => e.type)).toEqual(['post.scheduled', 'post.cancelled']);
    expect(await core.invoke('posts:cancel', { id: post.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });

  it('refuses a post that is publishing or published, changing nothing', async () => {
    const { core, a, post, setTarget, setPost } = await setup();
    for (const status of ['publishing', 'published', 'partially_published'] as const) {
      await setPost(status);
      if (status !== 'publishing') await setTarget(a, 'published');
      const before = dumpDatabase(core);
      expect(await core.invoke('posts:cancel', { id: post.id })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT' },
      });
      expect(dumpDatabase(core)).toEqual(before);
    }
    expect(await core.invoke('posts:cancel', { id: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});

describe('posts:reschedule', () => {
  it("moves pending jobs, keeps the wall time's zone, and logs from and to", async () => {
    const { core, post, jobs } = await setup();
    const moved = expectOk(
      await core.invoke('posts:reschedule', {
        id: post.id,
        when: { at: '2026-12-05 18:30' },
      }),
    );
    expect(moved).toMatchObject({
      status: 'scheduled',
      scheduledAt: Date.UTC(2026, 11, 5, 17, 30),
      localTime: '2026-12-05T18:30',
      timezone: 'Europe/Berlin',
    });
    expect(await jobs()).toEqual([
      expect.objectContaining({ status: 'pending', run_at: Date.UTC(2026, 11, 5, 17, 30) }),
      expect.objectContaining({ status: 'pending', run_at: Date.UTC(2026, 11, 5, 17, 30) }),
    ]);
    const detail = expectOk(await core.invoke('posts:get', { id: post.id }));
    expect(detail.events.at(-1)).toMatchObject({
      type: 'post.rescheduled',
      detail: { from: { localTime: '2026-12-01T09:00' }, to: { localTime: '2026-12-05T18:30' } },
    });
  });

  it('schedules a missed or failed post again with fresh jobs; published targets stay', async () => {
    const { core, a, b, post, jobs, setTarget, setPost, finishJobs } = await setup();
    await finishJobs('failed');
    await setTarget(a, 'published');
    await setTarget(b, 'missed');
    await setPost('partially_published');
    const moved = expectOk(
      await core.invoke('posts:reschedule', {
        id: post.id,
        when: { at: '2026-12-02T09:00+01:00' },
      }),
    );
    const byAccount = new Map(moved.targets.map((t) => [t.accountId, t]));
    expect(byAccount.get(a)).toMatchObject({ status: 'published' });
    expect(byAccount.get(b)).toMatchObject({
      status: 'scheduled',
      attempts: 0,
      errorMessage: null,
    });
    // One of two targets is out and the other waits: the publisher's roll-up calls that publishing.
    expect(moved.status).toBe('publishing');
    const fresh = (await jobs()).filter((j) => j.status === 'pending');
    expect(fresh).toEqual([
      expect.objectContaining({ account_id: b, run_at: Date.UTC(2026, 11, 2, 8, 0), attempts: 0 }),
    ]);
  });

  it('a wholly missed post becomes scheduled again', async () => {
    const { core, a, b, post, setTarget, setPost, finishJobs } = await setup();
    await finishJobs('failed');
    await setTarget(a, 'missed');
    await setTarget(b, 'missed');
    await setPost('missed');
    const moved = expectOk(
      await core.invoke('posts:reschedule', {
        id: post.id,
        when: { at: '2026-12-02 09:00' },
      }),
    );
    expect(moved.status).toBe('scheduled');
    expect(moved.targets.map((t) => t.status)).toEqual(['scheduled', 'scheduled']);
  });

  it('refuses DST-ambiguous times, past times, publishing and cancelled posts', async () => {
    const { core, post, setPost } = await setup();
    const before = dumpDatabase(core);
    const refused = async (when: unknown, code: string, message: RegExp) => {
      expect(await core.dispatch('posts:reschedule', { id: post.id, when })).toMatchObject({
        ok: false,
        error: { code, message: expect.stringMatching(message) },
      });
    };
    await refused({ at: '2027-03-28 02:30' }, 'VALIDATION', /does not exist in Europe\/Berlin/);
    await refused({ at: '2027-10-31 02:30' }, 'VALIDATION', /happens twice/);
    await refused({ at: '2026-11-01 09:00' }, 'VALIDATION', /in the past/);
    expect(dumpDatabase(core)).toEqual(before);
    await setPost('publishing');
    await refused({ at: '2026-12-02 09:00' }, 'CONFLICT', /being published/);
    await setPost('cancelled');
    await refused({ at: '2026-12-02 09:00' }, 'CONFLICT', /cancelled/);
  });
});

describe('posts:retry', () => {
  it('gives failed and missed targets a fresh job due now with attempts reset', async () => {
    const { core, a, b, post, jobs, setTarget, setPost, finishJobs } = await setup();
    await finishJobs('failed');
    await setTarget(a, 'failed');
    await setTarget(b, 'published');
    await setPost('partially_published');
    core.clock.advance(60_000);
    const retried = expectOk(await core.invoke('posts:retry', { id: post.id }));
    expect(retried.targets.find((t) => t.accountId === a)).toMatchObject({
      status: 'scheduled',
      attempts: 0,
      errorCode: null,
    });
    expect((await jobs()).filter((j) => j.status === 'pending')).toEqual([
      expect.objectContaining({ account_id: a, run_at: core.clock.now(), attempts: 0 }),
    ]);
    const detail = expectOk(await core.invoke('posts:get', { id: post.id }));
    expect(detail.events.at(-1)).toMatchObject({ type: 'post.retried' });
    // Nothing left to retry.
    await setTarget(a, 'published');
    await setPost('published');
    expect(await core.invoke('posts:retry', { id: post.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('Nothing to retry') },
    });
  });
});

describe('clients grace window', () => {
  it('defaults to 120 minutes and can be set between 0 and 1440', async () => {
    const { core } = await setup();
    const created = await core.invoke('clients:create', { name: 'Grace' });
    expect(created).toMatchObject({ ok: true, value: { graceMinutes: 120 } });
    if (!created.ok) return;
    const id = created.value.id;
    expect(await core.invoke('clients:update', { id, graceMinutes: 0 })).toMatchObject({
      ok: true,
      value: { graceMinutes: 0 },
    });
    for (const graceMinutes of [-1, 1441, 1.5, '30']) {
      expect(await core.dispatch('clients:update', { id, graceMinutes })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      });
    }
  });
});
