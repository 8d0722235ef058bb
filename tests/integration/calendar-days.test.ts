// calendar:days, what the month view reads: each day's first posts and how many each day
// holds. Checked against calendar:range day by day (the same posts, the same order) under
// every filter, in real zones across DST changes, and past the range's 10,000-post cap.
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { dayFirstsQuery, dayTotalsQuery } from '../../main/core/services/calendar.ts';
import type { CalendarDaysInput, CalendarItem } from '../../shared/calendar.ts';
import { expectOk, type TestCore } from '../helpers/core.ts';
import { makeClient, makePost } from '../helpers/post-factories.ts';
import { calendarSetup as setup } from './calendar-fixture.ts';
import { clientSeqOf } from '../../main/core/db/post-numbers.ts';

/** An instant from a wall time in a zone (earlier of two in a fall-back hour). */
const wall = (date: string, time: string, zone: string) =>
  Temporal.PlainDateTime.from(`${date}T${time}`).toZonedDateTime(zone).epochMilliseconds;

/** Each day's first instant in a zone, from `first` for `days` days, plus the end. */
const boundsOf = (first: string, days: number, zone: string) =>
  Array.from(
    { length: days + 1 },
    (_, i) =>
      Temporal.PlainDate.from(first).add({ days: i }).toZonedDateTime(zone).epochMilliseconds,
  );

/** What calendar:range says of each day: its first posts, and how many it holds. */
async function rangeByDay(core: TestCore, input: CalendarDaysInput) {
  const { bounds, perDay, ...filters } = input;
  const days: { firsts: CalendarItem[]; count: number }[] = [];
  for (let i = 0; i + 1 < bounds.length; i += 1) {
    const range = expectOk(
      await core.invoke('calendar:range', {
        ...filters,
        from: bounds[i] ?? 0,
        to: bounds[i + 1] ?? 0,
      }),
    );
    days.push({ firsts: range.items.slice(0, perDay), count: range.items.length });
  }
  return days;
}

/** calendar:days agrees with calendar:range day by day, item for item. */
async function expectSameAsRange(core: TestCore, input: CalendarDaysInput) {
  const days = expectOk(await core.invoke('calendar:days', input));
  const expected = await rangeByDay(core, input);
  const label = JSON.stringify({ ...input, bounds: undefined });
  expect(days.counts, label).toEqual(expected.map((d) => d.count));
  expect(days.items, label).toEqual(expected.flatMap((d) => d.firsts));
  // In time order across the days.
  expect(days.items.every((item, k) => k === 0 || item.at >= (days.items[k - 1]?.at ?? 0))).toBe(
    true,
  );
  return days;
}

describe('calendar:days', () => {
  it('gives a busy day its first posts and its count, and every other day its own', async () => {
    const { core, db, acme, acmeX } = await setup();
    const zone = 'Europe/Berlin';
    const made = async (date: string, time: string) =>
      (
        await makePost(db, {
          clientId: acme,
          accountIds: [acmeX],
          parts: [`${date} ${time}`],
          scheduledAt: wall(date, time, zone),
        })
      ).postId;
    // Twelve on the 2nd (made out of order), three on the 3rd, none on the 4th, nine on the
    // last day of the month.
    const second: string[] = [];
    for (const minute of [300, 60, 0, 30, 90, 120, 600, 150, 180, 210, 240, 270]) {
      const time = `${String(8 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
      second.push(await made('2026-12-02', time));
    }
    const third = [await made('2026-12-03', '09:00'), await made('2026-12-03', '18:00')];
    third.splice(1, 0, await made('2026-12-03', '12:00'));
    const last: string[] = [];
    for (let h = 0; h < 9; h += 1) last.push(await made('2026-12-31', `${String(10 + h)}:00`));
    const bounds = boundsOf('2026-12-01', 31, zone);
    const days = await expectSameAsRange(core, { bounds, perDay: 8 });
    expect(days.counts.slice(0, 4)).toEqual([0, 12, 3, 0]);
    expect(days.counts[30]).toBe(9);
    expect(days.counts.reduce((a, b) => a + b, 0)).toBe(24);
    // The 2nd's first eight by time: 08:00, 08:30, 09:00, 09:30, 10:00, 10:30, 11:00, 11:30.
    const byMinute = [0, 30, 60, 90, 120, 150, 180, 210];
    const minutes = [300, 60, 0, 30, 90, 120, 600, 150, 180, 210, 240, 270];
    expect(days.items.slice(0, 8).map((i) => i.id)).toEqual(
      byMinute.map((m) => second[minutes.indexOf(m)]),
    );
    expect(days.items.slice(8, 11).map((i) => i.id)).toEqual(third);
    expect(days.items.slice(11).map((i) => i.id)).toEqual(last.slice(0, 8));
    // The items are the chips calendar:range draws, in full.
    expect(days.items[0]).toMatchObject({
      clientId: acme,
      parts: 1,
      firstLine: '2026-12-02 08:00',
    });
    expect(days.items[0]?.accounts).toEqual([{ id: acmeX, handle: 'acme' }]);
  });

  it('shows the last days of a month past the range’s 10,000-post cap', async () => {
    const { core, db, acme, acmeX } = await setup();
    const zone = 'Europe/Berlin';
    const seed = await makePost(db, {
      clientId: acme,
      accountIds: [acmeX],
      parts: ['Seed'],
      scheduledAt: wall('2026-12-01', '00:00', zone),
    });
    // 10,500 copies of the seed over the month's first 29 days (the calendar's columns
    // are copied with it), then one post on each of the last two days.
    const columns = (
      core.database.sqlite.prepare('SELECT name FROM pragma_table_info(?)').all('posts') as {
        name: string;
      }[]
    )
      .map((c) => c.name)
      .filter((n) => n !== 'seq' && n !== 'id' && n !== 'scheduled_at');
    core.database.sqlite
      .prepare(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10500)
         INSERT INTO posts (id, scheduled_at, ${columns.join(', ')})
         SELECT 'bulk-' || printf('%05d', i), scheduled_at + i * 238000, ${columns.join(', ')}
         FROM posts CROSS JOIN n WHERE posts.id = ?`,
      )
      .run(seed.postId);
    const late = [
      await makePost(db, {
        clientId: acme,
        accountIds: [acmeX],
        parts: ['Late'],
        scheduledAt: wall('2026-12-30', '10:00', zone),
      }),
      await makePost(db, {
        clientId: acme,
        accountIds: [acmeX],
        parts: ['Last'],
        scheduledAt: wall('2026-12-31', '10:00', zone),
      }),
    ];
    const bounds = boundsOf('2026-12-01', 31, zone);
    const range = expectOk(
      await core.invoke('calendar:range', { from: bounds[0] ?? 0, to: bounds[31] ?? 0 }),
    );
    expect(range.truncated).toBe(true);
    expect(range.items.some((i) => i.id === late[0]?.postId)).toBe(false);
    const days = expectOk(await core.invoke('calendar:days', { bounds, perDay: 8 }));
    expect(days.counts.reduce((a, b) => a + b, 0)).toBe(10_503);
    expect(days.counts.slice(29)).toEqual([1, 1]);
    expect(days.items.slice(-2).map((i) => i.id)).toEqual(late.map((p) => p.postId));
    // Every day of the 29 busy ones: its first eight, its count (~362 posts a day).
    expect(days.items).toHaveLength(29 * 8 + 2);
    expect(Math.min(...days.counts.slice(0, 29))).toBeGreaterThan(300);
  });

  it('puts each post on its local day across DST changes in several zones', async () => {
    const { core, db } = await setup();
    // Spring forward and fall back, whole hours and Lord Howe's half hour.
    const cases = [
      { zone: 'Europe/Berlin', first: '2026-03-28', days: 3 },
      { zone: 'Europe/Berlin', first: '2026-10-24', days: 3 },
      { zone: 'America/New_York', first: '2026-03-07', days: 3 },
      { zone: 'America/New_York', first: '2026-10-31', days: 3 },
      { zone: 'Australia/Lord_Howe', first: '2026-04-04', days: 3 },
      { zone: 'Australia/Lord_Howe', first: '2026-10-03', days: 3 },
      { zone: 'Asia/Kolkata', first: '2026-06-01', days: 2 },
    ];
    for (const { zone, first, days } of cases) {
      const clientId = await makeClient(db, { name: `${zone} ${first}`, timezone: zone });
      const expected: string[][] = [];
      for (let d = 0; d < days; d += 1) {
        const date = Temporal.PlainDate.from(first).add({ days: d }).toString();
        const ids: string[] = [];
        // The day's first minute, noon and its last quarter hour (after 24 h on a 25-hour day).
        for (const time of ['00:00', '12:00', '23:45']) {
          ids.push(
            (
              await makePost(db, {
                clientId,
                accountIds: [],
                parts: [`${zone} ${date} ${time}`],
                scheduledAt: wall(date, time, zone),
              })
            ).postId,
          );
        }
        expected.push(ids);
      }
      const input = { bounds: boundsOf(first, days, zone), perDay: 2, clientId };
      const result = await expectSameAsRange(core, input);
      expect(result.counts, `${zone} ${first}`).toEqual(expected.map(() => 3));
      expect(
        result.items.map((i) => i.id),
        `${zone} ${first}`,
      ).toEqual(expected.flatMap((ids) => ids.slice(0, 2)));
    }
  });

  it('agrees with calendar:range under every filter, approval included', async () => {
    const { core, db, acme, beta, acmeX, acmeDe, betaX } = await setup();
    const campaign = expectOk(
      await core.invoke('campaigns:create', { clientId: acme, name: 'Winter sale' }),
    );
    const zone = 'America/New_York';
    let n = 0;
    for (const date of ['2026-12-01', '2026-12-02', '2026-12-03']) {
      for (const [clientId, accountIds, status] of [
        [acme, [acmeX], 'scheduled'],
        [acme, [acmeDe], 'published'],
        [acme, [acmeX, acmeDe], 'failed'],
        [beta, [betaX], 'scheduled'],
        [beta, [betaX], 'draft'],
      ] as const) {
        n += 1;
        const made = await makePost(db, {
          clientId,
          accountIds: [...accountIds],
          parts: [`post ${String(n)}`],
          status,
          scheduledAt: wall(date, `${String(8 + (n % 12)).padStart(2, '0')}:15`, zone),
        });
        if (n % 3 === 0 && clientId === acme) {
          // Set on the row: a published post's campaign is not the user's to change.
          await db
            .updateTable('posts')
            .set({ campaign_id: campaign.id })
            .where('id', '=', made.postId)
            .execute();
        }
      }
    }
    // One post retries through an outage: both reads say what it waits for.
    const [waitingTarget] = await db
      .selectFrom('post_targets as t')
      .innerJoin('posts as p', 'p.seq', 't.post_seq')
      .select('t.id')
      .where('p.status', '=', 'scheduled')
      .where('p.client_seq', '=', clientSeqOf(acme))
      .limit(1)
      .execute();
    await db
      .insertInto('publish_jobs')
      .values({
        id: 'job-waiting',
        kind: 'publish',
        target_id: waitingTarget?.id ?? '',
        run_at: Date.UTC(2026, 11, 1),
        last_error: 'UNAVAILABLE: Waiting for X to recover. X had a server error (503).',
        created_at: Date.UTC(2026, 10, 24),
        updated_at: Date.UTC(2026, 10, 24),
      })
      .execute();
    const bounds = boundsOf('2026-12-01', 3, zone);
    const all = expectOk(await core.invoke('calendar:days', { bounds, perDay: 8 }));
    expect(all.items.filter((i) => i.waiting !== null).map((i) => i.waiting)).toEqual([
      'waiting for X to recover',
    ]);
    const filters = [
      {},
      { clientId: acme },
      { accountId: acmeDe },
      { campaignId: campaign.id },
      { statuses: ['scheduled' as const, 'failed' as const] },
      { clientId: beta, statuses: ['draft' as const] },
    ];
    for (const filter of filters) {
      for (const perDay of [1, 2, 8]) await expectSameAsRange(core, { bounds, perDay, ...filter });
    }
    // Each filter again over other days: the statement kept from the round above runs with
    // only its days replaced ([Note: the days' statement compiled once]).
    for (const filter of filters) {
      for (const other of [boundsOf('2026-12-02', 2, zone), boundsOf('2026-12-03', 1, zone)]) {
        await expectSameAsRange(core, { bounds: other, perDay: 2, ...filter });
      }
    }
    // Beta requires approval: its scheduled posts and drafts need it, and only they count.
    await db.updateTable('clients').set({ require_approval: 1 }).where('id', '=', beta).execute();
    const approval = await expectSameAsRange(core, { bounds, perDay: 8, needsApproval: true });
    expect(approval.counts).toEqual([2, 2, 2]);
    expect(approval.items.every((i) => i.needsApproval && i.clientId === beta)).toBe(true);
    // An archived client's posts leave the month unless it is asked for by id.
    expectOk(await core.invoke('clients:archive', { id: beta }));
    const active = await expectSameAsRange(core, { bounds, perDay: 8 });
    expect(active.counts).toEqual([3, 3, 3]);
    const archived = await expectSameAsRange(core, { bounds, perDay: 8, clientId: beta });
    expect(archived.counts).toEqual([2, 2, 2]);
  });

  it('refuses days out of order, too many days or too many posts a day', async () => {
    const { core } = await setup();
    const bounds = boundsOf('2026-12-01', 3, 'Europe/Berlin');
    for (const input of [
      { bounds: [...bounds].reverse(), perDay: 8 },
      { bounds: boundsOf('2026-12-01', 63, 'Europe/Berlin'), perDay: 8 },
      { bounds, perDay: 0 },
      { bounds, perDay: 51 },
      { bounds: [bounds[0]], perDay: 8 },
    ]) {
      expect(await core.dispatch('calendar:days', input)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      });
    }
  });

  it('walks posts on an index for every filter combination, a day at a time', async () => {
    const { core } = await setup();
    const combos = [
      {},
      { clientId: 'c' },
      { accountId: 'a' },
      { campaignId: 'k' },
      { statuses: ['scheduled' as const, 'failed' as const] },
      { clientId: 'c', accountId: 'a', campaignId: 'k' },
    ];
    for (const filter of combos) {
      const input = { bounds: [1, 2, 3], perDay: 8, archived: true, ...filter };
      for (const query of [
        dayFirstsQuery(core.database.db, input),
        dayTotalsQuery(core.database.db, input),
        // No client archived: the count leaves out its test of the client.
        dayTotalsQuery(core.database.db, { ...input, archived: false }),
      ]) {
        const { sql, parameters } = query.compile();
        const plan = core.database.sqlite
          .prepare(`EXPLAIN QUERY PLAN ${sql}`)
          .all(...(parameters as unknown[])) as { detail: string }[];
        const details = plan.map((p) => p.detail).join(' | ');
        // The days (a JSON parameter) are the outer loop; each day seeks into an index.
        expect(details, JSON.stringify(filter)).toMatch(/^SCAN d VIRTUAL TABLE/);
        expect(details, JSON.stringify(filter)).toMatch(
          /CORRELATED (LIST|SCALAR) SUBQUERY \d+ \| SEARCH p USING (COVERING )?INDEX posts_/,
        );
        expect(details, JSON.stringify(filter)).not.toMatch(/\bSCAN (?!d VIRTUAL|CONSTANT)/);
      }
      // A day's first posts come off the index in time order, not sorted after reading it.
      const { sql } = dayFirstsQuery(core.database.db, input).compile();
      if (!('statuses' in filter)) {
        const plan = core.database.sqlite
          .prepare(`EXPLAIN QUERY PLAN ${sql}`)
          .all(...(dayFirstsQuery(core.database.db, input).compile().parameters as unknown[])) as {
          id: number;
          parent: number;
          detail: string;
        }[];
        const inner = plan.filter((p) => p.parent !== 0);
        expect(inner.map((p) => p.detail).join(' | '), JSON.stringify(filter)).not.toMatch(
          /TEMP B-TREE/,
        );
      }
    }
  });
});
