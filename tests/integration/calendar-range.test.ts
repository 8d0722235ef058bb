// The calendar's read channels on a real database: the range query with its filters and
// compact items (and its plan on indexes) and ghost-cell slots in real zones. Campaigns
// and slots are in calendar-campaigns.test.ts.
import { describe, expect, it } from 'vitest';
import { quarterCountsQuery, rangeQuery } from '../../main/core/services/calendar.ts';
import { localTimeOf } from '../../shared/schedule-time.ts';
import { expectOk } from '../helpers/core.ts';
import { makePost } from '../helpers/post-factories.ts';
import { calendarSetup as setup, day } from './calendar-fixture.ts';
import { accountSeqOf, postSeqOf } from '../../main/core/db/post-numbers.ts';

describe('calendar:range', () => {
  it('gives compact items in time order with colour, handles, first line and thread length', async () => {
    const { core, db, acme, beta, acmeX, acmeDe, betaX } = await setup();
    await db.updateTable('clients').set({ color: '#db2777' }).where('id', '=', beta).execute();
    const thread = await makePost(db, {
      clientId: acme,
      accountIds: [acmeX, acmeDe],
      parts: ['Launch day\nmore detail', 'second', 'third'],
      scheduledAt: day(3),
    });
    const single = await makePost(db, {
      clientId: beta,
      accountIds: [betaX],
      parts: ['x'.repeat(300)],
      scheduledAt: day(2),
      status: 'published',
    });
    await makePost(db, {
      clientId: acme,
      accountIds: [acmeX],
      parts: ['Jan'],
      scheduledAt: day(40),
    });
    const range = expectOk(
      await core.invoke('calendar:range', {
        from: day(1, 0),
        to: day(31, 0),
      }),
    );
    expect(range.truncated).toBe(false);
    expect(range.items.map((i) => i.id)).toEqual([single.postId, thread.postId]);
    expect(range.items[1]).toEqual({
      id: thread.postId,
      clientId: acme,
      color: '#0f766e',
      campaignId: null,
      status: 'scheduled',
      at: day(3),
      timezone: 'Europe/Berlin',
      firstLine: 'Launch day',
      parts: 3,
      accounts: expect.arrayContaining([
        { id: acmeX, handle: 'acme' },
        { id: acmeDe, handle: 'acme_de' },
      ]) as unknown,
      held: false,
      waiting: null,
      needsApproval: false,
    });
    expect(range.items[0]).toMatchObject({ color: '#db2777', status: 'published', parts: 1 });
    expect(range.items[0]?.firstLine).toHaveLength(140);
  });

  it('filters by client, account, campaign and statuses, and hides archived clients', async () => {
    const { core, db, acme, beta, acmeX, acmeDe, betaX } = await setup();
    const campaign = expectOk(
      await core.invoke('campaigns:create', {
        clientId: acme,
        name: 'Winter sale',
        startsOn: '2026-12-01',
        endsOn: '2026-12-24',
      }),
    );
    const a1 = await makePost(db, {
      clientId: acme,
      accountIds: [acmeX],
      parts: ['a1'],
      scheduledAt: day(1),
    });
    const a2 = await makePost(db, {
      clientId: acme,
      accountIds: [acmeDe],
      parts: ['a2'],
      scheduledAt: day(2),
      status: 'failed',
    });
    const b1 = await makePost(db, {
      clientId: beta,
      accountIds: [betaX],
      parts: ['b1'],
      scheduledAt: day(3),
    });
    expectOk(
      await core.invoke('posts:set-campaign', {
        postId: a2.postId,
        campaignId: campaign.id,
      }),
    );
    const ids = async (filter: Record<string, unknown>) =>
      expectOk(
        await core.invoke('calendar:range', {
          from: day(1, 0),
          to: day(31, 0),
          ...filter,
        }),
      ).items.map((i) => i.id);
    expect(await ids({})).toEqual([a1.postId, a2.postId, b1.postId]);
    expect(await ids({ clientId: acme })).toEqual([a1.postId, a2.postId]);
    expect(await ids({ accountId: acmeDe })).toEqual([a2.postId]);
    expect(await ids({ campaignId: campaign.id })).toEqual([a2.postId]);
    expect(await ids({ statuses: ['scheduled'] })).toEqual([a1.postId, b1.postId]);
    expect(await ids({ statuses: ['failed', 'published'], clientId: acme })).toEqual([a2.postId]);
    expectOk(await core.invoke('clients:archive', { id: beta }));
    expect(await ids({})).toEqual([a1.postId, a2.postId]);
    expect(await ids({ clientId: beta })).toEqual([b1.postId]);
  });

  it('reads a month over all clients in time order from an index, then only its rows', async () => {
    const { core } = await setup();
    const { sql, parameters } = rangeQuery(core.database.db, { from: 1, to: 2 }).compile();
    const plan = core.database.sqlite
      .prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...(parameters as unknown[])) as { detail: string }[];
    expect(plan.map((p) => p.detail)).toEqual([
      // No sort and no scan: the chip's columns are read from each chosen row since 0032,
      // its client by number and its first line from its part 0 since 0042.
      'SEARCH p USING INDEX posts_by_time (scheduled_at>? AND scheduled_at<?)',
      'SEARCH c USING INTEGER PRIMARY KEY (rowid=?)',
      'CORRELATED SCALAR SUBQUERY 1',
      'SEARCH fp USING INDEX sqlite_autoindex_post_parts_2 (post_seq=? AND position=?)',
    ]);
  });

  it('keeps each chip current when its parts, accounts or handles change', async () => {
    const { core, db, acme, acmeX, acmeDe } = await setup();
    const post = await makePost(db, {
      clientId: acme,
      accountIds: [acmeX],
      parts: ['Old first\nline two', 'second'],
      scheduledAt: day(3),
    });
    const item = async () =>
      expectOk(await core.invoke('calendar:range', { from: day(1, 0), to: day(31, 0) })).items[0];
    await db
      .updateTable('post_parts')
      .set({ text: 'New first' })
      .where('post_seq', '=', postSeqOf(post.postId))
      .where('position', '=', 0)
      .execute();
    await db
      .deleteFrom('post_parts')
      .where('post_seq', '=', postSeqOf(post.postId))
      .where('position', '=', 1)
      .execute();
    await db
      .updateTable('social_accounts')
      .set({ handle: 'acme_renamed' })
      .where('id', '=', acmeX)
      .execute();
    await db
      .insertInto('post_targets')
      .values({
        id: 't-extra',
        post_seq: postSeqOf(post.postId),
        account_seq: accountSeqOf(acmeDe),
        remote_id: null,
        error_code: null,
        error_message: null,
        published_at: null,
        created_at: 0,
        updated_at: 0,
      })
      .execute();
    expect(await item()).toMatchObject({ firstLine: 'New first', parts: 1 });
    expect((await item())?.accounts).toEqual(
      expect.arrayContaining([
        { id: acmeX, handle: 'acme_renamed' },
        { id: acmeDe, handle: 'acme_de' },
      ]),
    );
    await db.deleteFrom('post_targets').where('id', '=', 't-extra').execute();
    expect((await item())?.accounts).toEqual([{ id: acmeX, handle: 'acme_renamed' }]);
  });

  it('refuses a backwards or too-long range with a sentence', async () => {
    const { core } = await setup();
    const backwards = await core.invoke('calendar:range', { from: day(5), to: day(1) });
    expect(backwards).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: expect.stringContaining('"from" must not be after "to"'),
      },
    });
    const long = await core.invoke('calendar:range', {
      from: day(1),
      to: day(1) + 90 * 86_400_000,
    });
    expect(long).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('at most 62 days') },
    });
    const status = await core.dispatch('calendar:range', { from: 0, to: 1, statuses: ['sent'] });
    expect(status).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('walks posts on an index for every filter combination', async () => {
    const { core } = await setup();
    const combos = [
      {},
      { clientId: 'c' },
      { accountId: 'a' },
      { campaignId: 'k' },
      { statuses: ['scheduled' as const, 'failed' as const] },
      { clientId: 'c', statuses: ['draft' as const] },
      { clientId: 'c', accountId: 'a', campaignId: 'k' },
    ];
    for (const filter of combos) {
      const { sql, parameters } = rangeQuery(core.database.db, {
        from: 1,
        to: 2,
        ...filter,
      }).compile();
      const plan = core.database.sqlite
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all(...(parameters as unknown[])) as { detail: string }[];
      const details = plan.map((p) => p.detail).join(' | ');
      expect(details, JSON.stringify(filter)).toMatch(/SEARCH p USING (COVERING )?INDEX posts_/);
      // No table is read end to end: every subquery is an index lookup too.
      expect(details, JSON.stringify(filter)).not.toMatch(/\bSCAN\b(?! CONSTANT)/);
      // Already in time order, except when several statuses' ranges are merged.
      if (!('statuses' in filter)) {
        expect(details, JSON.stringify(filter)).not.toMatch(/TEMP B-TREE/);
      }
    }
  });
});

describe('calendar:day-counts', () => {
  it('counts each day’s posts under the range’s filters, without reading a post row', async () => {
    const { core, db, acme, beta, acmeX, betaX } = await setup();
    for (const [clientId, accountId, at] of [
      [acme, acmeX, day(2, 9)],
      [acme, acmeX, day(2, 23)],
      [beta, betaX, day(2, 12)],
      [acme, acmeX, day(4, 0)],
      [acme, acmeX, day(9, 8)],
    ] as const) {
      await makePost(db, { clientId, accountIds: [accountId], parts: ['p'], scheduledAt: at });
    }
    const bounds = [1, 2, 3, 4, 5].map((d) => day(d, 0));
    const counts = async (filter: object) =>
      expectOk(await core.invoke('calendar:day-counts', { bounds, ...filter }));
    // The post on day 9 is past the last bound; the one at day 4 00:00 opens day 4.
    expect(await counts({})).toEqual([0, 3, 0, 1]);
    expect(await counts({ clientId: beta })).toEqual([0, 1, 0, 0]);
    expect(await counts({ accountId: acmeX })).toEqual([0, 2, 0, 1]);
    expect(await counts({ statuses: ['published'] })).toEqual([0, 0, 0, 0]);
    // The same numbers the range query gives, day by day.
    for (const [i, n] of (await counts({})).entries()) {
      const range = expectOk(
        await core.invoke('calendar:range', { from: bounds[i] ?? 0, to: bounds[i + 1] ?? 0 }),
      );
      expect(range.items).toHaveLength(n);
    }
  });

  it('counts on an index for every filter combination', async () => {
    const { core } = await setup();
    for (const filter of [{}, { clientId: 'c' }, { accountId: 'a' }, { campaignId: 'k' }]) {
      const { sql, parameters } = quarterCountsQuery(core.database.db, {
        from: 1,
        to: 2,
        ...filter,
      }).compile();
      const plan = core.database.sqlite
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all(...(parameters as unknown[])) as { detail: string }[];
      const details = plan.map((p) => p.detail).join(' | ');
      expect(details, JSON.stringify(filter)).toMatch(/SEARCH p USING (COVERING )?INDEX posts_/);
      expect(details, JSON.stringify(filter)).not.toMatch(/\bSCAN\b(?! CONSTANT)/);
    }
  });
});

describe('calendar:free-slots', () => {
  it('offers each account’s free slots in its client’s zone, moved out of a DST gap with a note', async () => {
    const { core, db, acme, acmeX, betaX } = await setup();
    expectOk(
      await core.invoke('slots:replace', {
        accountId: acmeX,
        slots: [{ weekday: 6, minuteOfDay: 150 }],
      }),
    );
    expectOk(
      await core.invoke('slots:replace', {
        accountId: betaX,
        slots: [{ weekday: 6, minuteOfDay: 9 * 60 }],
      }),
    );
    const from = Date.UTC(2027, 2, 26);
    const to = Date.UTC(2027, 2, 30);
    const free = expectOk(await core.invoke('calendar:free-slots', { from, to }));
    expect(
      free.map((f) => [
        f.accountId,
        localTimeOf(f.at, f.accountId === acmeX ? 'Europe/Berlin' : 'America/New_York'),
      ]),
    ).toEqual([
      [acmeX, '2027-03-28T03:30'],
      [betaX, '2027-03-28T09:00'],
    ]);
    expect(free[0]?.note).toContain('does not exist in Europe/Berlin');
    // A post already there takes the slot; a filter narrows the accounts.
    await makePost(db, {
      clientId: acme,
      accountIds: [acmeX],
      parts: ['x'],
      scheduledAt: free[0]?.at ?? 0,
    });
    expect(
      expectOk(await core.invoke('calendar:free-slots', { from, to, clientId: acme })),
    ).toEqual([]);
  });
});
