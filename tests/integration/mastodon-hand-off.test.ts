// Hand-off ([Note: hand-off]): a Mastodon account whose user lets the instance hold its
// posts hands a single post due later to the instance as a scheduled status, which the
// instance publishes at its time while Starling is away; a new time moves it, a cancel
// or a time too close takes it back, and nothing is ever posted twice. Real core, real
// SQLite, the fake Mastodon's scheduled statuses.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';

import { findJob, readJob } from '../helpers/job-factories.ts';
import { makeAccount, makeMediaAsset, pngBytes } from '../helpers/post-factories.ts';
import {
  eventTypes,
  mastodonFixture,
  readTarget,
  scheduleOn,
  type MastodonFixture,
} from './mastodon-fixture.ts';
import { expectOk } from '../helpers/core.ts';

const minute = 60_000;
const statuses = '/api/v1/statuses';

async function handingOff(): Promise<MastodonFixture> {
  const fx = await mastodonFixture();
  const account = expectOk(
    await fx.core.invoke('accounts:set-hand-off', { id: fx.account.id, on: true }),
  );
  expect(account.handOff).toBe(true);
  return fx;
}

const schedule = (
  fx: MastodonFixture,
  at: number,
  parts: string[] = ['Sourdough is back on Saturday'],
) => scheduleOn(fx, at, parts, { [fx.account.id]: { visibility: 'unlisted' } });

/** The instance records the next hand-off, but its answer never reaches Starling. */
function loseNextHandOffAnswer(fx: MastodonFixture): void {
  let lost = false;
  fx.onEvent((event) => {
    if (event.type === 'hand-off.sending' && !lost) {
      lost = true;
      fx.fake.fault({ path: statuses, method: 'POST', kind: 'drop-after-record' });
    }
  });
}

const live = (fx: MastodonFixture) =>
  fx.fake.ledger.scheduled().filter((s) => s.state === 'scheduled');

describe('hand-off to a Mastodon instance', () => {
  it('hands a post due in an hour to the instance, which publishes it while Starling is away', async () => {
    const fx = await handingOff();
    const due = fx.core.clock.now() + 60 * minute;
    const { postId, targetId, jobId } = await schedule(fx, due);
    // Woken at once to hand it over, not at its time.
    expect((await readJob(fx.db, jobId)).run_at).toBe(fx.core.clock.now());

    await fx.core.scheduler.start();
    await fx.core.scheduler.checkNow();
    const [held] = live(fx);
    expect(held).toMatchObject({
      scheduledAt: due,
      text: 'Sourdough is back on Saturday',
      visibility: 'unlisted',
      idempotencyKey: expect.any(String),
    });
    expect(await readTarget(fx, targetId)).toMatchObject({
      status: 'scheduled',
      hold_id: held?.id,
      hold_at: due,
    });
    // Waiting until just after its time, with no attempt spent.
    expect(await readJob(fx.db, jobId)).toMatchObject({
      status: 'pending',
      run_at: due + 30_000,
      attempts: 0,
    });
    const view = expectOk(await fx.core.invoke('posts:get', { id: postId }));
    expect(view.targets[0]?.heldUntil).toBe(due);
    const month = expectOk(
      await fx.core.invoke('calendar:range', { from: due - 60 * minute, to: due + 60 * minute }),
    );
    expect(month.items).toEqual([expect.objectContaining({ id: postId, held: true })]);

    // The laptop sleeps through the time; the instance publishes it on its own.
    await fx.core.scheduler.stop();
    fx.core.advance(3 * 60 * minute);
    expect(fx.statuses().map((s) => s.text)).toEqual(['Sourdough is back on Saturday']);

    // Awake again: the post is recorded as published, not missed and not late.
    await fx.core.scheduler.start();
    await fx.core.scheduler.checkNow();
    const published = await readTarget(fx, targetId);
    expect(published).toMatchObject({ status: 'published', remote_id: fx.statuses()[0]?.id });
    expect(published.remote_url).toMatch(/\/@nova_bakery\/\d+$/);
    expect(await findJob(fx.db, jobId)).toBeUndefined();
    expect(fx.statuses()).toHaveLength(1);
    const types = await eventTypes(fx, postId);
    expect(types).toEqual(
      expect.arrayContaining([
        'hand-off.sending',
        'hand-off.held',
        'part.posted',
        'target.published',
      ]),
    );
    expect(types).not.toContain('target.late');
    expect(types).not.toContain('target.missed');
  });

  it('moves the instance’s copy to a new time, and takes it back when the time is too close', async () => {
    const fx = await handingOff();
    const start = fx.core.clock.now();
    const { postId, targetId, jobId } = await schedule(fx, start + 60 * minute);
    expect(await fx.publish(targetId)).toMatchObject({
      kind: 'wait',
      at: start + 60 * minute + 30_000,
    });
    const heldId = live(fx)[0]?.id;

    await fx.core.invoke('posts:reschedule', {
      id: postId,
      when: { at: new Date(start + 120 * minute).toISOString() },
    });
    expect((await readJob(fx.db, jobId)).run_at).toBe(start);
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'wait' });
    expect(live(fx)).toEqual([
      expect.objectContaining({ id: heldId, scheduledAt: start + 120 * minute }),
    ]);

    // Three minutes ahead is inside the instance's five: Starling takes it back and posts it.
    await fx.core.invoke('posts:reschedule', {
      id: postId,
      when: { at: new Date(start + 3 * minute).toISOString() },
    });
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'wait', at: start + 3 * minute });
    expect(live(fx)).toEqual([]);
    expect(await readTarget(fx, targetId)).toMatchObject({ hold_id: null, hold_key: null });
    fx.core.advance(3 * minute);
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    fx.core.advance(60 * minute);
    expect(fx.statuses().map((s) => s.text)).toEqual(['Sourdough is back on Saturday']);
  });

  it('takes the post back from the instance when it is cancelled', async () => {
    const fx = await handingOff();
    const { postId, targetId, jobId } = await schedule(fx, fx.core.clock.now() + 60 * minute);
    await fx.publish(targetId);
    expect(live(fx)).toHaveLength(1);

    expectOk(await fx.core.invoke('posts:cancel', { id: postId }));
    // The job stays, due now, to take it back.
    expect(await readJob(fx.db, jobId)).toMatchObject({ status: 'pending' });
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'skipped' });
    expect(live(fx)).toEqual([]);
    fx.core.advance(2 * 60 * minute);
    expect(fx.statuses()).toEqual([]);
  });

  // A lost answer is asked for again with the same key, which the instance honours for an
  // hour; a laptop that slept past that hour finds the first scheduled status instead,
  // since the same key would then make a new one.
  it.each([
    ['at once', 0],
    ['after the instance forgot the key', 90],
  ])('keeps one hand-off when its answer was lost, asked again %s', async (_, slept) => {
    const fx = await handingOff();
    const { targetId } = await schedule(fx, fx.core.clock.now() + 5 * 60 * minute);
    loseNextHandOffAnswer(fx);
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'retry' });
    expect(live(fx)).toHaveLength(1);
    fx.core.advance(slept * minute);
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'wait' });
    expect(live(fx)).toHaveLength(1);
    expect((await readTarget(fx, targetId)).hold_id).toBe(live(fx)[0]?.id);
    fx.core.advance(6 * 60 * minute);
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    expect(fx.statuses()).toHaveLength(1);
  });

  it('finds a lost hand-off of media only, behind a content warning', async () => {
    const fx = await handingOff();
    const photo = await makeMediaAsset(fx.db, fx.core.dataDir, {
      bytes: pngBytes(4096, 7),
      kind: 'image',
      mime: 'image/png',
      clientId: fx.clientId,
    });
    const post = expectOk(
      await fx.core.invoke('posts:schedule', {
        clientId: fx.clientId,
        accountIds: [fx.account.id],
        parts: [{ text: '', media: [{ mediaId: photo, altText: 'A tray of buns' }] }],
        when: { at: new Date(fx.core.clock.now() + 5 * 60 * minute).toISOString() },
        networkOptions: { [fx.account.id]: { contentWarning: 'Food' } },
      }),
    );
    const targetId = post.targets[0]?.id ?? '';
    loseNextHandOffAnswer(fx);
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'retry' });
    fx.core.advance(90 * minute);
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'wait' });
    expect(live(fx)).toEqual([
      expect.objectContaining({ text: '', spoilerText: 'Food', mediaIds: [expect.any(String)] }),
    ]);
    expect((await readTarget(fx, targetId)).hold_id).toBe(live(fx)[0]?.id);
  });

  it('finds a lost hand-off as it was handed over after the post changed', async () => {
    const fx = await handingOff();
    const { postId, targetId } = await schedule(fx, fx.core.clock.now() + 5 * 60 * minute);
    loseNextHandOffAnswer(fx);
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'retry' });
    fx.core.advance(90 * minute);
    // The text changes while the instance holds the first version, its key forgotten.
    await sql`UPDATE post_parts SET text = 'Sourdough is back on Sunday'
      WHERE post_seq = (SELECT seq FROM posts WHERE id = ${postId})`.execute(fx.db);
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'wait' });
    expect(live(fx).map((s) => s.text)).toEqual(['Sourdough is back on Sunday']);
    fx.core.advance(6 * 60 * minute);
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    expect(fx.statuses().map((s) => s.text)).toEqual(['Sourdough is back on Sunday']);
  });

  it('records what the instance published while the answer to its hand-off was lost', async () => {
    const fx = await handingOff();
    const due = fx.core.clock.now() + 60 * minute;
    const { targetId } = await schedule(fx, due);
    loseNextHandOffAnswer(fx);
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'retry' });
    // Asleep through the post's time: the instance published it, and asked again now
    // it would refuse a time in the past, which used to make Starling post it itself.
    fx.core.advance(3 * 60 * minute);
    expect(fx.statuses()).toHaveLength(1);
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    expect(fx.statuses()).toHaveLength(1);
    expect((await readTarget(fx, targetId)).remote_id).toBe(fx.statuses()[0]?.id);
  });

  it('publishes a post itself when the hand-off it never heard back from was not made', async () => {
    const fx = await handingOff();
    const { targetId } = await schedule(fx, fx.core.clock.now() + 60 * minute);
    fx.fake.fault({ path: statuses, method: 'POST', kind: 'reset' });
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'retry' });
    expect(live(fx)).toHaveLength(0);
    fx.core.advance(2 * 60 * minute);
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    expect(fx.statuses()).toHaveLength(1);
    expect(live(fx)).toHaveLength(0);
  });

  it('does not take another post’s hand-off for the one whose answer was lost', async () => {
    const fx = await handingOff();
    const due = fx.core.clock.now() + 5 * 60 * minute;
    loseNextHandOffAnswer(fx);
    const lost = await schedule(fx, due);
    expect(await fx.publish(lost.targetId)).toMatchObject({ kind: 'retry' });
    const [first] = live(fx);
    // The same text at the same time, handed over whole: the newer scheduled status.
    const twin = await schedule(fx, due);
    expect(await fx.publish(twin.targetId)).toMatchObject({ kind: 'wait' });
    expect(live(fx)).toHaveLength(2);
    fx.core.advance(90 * minute);
    expect(await fx.publish(lost.targetId)).toMatchObject({ kind: 'wait' });
    expect(live(fx)).toHaveLength(2);
    expect((await readTarget(fx, lost.targetId)).hold_id).toBe(first?.id);
    expect((await readTarget(fx, twin.targetId)).hold_id).not.toBe(first?.id);
  });

  it('publishes threads and posts due soon itself, and hands over nothing for other networks', async () => {
    const fx = await handingOff();
    const { targetId } = await schedule(fx, fx.core.clock.now() + 60 * minute, ['One', 'Two']);
    expect(await fx.publish(targetId)).toMatchObject({
      kind: 'wait',
      at: fx.core.clock.now() + 60 * minute,
    });
    expect(fx.fake.ledger.scheduled()).toEqual([]);

    const soon = await schedule(fx, fx.core.clock.now() + 4 * minute);
    expect(await fx.publish(soon.targetId)).toMatchObject({ kind: 'wait' });
    expect(fx.fake.ledger.scheduled()).toEqual([]);

    const xAccount = await makeAccount(fx.db, fx.clientId, { handle: 'bakery_x' });
    const refused = await fx.core.invoke('accounts:set-hand-off', { id: xAccount, on: true });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'X cannot hold posts until their time.' },
    });
    const row = await fx.db
      .selectFrom('social_accounts')
      .select('hand_off')
      .where('id', '=', xAccount)
      .executeTakeFirstOrThrow();
    expect(row.hand_off).toBe(0);
  });

  it('takes scheduled posts back when hand-off is turned off', async () => {
    const fx = await handingOff();
    const { targetId, jobId } = await schedule(fx, fx.core.clock.now() + 60 * minute);
    await fx.publish(targetId);
    expect(live(fx)).toHaveLength(1);
    expectOk(await fx.core.invoke('accounts:set-hand-off', { id: fx.account.id, on: false }));
    expect((await readJob(fx.db, jobId)).run_at).toBe(fx.core.clock.now());
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'wait' });
    expect(live(fx)).toEqual([]);
    fx.core.advance(60 * minute);
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    expect(fx.statuses()).toHaveLength(1);
  });

  it('waits, spending no attempt, when the instance cannot be asked after the time', async () => {
    const fx = await handingOff();
    const due = fx.core.clock.now() + 60 * minute;
    const { targetId } = await schedule(fx, due);
    await fx.publish(targetId);
    fx.core.advance(61 * minute);
    fx.fake.fault({
      path: /^\/api\/v1\/scheduled_statuses\//,
      method: 'GET',
      kind: 'status',
      status: 503,
    });
    expect(await fx.publish(targetId)).toMatchObject({
      kind: 'wait',
      at: fx.core.clock.now() + 2 * minute,
    });
    expect(await readTarget(fx, targetId)).toMatchObject({ status: 'scheduled', attempts: 0 });
    fx.core.advance(2 * minute);
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    expect(fx.statuses()).toHaveLength(1);
  });
});
