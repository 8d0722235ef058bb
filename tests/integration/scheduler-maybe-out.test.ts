// [Note: may be out] A post whose send went unanswered may be live on its network. Whatever
// then holds its job (a reconnect, the client's approval) writes its own reason over
// "unconfirmed", and the missed sweep used to mark the post missed while it might be live;
// now the job keeps a mark until a look-up settles it. One that a definite answer showed
// was never sent is still missed past its window, and never sent late.
import { sql } from 'kysely';
import { describe, expect, it, vi } from 'vitest';
import { decide } from '../helpers/approval.ts';
import { findJob, readJob } from '../helpers/job-factories.ts';
import { flowOutcome, followRedirect, startConnect } from '../helpers/x-accounts.ts';
import {
  crashedMidSend,
  readPost,
  readTarget,
  schedulerFixture,
  type SchedulerFixture,
} from './scheduler-fixture.ts';

const minute = 60_000;
const postTweets = { method: 'POST', path: '/2/tweets' } as const;
const lookUp = { method: 'GET', path: /\/tweets$/ } as const;

/** A post due now whose send got no answer and whose look-up failed: UNCONFIRMED. */
async function unanswered(fx: SchedulerFixture, text: string, stored: boolean) {
  await fx.db.updateTable('clients').set({ grace_minutes: 30 }).execute();
  const post = await fx.schedule([text], fx.core.clock.now());
  fx.fake.fault({ ...postTweets, kind: stored ? 'drop-after-record' : 'reset' });
  fx.fake.fault({ ...lookUp, kind: 'status', status: 503 });
  await fx.core.scheduler.start();
  await fx.core.scheduler.checkNow();
  expect((await readJob(fx.db, post.jobId)).last_error).toMatch(/^UNCONFIRMED/);
  return post;
}

/** Three hours of the engine's checks, every five minutes. */
async function threeHours(fx: SchedulerFixture) {
  for (let i = 0; i < 36; i += 1) {
    fx.core.advance(5 * minute);
    await fx.core.scheduler.checkNow();
  }
}

async function reconnect(fx: SchedulerFixture) {
  fx.fake.clearFaults();
  const { flow } = await startConnect(fx.core, fx.fake, fx.clientId);
  const outcome = flowOutcome(fx.core, flow.flowId);
  await followRedirect(await fx.fake.approve(flow.authorizeUrl, { userId: fx.user.id }));
  expect((await outcome).ok).toBe(true);
}

describe('a post that may be out', () => {
  it('is not missed while held for a reconnect, and is published once found', async () => {
    const fx = await schedulerFixture();
    const post = await unanswered(fx, 'Out, unconfirmed', true);
    // The sign-in is revoked: the look-up is refused, and the job waits for a reconnect.
    fx.fake.revokeUser(fx.user.id);
    await threeHours(fx);
    expect((await readJob(fx.db, post.jobId)).last_error).toMatch(/^AUTH_EXPIRED/);
    expect(await readTarget(fx, post.targetId)).not.toMatchObject({ status: 'missed' });

    await reconnect(fx);
    await vi.waitFor(async () => {
      expect(await findJob(fx.db, post.jobId)).toBeUndefined();
    });
    expect(fx.postsOf().map((t) => t.text)).toEqual(['Out, unconfirmed']);
    expect(await readPost(fx, post.postId)).toMatchObject({ status: 'published' });
  });

  it('is missed on reconnect when the look-up finds it absent past its window', async () => {
    const fx = await schedulerFixture();
    const post = await unanswered(fx, 'Never arrived', false);
    fx.fake.revokeUser(fx.user.id);
    await threeHours(fx);
    expect(await readTarget(fx, post.targetId)).not.toMatchObject({ status: 'missed' });

    await reconnect(fx);
    await vi.waitFor(async () => {
      expect(await readTarget(fx, post.targetId)).toMatchObject({ status: 'missed' });
    });
    expect(fx.postsOf()).toEqual([]);
    expect((await readTarget(fx, post.targetId)).error_message).toMatch(/not sent late/);
  });

  it('is missed past its window once a definite refusal shows it was not sent', async () => {
    const fx = await schedulerFixture();
    const post = await unanswered(fx, 'Refused after all', false);
    // The look-up answers (absent, in time) and the post is sent again, but X refuses the
    // sign-in: nothing is out, so the hold that follows is swept like any other.
    fx.fake.fault({ ...postTweets, kind: 'revoked', times: 1e5 });
    await threeHours(fx);
    expect(await readTarget(fx, post.targetId)).toMatchObject({ status: 'missed' });

    await reconnect(fx);
    await fx.core.scheduler.checkNow();
    expect(fx.postsOf()).toEqual([]);
    expect(await readJob(fx.db, post.jobId)).toMatchObject({ status: 'failed' });
  });

  it('is not missed while held for approval after a crash mid-send, and is found once approved', async () => {
    const fx = await schedulerFixture();
    await fx.db.updateTable('clients').set({ grace_minutes: 30 }).execute();
    const t = fx.core.clock.now();
    const post = await fx.schedule(['Sent before the crash'], t);
    await crashedMidSend(fx, post, t, 'Sent before the crash');
    // Meanwhile the client came to require approval, which the post lacks.
    await fx.db.updateTable('clients').set({ require_approval: 1 }).execute();
    await fx.core.scheduler.start();
    fx.core.advance(2 * minute);
    await fx.core.scheduler.checkNow();
    expect((await readJob(fx.db, post.jobId)).last_error).toMatch(/^APPROVAL/);
    await threeHours(fx);
    expect(await readTarget(fx, post.targetId)).not.toMatchObject({ status: 'missed' });

    await decide(fx.db, post.postId, 'approved', fx.core.clock.now());
    await threeHours(fx);
    expect(await findJob(fx.db, post.jobId)).toBeUndefined();
    expect(fx.postsOf().map((t) => t.text)).toEqual(['Sent before the crash']);
    expect(await readPost(fx, post.postId)).toMatchObject({ status: 'published' });
  });

  it('a crash before the send is missed past its window, not sent late, whatever held it', async () => {
    for (const approvalMeanwhile of [false, true]) {
      const fx = await schedulerFixture();
      await fx.db.updateTable('clients').set({ grace_minutes: 30 }).execute();
      const t = fx.core.clock.now();
      const post = await fx.schedule(['Never sent'], t);
      // The process died after its claim, before sending: nothing in the journal.
      await fx.db
        .updateTable('publish_jobs')
        .set({ status: 'running', lease_owner: 'dead-process', lease_expires_at: t + minute })
        .where('id', '=', post.jobId)
        .execute();
      if (approvalMeanwhile) {
        await fx.db.updateTable('clients').set({ require_approval: 1 }).execute();
      }
      // Starling starts again three hours later (and the client approves then).
      fx.core.advance(3 * 60 * minute);
      await fx.core.scheduler.start();
      await fx.core.scheduler.checkNow();
      if (approvalMeanwhile) {
        await decide(fx.db, post.postId, 'approved', fx.core.clock.now());
        await threeHours(fx);
      }
      expect(fx.postsOf()).toEqual([]);
      const target = await readTarget(fx, post.targetId);
      expect(target.status).toBe('missed');
      expect(target.error_message).toMatch(/^Missed: Starling stopped before the post was sent/);
    }
  });

  it('held past a day, a post that may be out is missed: a hold nobody ends does not last', async () => {
    const fx = await schedulerFixture();
    const post = await unanswered(fx, 'Held for ever', true);
    fx.fake.revokeUser(fx.user.id);
    await threeHours(fx);
    expect(await readTarget(fx, post.targetId)).not.toMatchObject({ status: 'missed' });
    fx.core.advance(22 * 60 * minute);
    await fx.core.scheduler.checkNow();
    const target = await readTarget(fx, post.targetId);
    expect(target.status).toBe('missed');
    // It may be live: the user is told to look before sending it again.
    expect(target.error_message).toMatch(/may have reached its network\. Look at the account/);
  });

  it('an unexpected error after the send keeps the post from the sweep until it is found', async () => {
    const fx = await schedulerFixture();
    await fx.db.updateTable('clients').set({ grace_minutes: 30 }).execute();
    const post = await fx.schedule(['Live on X'], fx.core.clock.now());
    // X stores the post, then the journal cannot record X's answer: the run ends on an
    // unexpected error with the send unresolved in the journal.
    await sql`CREATE TRIGGER no_answers BEFORE INSERT ON post_event_log
      WHEN NEW.type_code IN
        (SELECT code FROM post_event_types WHERE name IN ('part.posted', 'part.failed'))
      BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`.execute(fx.db);
    await fx.core.scheduler.start();
    await fx.core.scheduler.checkNow();
    await sql`DROP TRIGGER no_answers`.execute(fx.db);
    expect((await readJob(fx.db, post.jobId)).last_error).toMatch(/^INTERNAL/);
    // Starling is closed for three hours: past its window, but it may be live, so the
    // sweep at the next start leaves it to the look-up, which finds it.
    await fx.core.scheduler.stop();
    fx.core.advance(3 * 60 * minute);
    await fx.core.scheduler.start();
    await fx.core.scheduler.checkNow();
    expect(fx.postsOf().map((t) => t.text)).toEqual(['Live on X']);
    expect(await readPost(fx, post.postId)).toMatchObject({ status: 'published' });
  });
});
