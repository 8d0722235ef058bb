// Dispatch cases for the calendar feature's channels: a record over them, so a channel
// added to shared/ipc/channels/calendar.ts without cases here fails to compile.
import { expect } from 'vitest';
import type { calendarChannels } from '../../../shared/ipc/channels/calendar.ts';
import type { ChannelCases, Ctx } from './types.ts';

const dayMs = 86_400_000;
const from = Date.UTC(2026, 10, 20);
const tooLong = { from, to: from + 63 * dayMs };

/** A campaign of the setup's client, for the channels that edit one. */
const makeCampaign: ChannelCases['prepare'] = async ({ core, clientId }) => {
  const made = await core.invoke('campaigns:create', { clientId, name: 'Existing campaign' });
  if (!made.ok) throw new Error(made.error.message);
  return { campaignId: made.value.id };
};
const campaignOf = (ctx: Ctx) => ctx.made?.campaignId ?? '';

export const calendarCases: Record<keyof typeof calendarChannels, ChannelCases> = {
  'calendar:range': {
    valid: ({ clientId }) => ({ from, to: from + 31 * dayMs, clientId, statuses: ['scheduled'] }),
    check: (v, { postId }) => {
      expect(v).toMatchObject({ truncated: false, items: [{ id: postId, parts: 1 }] });
    },
    invalid: [
      {},
      { from },
      { from: from + 1, to: from },
      tooLong,
      { from, to: from + 1, statuses: [] },
      { from, to: from + 1, statuses: ['sent'] },
      { from: -1, to: 1 },
      { from, to: from + 1, clientId: '' },
      { from, to: from + 1, extra: true },
    ],
  },
  'calendar:day-counts': {
    // Two days, then the rest of the month: the setup's post is in one of them.
    valid: ({ clientId }) => ({
      bounds: [from, from + dayMs, from + 2 * dayMs, from + 31 * dayMs],
      clientId,
      statuses: ['scheduled'],
    }),
    check: (v) => {
      expect(v).toHaveLength(3);
      expect((v as number[]).reduce((a, b) => a + b, 0)).toBe(1);
    },
    invalid: [
      {},
      { bounds: [from] },
      { bounds: [from + 1, from] },
      { bounds: Array.from({ length: 402 }, (_, i) => from + i * dayMs) },
      { bounds: [from, from + 1], statuses: [] },
      { bounds: [from, from + 1], extra: true },
    ],
  },
  'calendar:days': {
    // The first post of each of two days, then the rest of the month as one "day".
    valid: ({ clientId }) => ({
      bounds: [from, from + dayMs, from + 2 * dayMs, from + 31 * dayMs],
      perDay: 1,
      clientId,
      statuses: ['scheduled'],
    }),
    check: (v, { postId }) => {
      const days = v as { items: { id: string }[]; counts: number[] };
      expect(days.counts).toHaveLength(3);
      expect(days.counts.reduce((a, b) => a + b, 0)).toBe(1);
      expect(days.items.map((i) => i.id)).toEqual([postId]);
    },
    invalid: [
      {},
      { bounds: [from, from + dayMs] },
      { bounds: [from], perDay: 1 },
      { bounds: [from + 1, from], perDay: 1 },
      { bounds: [from, from + 63 * dayMs], perDay: 1 },
      { bounds: [from, from + 1], perDay: 0 },
      { bounds: [from, from + 1], perDay: 51 },
      { bounds: [from, from + 1], perDay: 1.5 },
      { bounds: [from, from + 1], perDay: 1, statuses: [] },
      { bounds: [from, from + 1], perDay: 1, extra: true },
    ],
  },
  'calendar:free-slots': {
    valid: ({ accountId }) => ({ from, to: from + 7 * dayMs, accountId }),
    check: (v) => {
      expect(v).toEqual([]);
    },
    invalid: [{}, { from: 'monday', to: from }, tooLong, { from, to: from + 1, accountId: 5 }],
  },
  'campaigns:list': {
    valid: ({ clientId }) => ({ clientId }),
    check: (v) => {
      expect(v).toEqual([]);
    },
    invalid: [{ clientId: 5 }, { includeArchived: 'yes' }, { all: true }],
  },
  'campaigns:create': {
    valid: ({ clientId }) => ({
      clientId,
      name: 'Winter sale',
      color: '#DC2626',
      startsOn: '2026-12-01',
      endsOn: '2026-12-24',
    }),
    check: (v) => {
      expect(v).toMatchObject({ name: 'Winter sale', color: '#dc2626', endsOn: '2026-12-24' });
    },
    invalid: [
      {},
      { clientId: 'c' },
      { clientId: 'c', name: '   ' },
      { clientId: 'c', name: 'x'.repeat(81) },
      { clientId: 'c', name: 'A', color: 'red' },
      { clientId: 'c', name: 'A', startsOn: '2026-13-01' },
      { clientId: 'c', name: 'A', startsOn: '2026-12-10', endsOn: '2026-12-01' },
    ],
  },
  'campaigns:update': {
    prepare: makeCampaign,
    valid: (ctx) => ({ id: campaignOf(ctx), name: 'Renamed', endsOn: null }),
    check: (v) => {
      expect(v).toMatchObject({ name: 'Renamed', endsOn: null });
    },
    invalid: [{}, { id: '' }, { id: 'k', startsOn: '1 Dec' }, { id: 'k', clientId: 'other' }],
  },
  'campaigns:archive': {
    prepare: makeCampaign,
    valid: (ctx) => ({ id: campaignOf(ctx) }),
    check: (v) => {
      expect(v).toMatchObject({ archivedAt: expect.any(Number) });
    },
    invalid: [{}, { id: 5 }, { id: 'k', force: true }],
  },
  'posts:set-campaign': {
    prepare: makeCampaign,
    valid: (ctx) => ({ postId: ctx.postId, campaignId: campaignOf(ctx) }),
    check: (v, ctx) => {
      expect(v).toMatchObject({ id: ctx.postId, campaignId: campaignOf(ctx) });
    },
    invalid: [
      {},
      { postId: 'p' },
      { postId: '', campaignId: null },
      { postId: 'p', campaignId: 5 },
    ],
  },
  'slots:list': {
    valid: ({ accountId }) => ({ accountId }),
    check: (v) => {
      expect(v).toEqual([]);
    },
    invalid: [{}, { accountId: '' }, { accountId: 'a', weekday: 1 }],
  },
  'slots:replace': {
    valid: ({ accountId }) => ({
      accountId,
      slots: [
        { weekday: 0, minuteOfDay: 540 },
        { weekday: 0, minuteOfDay: 540 },
      ],
    }),
    check: (v) => {
      expect(v).toMatchObject([{ weekday: 0, minuteOfDay: 540 }]);
    },
    invalid: [
      {},
      { accountId: 'a' },
      { accountId: 'a', slots: [{ weekday: 7, minuteOfDay: 0 }] },
      { accountId: 'a', slots: [{ weekday: 0, minuteOfDay: 1440 }] },
      { accountId: 'a', slots: [{ weekday: 0, minuteOfDay: 9.5 }] },
      { accountId: 'a', slots: [{ weekday: 0 }] },
    ],
  },
};
