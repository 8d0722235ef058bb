// A restored backup never sends again what went out after it was taken ([Note: restore
// reconciliation]): the real scheduler publishes to the fake X, the backup is restored
// with the CLI's restore, and the reopened core starts its background work as the app
// does. Without the reconciliation the post due a minute after the backup goes out twice.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { restoreBackup } from '../../main/core/data/backups-service.ts';
import Database from 'better-sqlite3';
import path from 'node:path';
import {
  markRestore,
  reconcileRestore,
  restoreMarker,
} from '../../main/core/data/restore-reconcile.ts';
import { registerMetricSeries } from '../../main/core/db/metric-series-sql.ts';
import { expectOk, makeCore, recordingLogger } from '../helpers/core.ts';
import { makeJob } from '../helpers/job-factories.ts';
import { makeAccount, makeClient, makePost } from '../helpers/post-factories.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';
import { findJob } from '../helpers/job-factories.ts';
import { makeXCore } from '../helpers/x-accounts.ts';
import {
  asked,
  eventsOf,
  readPost,
  readTarget,
  schedulerFixture,
  type SchedulerFixture,
} from './scheduler-fixture.ts';
import { postSeqOf } from '../../main/core/db/post-numbers.ts';
import { remoteUrlOf } from '../../main/core/db/remote-urls.ts';

const minute = 60_000;

type Scheduled = Awaited<ReturnType<SchedulerFixture['schedule']>>;

/**
 * A backup with three posts waiting; after it, the first is published and the second
 * cancelled; then the backup is restored (the app closed) and the core opened again.
 */
async function restoredAfterWork(
  options: {
    spoilReplaced?: boolean;
    /** More work after the backup, before the app closes; `thread` is due in two days. */
    after?: (fx: SchedulerFixture, t0: number, thread: Scheduled) => Promise<void>;
  } = {},
) {
  const fx = await schedulerFixture();
  const t0 = fx.core.clock.now();
  const out = await fx.schedule(['Out a minute after the backup'], t0 + minute);
  const stopped = await fx.schedule(['Cancelled after the backup'], t0 + 2 * minute);
  const later = await fx.schedule(['Tomorrow, as planned'], t0 + 24 * 60 * minute);
  const thread = await fx.schedule(['Thread, part one', 'Thread, part two'], t0 + 48 * 60 * minute);
  const backup = expectOk(await fx.core.invoke('backups:create', {}));

  await fx.core.scheduler.start();
  fx.core.advance(minute);
  await fx.core.scheduler.checkNow();
  expect(asked(fx)).toBe(1);
  const sent = await readTarget(fx, out.targetId);
  expect(sent).toMatchObject({ status: 'published', remote_id: expect.any(String) });
  expectOk(await fx.core.invoke('posts:cancel', { id: stopped.postId }));
  await options.after?.(fx, t0, thread);
  const elapsed = fx.core.clock.now() - t0;
  await fx.core.close();

  const restored = await restoreBackup({
    dataDir: fx.core.dataDir,
    backup: backup.file,
    now: fx.core.clock.now(),
    logger: recordingLogger(),
  });
  expect(fs.existsSync(restoreMarker(fx.core.dataDir))).toBe(true);
  if (options.spoilReplaced === true) fs.writeFileSync(restored.keptAs ?? '', 'not a database');

  const again = await makeXCore(fx.fake, { dataDir: fx.core.dataDir });
  again.clock.advance(elapsed);
  return { fx, again, out, stopped, later, thread, sent };
}

describe('restoring a backup', () => {
  it('carries forward what went out since the backup, and sends nothing twice', async () => {
    const { fx, again, out, stopped, later, sent } = await restoredAfterWork();
    await again.startBackground();
    expect(fs.existsSync(restoreMarker(again.dataDir))).toBe(false);
    const view = { ...fx, core: again, db: again.database.db };

    // The post that went out is published, with the same remote id, and is not sent again.
    expect(await readTarget(view, out.targetId)).toMatchObject({
      status: 'published',
      remote_id: sent.remote_id,
      published_at: sent.published_at,
    });
    expect(await readPost(view, out.postId)).toMatchObject({ status: 'published' });
    expect(await findJob(view.db, out.jobId)).toBeUndefined();
    expect((await eventsOf(view, out.postId)).map((e) => e.type)).toContain('target.restored');
    // The cancelled one stays cancelled.
    expect(await readPost(view, stopped.postId)).toMatchObject({ status: 'cancelled' });
    expect(await findJob(view.db, stopped.jobId)).toMatchObject({ status: 'cancelled' });

    await again.scheduler.checkNow();
    again.advance(5 * minute);
    await again.scheduler.checkNow();
    expect(asked(fx)).toBe(1);
    expect(fx.postsOf().map((p) => p.text)).toEqual(['Out a minute after the backup']);

    // What the backup had still to come goes out as planned.
    again.advance(24 * 60 * minute);
    await again.scheduler.checkNow();
    expect(fx.postsOf().map((p) => p.text)).toEqual([
      'Out a minute after the backup',
      'Tomorrow, as planned',
    ]);
    expect(await readPost(view, later.postId)).toMatchObject({ status: 'published' });
  });

  it('stops a thread the replaced database had half sent for review, keeping its sent part', async () => {
    const { fx, again, thread } = await restoredAfterWork({
      after: async (live, t0, half) => {
        // As a crash midway through a thread leaves it: the first part out, the target
        // still publishing.
        const first = await live.db
          .selectFrom('post_parts')
          .select('id')
          .where('post_seq', '=', postSeqOf(half.postId))
          .where('position', '=', 0)
          .executeTakeFirstOrThrow();
        await live.db
          .insertInto('post_target_parts')
          .values({ target_id: half.targetId, part_id: first.id, remote_id: '777', posted_at: t0 })
          .execute();
        await live.db
          .updateTable('post_targets')
          .set({ status: 'publishing' })
          .where('id', '=', half.targetId)
          .execute();
      },
    });
    await again.startBackground();
    const view = { ...fx, core: again, db: again.database.db };
    expect(await readTarget(view, thread.targetId)).toMatchObject({
      status: 'needs_review',
      error_code: 'UNCHECKABLE',
      error_message: expect.stringMatching(/while this was being published/),
    });
    expect(
      await view.db
        .selectFrom('post_target_parts')
        .select(['remote_id'])
        .where('target_id', '=', thread.targetId)
        .execute(),
    ).toEqual([{ remote_id: '777' }]);
    expect(await findJob(view.db, thread.jobId)).toBeUndefined();
    expect(await readPost(view, thread.postId)).toMatchObject({ status: 'needs_review' });
    // Its time comes and goes: nothing is sent by itself.
    again.advance(49 * 60 * minute);
    await again.scheduler.checkNow();
    expect(fx.postsOf().map((p) => p.text)).not.toContain('Thread, part one');
  });

  it('stops what fell due since the backup for review when the replaced file is unreadable', async () => {
    const { fx, again, out, later } = await restoredAfterWork({ spoilReplaced: true });
    await again.startBackground();
    const view = { ...fx, core: again, db: again.database.db };
    expect(await readTarget(view, out.targetId)).toMatchObject({
      status: 'needs_review',
      error_code: 'UNCHECKABLE',
      error_message: expect.stringMatching(/cannot tell whether this went out/),
    });
    await again.scheduler.checkNow();
    expect(asked(fx)).toBe(1);
    // The user saw it on X: it counts as published, as for any post X could not confirm.
    const account = fx.account.id;
    expect(
      expectOk(await again.invoke('posts:mark-published', { id: out.postId, accountId: account })),
    ).toMatchObject({ status: 'published' });
    // A post still to come is left to its time.
    expect(await readTarget(view, later.targetId)).toMatchObject({ status: 'scheduled' });
  });
});

describe('reconciling with the replaced database', () => {
  it('keeps a network’s hold, and a post that went out with an account removed since', async () => {
    const core = await makeCore();
    const { db } = core.database;
    const at = Date.UTC(2026, 11, 8, 9);
    const clientId = await makeClient(db);
    const accountId = await makeAccount(db, clientId);
    const gone = await makeAccount(db, clientId);
    const held = await makePost(db, {
      clientId,
      accountIds: [accountId],
      parts: ['Held'],
      scheduledAt: at,
    });
    const out = await makePost(db, {
      clientId,
      accountIds: [gone],
      parts: ['Out'],
      scheduledAt: at,
    });
    const heldTarget = held.targets[accountId] ?? '';
    const outTarget = out.targets[gone] ?? '';
    const heldJob = await makeJob(db, { targetId: heldTarget, runAt: at });
    await makeJob(db, { targetId: outTarget, runAt: at });

    // The replaced database: the first post handed to its network, the second published,
    // then its account removed (its rows went; its event log stays).
    const replaced = path.join(tempDataDir(), 'replaced.db');
    core.database.sqlite.exec(`VACUUM INTO '${replaced}'`);
    const later = new Database(replaced);
    registerMetricSeries(later); // as the app's connections have it
    later
      .prepare(`UPDATE post_targets SET hold_key = 'k1', hold_id = 'h1', hold_at = ? WHERE id = ?`)
      .run(at, heldTarget);
    later
      .prepare(
        `INSERT INTO post_events (post_id, target_id, type, detail, at)
        VALUES (?, ?, 'target.published', '{"remoteId":"1900","url":"https://x.com/b/status/1900"}', ?)`,
      )
      .run(out.postId, outTarget, at);
    later.prepare('DELETE FROM social_accounts WHERE id = ?').run(gone);
    later.close();

    markRestore(core.dataDir, replaced, at - 60_000);
    const result = await reconcileRestore({
      db,
      dataDir: core.dataDir,
      now: at - 60_000,
      logger: recordingLogger(),
    });
    expect(result).toMatchObject({
      replaced,
      carried: { scheduled: 1, published: 1 },
      unknown: 0,
      // What the app's notice says: two posts updated, none to review.
      summary: {
        updated: 2,
        review: 0,
        firstReviewAt: null,
        recordRead: true,
        reviewStatuses: [],
      },
    });
    const target = (id: string) =>
      db
        .selectFrom('post_targets')
        .selectAll()
        .select(remoteUrlOf('post_targets').as('remote_url'))
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    // The hold is known again, so the hand-off moves or takes back that one; its job stays.
    expect(await target(heldTarget)).toMatchObject({
      status: 'scheduled',
      hold_key: 'k1',
      hold_id: 'h1',
      hold_at: at,
    });
    expect(await findJob(db, heldJob)).toMatchObject({ status: 'pending' });
    expect(await target(outTarget)).toMatchObject({
      status: 'published',
      remote_id: '1900',
      remote_url: 'https://x.com/b/status/1900',
    });
    // Once only: the marker is gone, and a second start changes nothing.
    expect(
      await reconcileRestore({ db, dataDir: core.dataDir, now: at, logger: recordingLogger() }),
    ).toBeNull();
  });

  it('trusts no database that never held the post, and settles nothing by an unconfirmed send', async () => {
    const core = await makeCore();
    const { db } = core.database;
    const at = Date.UTC(2026, 11, 8, 9);
    const clientId = await makeClient(db);
    const accountId = await makeAccount(db, clientId);
    const due = await makePost(db, {
      clientId,
      accountIds: [accountId],
      parts: ['Due'],
      scheduledAt: at,
    });
    const asked = await makePost(db, {
      clientId,
      accountIds: [accountId],
      parts: ['Asked'],
      scheduledAt: at,
    });
    await makeJob(db, { targetId: due.targets[accountId] ?? '', runAt: at });
    await makeJob(db, { targetId: asked.targets[accountId] ?? '', runAt: at });
    const target = (id: string) =>
      db.selectFrom('post_targets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    // A database the app made afresh on a new machine, opened once before the restore:
    // readable, and without these posts. It proves nothing: the due post stops for review.
    const fresh = await makeCore();
    await fresh.close();
    markRestore(core.dataDir, path.join(fresh.dataDir, 'starling.db'), at);
    // A second restore before any start keeps the first one's word.
    markRestore(core.dataDir, '/elsewhere/starling.db', at);
    expect(
      await reconcileRestore({
        db,
        dataDir: core.dataDir,
        now: at + 60_000,
        logger: recordingLogger(),
      }),
    ).toMatchObject({
      unknown: 2,
      carried: {},
      // Read, but without these posts: whether one was handed to its network is unknown.
      summary: {
        updated: 0,
        review: 2,
        firstReviewAt: at,
        recordRead: false,
        reviewStatuses: ['needs_review'],
      },
    });
    expect(await target(due.targets[accountId] ?? '')).toMatchObject({
      status: 'needs_review',
      error_code: 'UNCHECKABLE',
    });

    // A replaced database whose send X never answered and no look-up settled.
    const other = await makeCore();
    const odb = other.database.db;
    const oc = await makeClient(odb);
    const oa = await makeAccount(odb, oc);
    const later = await makePost(odb, {
      clientId: oc,
      accountIds: [oa],
      parts: ['Maybe out'],
      scheduledAt: at,
    });
    await makeJob(odb, { targetId: later.targets[oa] ?? '', runAt: at });
    const replaced = path.join(tempDataDir(), 'replaced.db');
    other.database.sqlite.exec(`VACUUM INTO '${replaced}'`);
    const edit = new Database(replaced);
    edit
      .prepare("UPDATE post_targets SET error_code = 'UNCONFIRMED', attempts = 1 WHERE id = ?")
      .run(later.targets[oa]);
    edit.close();
    await other.close();
    const restored = await makeCore({ dataDir: tempDataDir() });
    // The restored database: the same rows as the replaced one before the send.
    restored.database.sqlite.exec(`ATTACH '${replaced}' AS r`);
    restored.database.sqlite.exec(`INSERT INTO clients SELECT * FROM r.clients;
      INSERT INTO social_accounts SELECT * FROM r.social_accounts;`);
    restored.database.sqlite.exec(`INSERT INTO posts SELECT * FROM r.posts;
      INSERT INTO post_parts (id, post_seq, position, text, search_client)
        SELECT id, post_seq, position, text, search_client FROM r.post_parts;
      INSERT INTO post_targets SELECT * FROM r.post_targets;
      UPDATE post_targets SET error_code = NULL, attempts = 0;
      INSERT INTO publish_jobs SELECT * FROM r.publish_jobs;
      DETACH r;`);
    markRestore(restored.dataDir, replaced, at);
    const rdb = restored.database.db;
    expect(
      await reconcileRestore({
        db: rdb,
        dataDir: restored.dataDir,
        now: at,
        logger: recordingLogger(),
      }),
    ).toMatchObject({
      carried: { needs_review: 1 },
      unknown: 0,
      summary: {
        updated: 0,
        review: 1,
        firstReviewAt: at,
        recordRead: true,
        reviewStatuses: ['needs_review'],
      },
    });
    expect(
      await rdb
        .selectFrom('post_targets')
        .selectAll()
        .where('id', '=', later.targets[oa] ?? '')
        .executeTakeFirstOrThrow(),
    ).toMatchObject({ status: 'needs_review', error_code: 'UNCHECKABLE' });
  });
});
