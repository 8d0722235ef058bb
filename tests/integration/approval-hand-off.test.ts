// Client approval and hand-off together ([Note: hand-off]): an approved post the instance
// holds goes back to Starling the moment it lacks approval (moved, changes requested,
// approval newly required), so the instance never publishes it unapproved at its time;
// approved again, Starling publishes it, once. Real core and scheduler, real SQLite, the
// fake Mastodon's scheduled statuses.
import { describe, expect, it } from 'vitest';
import { decide } from '../helpers/approval.ts';
import { expectOk } from '../helpers/core.ts';
import { readJob } from '../helpers/job-factories.ts';
import {
  mastodonFixture,
  readTarget,
  scheduleOn,
  type MastodonFixture,
} from './mastodon-fixture.ts';

const minute = 60_000;

async function approvedAndHeld(text: string) {
  const fx = await mastodonFixture();
  expectOk(await fx.core.invoke('accounts:set-hand-off', { id: fx.account.id, on: true }));
  expectOk(
    await fx.core.invoke('clients:update', {
      id: fx.clientId,
      name: 'Bright Bakes',
      requireApproval: true,
    }),
  );
  const due = fx.core.clock.now() + 60 * minute;
  const { postId, targetId, jobId } = await scheduleOn(fx, due, [text]);
  await fx.core.scheduler.start();

  // Unapproved, nothing is handed over.
  await fx.core.scheduler.checkNow();
  expect(live(fx)).toEqual([]);

  // Approved, the instance is given it at once.
  await decide(fx.db, postId, 'approved', fx.core.clock.now());
  expect((await readJob(fx.db, jobId)).run_at).toBe(fx.core.clock.now());
  await fx.core.scheduler.checkNow();
  expect(live(fx)).toEqual([expect.objectContaining({ scheduledAt: due, text })]);
  return { fx, postId, targetId, jobId, due };
}

const live = (fx: MastodonFixture) =>
  fx.fake.ledger.scheduled().filter((s) => s.state === 'scheduled');

describe('approval of posts a network holds', () => {
  it('takes a moved post back at once and holds it at its new time until approved again', async () => {
    const { fx, postId, targetId, due } = await approvedAndHeld('Rye at nine');
    expectOk(
      await fx.core.invoke('posts:reschedule', {
        id: postId,
        when: { at: new Date(due + 30 * minute).toISOString() },
      }),
    );
    await fx.core.scheduler.checkNow();
    expect(live(fx)).toEqual([]);
    expect(await readTarget(fx, targetId)).toMatchObject({ status: 'scheduled', hold_id: null });

    // Its old time and its new one pass: the instance posts nothing, Starling holds it.
    fx.core.advance(61 * minute);
    await fx.core.scheduler.checkNow();
    expect(fx.statuses()).toEqual([]);
    fx.core.advance(30 * minute);
    await fx.core.scheduler.checkNow();
    expect(fx.statuses()).toEqual([]);
    expect(await readTarget(fx, targetId)).toMatchObject({
      error_code: 'APPROVAL',
      error_message: 'Waiting for approval from Bright Bakes.',
    });

    // Approved inside the grace window: published once, by Starling.
    await decide(fx.db, postId, 'approved', fx.core.clock.now());
    await fx.core.scheduler.checkNow();
    expect(fx.statuses().map((s) => s.text)).toEqual(['Rye at nine']);
    fx.core.advance(60 * minute);
    await fx.core.scheduler.checkNow();
    expect(fx.statuses()).toHaveLength(1);
    expect(await readTarget(fx, targetId)).toMatchObject({ status: 'published' });
  });

  it('takes it back when the client asks for changes to the version it approved', async () => {
    const { fx, postId, targetId, jobId } = await approvedAndHeld('Bagels at ten');
    await decide(fx.db, postId, 'changes_requested', fx.core.clock.now());
    expect((await readJob(fx.db, jobId)).run_at).toBe(fx.core.clock.now());
    await fx.core.scheduler.checkNow();
    expect(live(fx)).toEqual([]);

    fx.core.advance(61 * minute);
    await fx.core.scheduler.checkNow();
    expect(fx.statuses()).toEqual([]);
    expect(await readTarget(fx, targetId)).toMatchObject({ error_code: 'APPROVAL' });
  });

  it('takes back what it holds when the client starts requiring approval', async () => {
    const fx = await mastodonFixture();
    expectOk(await fx.core.invoke('accounts:set-hand-off', { id: fx.account.id, on: true }));
    const due = fx.core.clock.now() + 60 * minute;
    const post = expectOk(
      await fx.core.invoke('posts:schedule', {
        clientId: fx.clientId,
        accountIds: [fx.account.id],
        parts: [{ text: 'Croissants at eight' }],
        when: { at: new Date(due).toISOString() },
      }),
    );
    await fx.core.scheduler.start();
    await fx.core.scheduler.checkNow();
    expect(live(fx)).toHaveLength(1);

    expectOk(await fx.core.invoke('clients:update', { id: fx.clientId, requireApproval: true }));
    await fx.core.scheduler.checkNow();
    expect(live(fx)).toEqual([]);
    fx.core.advance(61 * minute);
    await fx.core.scheduler.checkNow();
    expect(fx.statuses()).toEqual([]);

    // No longer required: it goes out now, within its grace window, once.
    expectOk(await fx.core.invoke('clients:update', { id: fx.clientId, requireApproval: false }));
    await fx.core.scheduler.checkNow();
    expect(fx.statuses().map((s) => s.text)).toEqual(['Croissants at eight']);
    expect(await readTarget(fx, post.targets[0]?.id ?? '')).toMatchObject({
      status: 'published',
    });
  });
});
