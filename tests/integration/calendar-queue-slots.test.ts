// Queue slots on a real database with real IANA zones: weekly wall times that keep their
// hour across DST, the spring-forward gap moved with a note, the autumn repeat used once,
// and busy instants (waiting posts, the caller's batch) skipped.
import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import { createQueueSlots } from '../../main/core/services/queue-slots.ts';
import { localTimeOf } from '../../shared/schedule-time.ts';
import { dumpDatabase, makeCore } from '../helpers/core.ts';
import { makeAccount, makeClient, makePost } from '../helpers/post-factories.ts';

const sunday = 6;
const monday = 0;
const at = (h: number, m = 0) => h * 60 + m;

async function setup(timezone = 'Europe/Berlin') {
  const core = await makeCore();
  const db = core.database.db;
  const clientId = await makeClient(db, { timezone });
  const account = await makeAccount(db, clientId);
  const slots = createQueueSlots(db, { newId: uuidv7, clock: core.clock });
  return { core, db, clientId, account, slots };
}

describe('queue slots: replace and list', () => {
  it('stores the week de-duplicated and sorted, replacing the previous week', async () => {
    const { account, slots } = await setup();
    await slots.replace(account, [{ weekday: 4, minuteOfDay: at(17) }]);
    const saved = await slots.replace(account, [
      { weekday: 2, minuteOfDay: at(9, 30) },
      { weekday: monday, minuteOfDay: at(12) },
      { weekday: 2, minuteOfDay: at(9, 30) },
      { weekday: monday, minuteOfDay: at(9) },
    ]);
    expect(saved.map((s) => [s.weekday, s.minuteOfDay])).toEqual([
      [0, 540],
      [0, 720],
      [2, 570],
    ]);
    expect(await slots.list(account)).toEqual(saved);
  });

  it('refuses impossible times or an unknown account and changes nothing', async () => {
    const { core, account, slots } = await setup();
    await slots.replace(account, [{ weekday: 1, minuteOfDay: at(10) }]);
    const before = dumpDatabase(core);
    await expect(slots.replace(account, [{ weekday: 7, minuteOfDay: 0 }])).rejects.toMatchObject({
      error: { code: 'VALIDATION', message: expect.stringContaining('0 (Monday) to 6 (Sunday)') },
    });
    await expect(slots.replace(account, [{ weekday: 1, minuteOfDay: 1440 }])).rejects.toMatchObject(
      { error: { code: 'VALIDATION' } },
    );
    await expect(slots.replace(account, [{ weekday: 1, minuteOfDay: 10.5 }])).rejects.toMatchObject(
      { error: { code: 'VALIDATION' } },
    );
    await expect(slots.replace('nope', [{ weekday: 1, minuteOfDay: 0 }])).rejects.toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
    expect(dumpDatabase(core)).toEqual(before);
  });
});

describe('queue slots: nextFree in real zones', () => {
  it('keeps a Monday 09:00 Berlin slot at 09:00 Berlin across the spring change', async () => {
    const { account, slots } = await setup('Europe/Berlin');
    await slots.replace(account, [{ weekday: monday, minuteOfDay: at(9) }]);
    const free = await slots.nextFree(account, Date.UTC(2027, 2, 20), 3);
    expect(free.map((f) => localTimeOf(f.at, 'Europe/Berlin'))).toEqual([
      '2027-03-22T09:00',
      '2027-03-29T09:00',
      '2027-04-05T09:00',
    ]);
    // The UTC instant moves by an hour: the wall time is what stays.
    expect(free[0]?.at).toBe(Date.UTC(2027, 2, 22, 8, 0));
    expect(free[1]?.at).toBe(Date.UTC(2027, 2, 29, 7, 0));
    expect(free.every((f) => f.note === undefined)).toBe(true);
  });

  it('moves a 02:30 slot on the spring-forward night to 03:30 with a note (Berlin, New York)', async () => {
    for (const [zone, day, utcHour, nextWeek] of [
      ['Europe/Berlin', 28, 1, '2027-04-04'],
      ['America/New_York', 14, 7, '2027-03-21'],
    ] as const) {
      const { account, slots } = await setup(zone);
      await slots.replace(account, [{ weekday: sunday, minuteOfDay: at(2, 30) }]);
      const [gap, after] = await slots.nextFree(account, Date.UTC(2027, 2, day - 1), 2);
      expect(gap?.at).toBe(Date.UTC(2027, 2, day, utcHour, 30));
      expect(localTimeOf(gap?.at ?? 0, zone)).toBe(`2027-03-${String(day)}T03:30`);
      expect(gap?.note).toContain(`2027-03-${String(day)} 02:30 does not exist in ${zone}`);
      expect(gap?.note).toContain('03:30 instead');
      expect(localTimeOf(after?.at ?? 0, zone)).toBe(`${nextWeek}T02:30`);
      expect(after?.note).toBeUndefined();
    }
  });

  it('gives the repeated autumn hour once, at its first occurrence', async () => {
    const berlin = await setup('Europe/Berlin');
    await berlin.slots.replace(berlin.account, [{ weekday: sunday, minuteOfDay: at(2, 30) }]);
    const inBerlin = await berlin.slots.nextFree(berlin.account, Date.UTC(2027, 9, 30), 2);
    // 02:30 CEST (00:30Z); 02:30 CET (01:30Z) is not handed out.
    expect(inBerlin.map((f) => f.at)).toEqual([
      Date.UTC(2027, 9, 31, 0, 30),
      Date.UTC(2027, 10, 7, 1, 30),
    ]);

    const ny = await setup('America/New_York');
    await ny.slots.replace(ny.account, [{ weekday: sunday, minuteOfDay: at(1, 30) }]);
    const inNy = await ny.slots.nextFree(ny.account, Date.UTC(2027, 10, 6), 2);
    // 01:30 EDT (05:30Z), not 01:30 EST (06:30Z).
    expect(inNy.map((f) => f.at)).toEqual([
      Date.UTC(2027, 10, 7, 5, 30),
      Date.UTC(2027, 10, 14, 6, 30),
    ]);
    // Asking from between the two 01:30s gives the next week: the repeat is never a slot.
    const later = await ny.slots.nextFree(ny.account, Date.UTC(2027, 10, 7, 6, 0), 1);
    expect(later.map((f) => f.at)).toEqual([Date.UTC(2027, 10, 14, 6, 30)]);
  });

  it('does not hand out one instant twice when a moved slot lands on another slot', async () => {
    const { account, slots } = await setup('Europe/Berlin');
    await slots.replace(account, [
      { weekday: sunday, minuteOfDay: at(2, 30) },
      { weekday: sunday, minuteOfDay: at(3, 30) },
    ]);
    const free = await slots.nextFree(account, Date.UTC(2027, 2, 27), 3);
    expect(free.map((f) => localTimeOf(f.at, 'Europe/Berlin'))).toEqual([
      '2027-03-28T03:30',
      '2027-04-04T02:30',
      '2027-04-04T03:30',
    ]);
    expect(free[0]?.note).toBeUndefined();
  });

  it('skips instants held by a waiting post of the account or by the caller, not others', async () => {
    const { db, clientId, account, slots } = await setup('Europe/Berlin');
    const other = await makeAccount(db, clientId);
    await slots.replace(account, [{ weekday: monday, minuteOfDay: at(9) }]);
    const monday9 = (d: number) => Date.UTC(2027, 1, d, 8, 0);
    await makePost(db, { clientId, accountIds: [account], parts: ['a'], scheduledAt: monday9(1) });
    await makePost(db, {
      clientId,
      accountIds: [account],
      parts: ['b'],
      scheduledAt: monday9(8),
      status: 'cancelled',
    });
    await makePost(db, {
      clientId,
      accountIds: [account],
      parts: ['c'],
      scheduledAt: monday9(15),
      status: 'publishing',
    });
    await makePost(db, { clientId, accountIds: [other], parts: ['d'], scheduledAt: monday9(22) });
    const free = await slots.nextFree(account, Date.UTC(2027, 0, 31), 3, new Set([monday9(22)]));
    expect(free.map((f) => f.at)).toEqual([monday9(8), monday9(29), Date.UTC(2027, 2, 8, 8, 0)]);
  });

  it('gives nothing for an account without slots and refuses a silly count', async () => {
    const { account, slots } = await setup();
    expect(await slots.nextFree(account, Date.UTC(2027, 0, 1), 5)).toEqual([]);
    await expect(slots.nextFree(account, Date.UTC(2027, 0, 1), 0)).rejects.toMatchObject({
      error: { code: 'VALIDATION' },
    });
    await expect(slots.nextFree('nope', Date.UTC(2027, 0, 1), 1)).rejects.toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
  });

  it('lists the free slots of a range for the calendar, ends excluded', async () => {
    const { account, slots } = await setup('America/New_York');
    await slots.replace(account, [
      { weekday: monday, minuteOfDay: at(9) },
      { weekday: 2, minuteOfDay: at(16, 45) },
    ]);
    const week = await slots.freeInRange(
      account,
      Date.UTC(2027, 0, 4, 14, 0), // Monday 09:00 EST, included
      Date.UTC(2027, 0, 11, 14, 0), // next Monday 09:00, excluded
    );
    expect(week.map((f) => localTimeOf(f.at, 'America/New_York'))).toEqual([
      '2027-01-04T09:00',
      '2027-01-06T16:45',
    ]);
  });
});
