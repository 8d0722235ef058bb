// The scheduler enforces client approval (real SQLite, the fake X, a fake clock): a post
// that needs approval and lacks it is held at its time with the reason, which the post,
// the calendar and the tray show; approved inside the client's grace window it goes out
// (late), after it it is missed naming the approval; an approved post goes out on time,
// and moving it afterwards needs approval again; no longer requiring approval releases
// what was held.
import { describe, expect, it } from 'vitest';
import { waitingFor } from '../../shared/waiting-for.ts';
import { decide } from '../helpers/approval.ts';
import { expectOk } from '../helpers/core.ts';
import { readJob } from '../helpers/job-factories.ts';
import { eventsOf, readPost, readTarget, schedulerFixture } from './scheduler-fixture.ts';

const minute = 60_000;

async function approvalFixture() {
  const fx = await schedulerFixture();
  await fx.db
    .updateTable('clients')
    .set({ require_approval: 1, name: 'Bright Bakes' })
    .where('id', '=', fx.clientId)
    .execute();
  return fx;
}

describe('publishing with client approval', () => {
  it('holds an unapproved post at its time and publishes it once approved in the grace window', async () => {
    const fx = await approvalFixture();
    const t0 = fx.core.clock.now();
    const post = await fx.schedule(['Fresh sourdough at nine'], t0);
    await fx.core.scheduler.start();
    await fx.core.scheduler.checkNow();

    // Held, with the reason where the user looks for it.
    expect(fx.postsOf()).toEqual([]);
    expect(await readTarget(fx, post.targetId)).toMatchObject({
      status: 'scheduled',
      error_code: 'APPROVAL',
      error_message: 'Waiting for approval from Bright Bakes.',
    });
    expect(await readJob(fx.db, post.jobId)).toMatchObject({ status: 'pending', attempts: 0 });
    const calendar = expectOk(
      await fx.core.invoke('calendar:range', { from: t0 - minute, to: t0 + minute }),
    );
    expect(calendar.items[0]).toMatchObject({
      id: post.postId,
      needsApproval: true,
      waiting: 'waiting for approval from Bright Bakes',
    });
    const [upcoming] = await fx.core.scheduler.upcoming();
    expect(upcoming).toMatchObject({ id: post.postId, approval: 'none', needsApproval: true });
    expect(waitingFor(upcoming?.targets[0]?.errorMessage ?? null)).toBe(
      'waiting for approval from Bright Bakes',
    );
    expect(fx.core.scheduler.state()).toMatchObject({ state: 'attention', held: 1 });

    // Looked at again later: still held, and the history says so once.
    fx.core.advance(10 * minute);
    await fx.core.scheduler.checkNow();
    expect(fx.postsOf()).toEqual([]);

    // The client approves 40 minutes late, inside the 2-hour grace window: it goes out.
    fx.core.advance(30 * minute);
    await decide(fx.db, post.postId, 'approved', fx.core.clock.now());
    await fx.core.scheduler.checkNow();
    expect(fx.postsOf().map((t) => t.text)).toEqual(['Fresh sourdough at nine']);
    expect(await readPost(fx, post.postId)).toMatchObject({ status: 'published' });
    expect(await readTarget(fx, post.targetId)).toMatchObject({
      status: 'published',
      error_code: null,
      error_message: null,
    });
    const types = (await eventsOf(fx, post.postId)).map((e) => e.type);
    expect(types.filter((t) => t === 'target.held')).toHaveLength(1);
    expect(types).toEqual(
      expect.arrayContaining(['approval.approved', 'target.late', 'target.published']),
    );
    const late = (await eventsOf(fx, post.postId)).find((e) => e.type === 'target.late');
    expect(late?.detail).toMatchObject({ dueAt: t0, lateByMs: 40 * minute });
  });

  it('misses a post still unapproved when the grace window closes, naming the approval', async () => {
    const fx = await approvalFixture();
    await fx.db.updateTable('clients').set({ grace_minutes: 30 }).execute();
    const t0 = fx.core.clock.now();
    const post = await fx.schedule(['Croissants at eight'], t0);
    await fx.core.scheduler.start();
    for (let at = 0; at <= 40 * minute; at += 5 * minute) {
      fx.core.advance(at === 0 ? 0 : 5 * minute);
      await fx.core.scheduler.checkNow();
    }
    expect(await readPost(fx, post.postId)).toMatchObject({ status: 'missed' });
    expect(await readTarget(fx, post.targetId)).toMatchObject({
      status: 'missed',
      error_message: 'Missed: its client had not approved it when the grace window closed.',
    });
    const events = await eventsOf(fx, post.postId);
    expect(events.find((e) => e.type === 'target.missed')?.detail).toMatchObject({
      heldFor: 'approval',
      dueAt: t0,
    });
    expect(events.find((e) => e.type === 'post.missed')?.detail).toMatchObject({
      heldFor: 'approval',
    });

    // An approval that comes too late publishes nothing by surprise.
    await decide(fx.db, post.postId, 'approved', fx.core.clock.now());
    fx.core.advance(5 * minute);
    await fx.core.scheduler.checkNow();
    expect(fx.postsOf()).toEqual([]);
  });

  it('publishes an approved post on time; moved after approval, it is held again', async () => {
    const fx = await approvalFixture();
    const t0 = fx.core.clock.now();
    const onTime = await fx.schedule(['Rye at nine'], t0 + 10 * minute);
    const moved = await fx.schedule(['Rye at ten'], t0 + 20 * minute);
    await decide(fx.db, onTime.postId, 'approved', t0);
    await decide(fx.db, moved.postId, 'approved', t0);
    expectOk(
      await fx.core.invoke('posts:reschedule', { id: moved.postId, when: t0 + 30 * minute }),
    );
    await fx.core.scheduler.start();

    fx.core.advance(10 * minute);
    await fx.core.scheduler.checkNow();
    expect(fx.postsOf().map((t) => t.text)).toEqual(['Rye at nine']);
    const types = (await eventsOf(fx, onTime.postId)).map((e) => e.type);
    expect(types).not.toContain('target.held');
    expect(types).not.toContain('target.late');

    fx.core.advance(20 * minute);
    await fx.core.scheduler.checkNow();
    expect(fx.postsOf().map((t) => t.text)).toEqual(['Rye at nine']);
    expect(await readTarget(fx, moved.targetId)).toMatchObject({ error_code: 'APPROVAL' });
  });

  it('releases held posts when the client no longer requires approval', async () => {
    const fx = await approvalFixture();
    const post = await fx.schedule(['Bagels at nine'], fx.core.clock.now());
    await fx.core.scheduler.start();
    await fx.core.scheduler.checkNow();
    expect(fx.postsOf()).toEqual([]);

    fx.core.advance(minute);
    const client = expectOk(
      await fx.core.invoke('clients:update', { id: fx.clientId, requireApproval: false }),
    );
    expect(client.requireApproval).toBe(false);
    await fx.core.scheduler.checkNow();
    expect(fx.postsOf().map((t) => t.text)).toEqual(['Bagels at nine']);
    expect(await readPost(fx, post.postId)).toMatchObject({ status: 'published' });
  });
});
