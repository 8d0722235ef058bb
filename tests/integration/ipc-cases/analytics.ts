// Dispatch cases for the analytics feature's channels: a record over them, so a channel
// added to shared/ipc/channels/analytics.ts without cases here fails to compile.
import { expect } from 'vitest';
import type { analyticsChannels } from '../../../shared/ipc/channels/analytics.ts';
import type { TestCore } from '../../helpers/core.ts';
import type { ChannelCases, Ctx } from './types.ts';
import { postSeqOf } from '../../../main/core/db/post-numbers.ts';

const day = 86_400_000;
const from = Date.UTC(2026, 10, 1);
const to = Date.UTC(2026, 10, 25);

/** The target of the setup's scheduled post, marked published on X as post 123. */
async function publishedTarget({ core, postId }: Ctx & { core: TestCore }) {
  const target = await core.database.db
    .selectFrom('post_targets')
    .select('id')
    .where('post_seq', '=', postSeqOf(postId))
    .executeTakeFirstOrThrow();
  await core.database.db
    .updateTable('post_targets')
    .set({ status: 'published', remote_id: '123', published_at: core.clock.now() - day })
    .where('id', '=', target.id)
    .execute();
  return { targetId: target.id };
}

const badRanges = (clientId: string) => [
  {},
  { clientId, from: 'yesterday', to },
  { clientId, from: to, to: from },
  { clientId, from: 0, to: 400 * day },
  // Near JavaScript's last date: refused, not failed inside (INTERNAL).
  { clientId, from: 8_640_000_000_000_000 - 30 * day, to: 8_640_000_000_000_000 },
  { clientId, from, to, extra: 1 },
];

export const analyticsCases: Record<keyof typeof analyticsChannels, ChannelCases> = {
  'analytics:get-dashboard': {
    valid: ({ clientId }) => ({ clientId, from, to }),
    check: (v, { clientId }) => {
      expect(v).toMatchObject({
        clientId,
        summary: { posts: 0, impressions: 0, engagementRate: null, followers: null },
        usage: { readsToday: 0, dailyReadCap: 1000 },
      });
    },
    invalid: [
      ...badRanges('c'),
      { clientId: 'c', accountId: 7, from, to },
      { clientId: 'c', platform: 'myspace', from, to },
    ],
  },
  'analytics:get-post-curve': {
    prepare: publishedTarget,
    valid: ({ made }) => ({ targetId: made?.targetId }),
    check: (v) => {
      expect(v).toMatchObject({ handle: 'existing', text: 'Scheduled post', points: [] });
    },
    invalid: [{}, { targetId: '' }, { targetId: 5 }, { targetId: 't', extra: 1 }],
  },
  'analytics:sync-now': {
    valid: () => ({}),
    check: (v) => {
      // The setup's tokens are not the fake's: X's refusal is reported, not thrown.
      expect(v).toMatchObject({ accounts: 1, accountsRead: 0, postsRead: 0 });
    },
    invalid: [{ accountId: 5 }, { accountId: '' }, { all: true }],
  },
  'analytics:refresh-post': {
    prepare: publishedTarget,
    valid: ({ made }) => ({ targetId: made?.targetId }),
    check: (v) => {
      expect(v).toMatchObject({ curve: { points: [] }, problem: expect.any(String) });
    },
    invalid: [{}, { targetId: '' }, { targetId: null }],
  },
  'analytics:refresh-account': {
    valid: ({ accountId }) => ({ accountId }),
    check: (v, { accountId }) => {
      expect(v).toMatchObject({ problems: [{ accountId }] });
    },
    invalid: [{}, { accountId: '' }, { accountId: 'a', extra: 1 }],
  },
  'analytics:get-usage': {
    valid: () => ({}),
    check: (v) => {
      expect(v).toEqual({ day: '2026-11-24', readsToday: 0, dailyReadCap: 1000 });
    },
    invalid: [{ day: 'today' }, 'x'],
  },
  'analytics:set-read-cap': {
    valid: () => ({ dailyReadCap: 250 }),
    check: (v) => {
      expect(v).toMatchObject({ dailyReadCap: 250 });
    },
    invalid: [{}, { dailyReadCap: -1 }, { dailyReadCap: 1.5 }, { dailyReadCap: '10' }],
  },
  'analytics:get-best-times': {
    valid: ({ clientId }) => ({ clientId }),
    check: (v) => {
      expect(v).toEqual([]);
    },
    invalid: [{}, { clientId: '' }, { clientId: 3 }],
  },
  'analytics:export-report': {
    valid: ({ clientId }) => ({ clientId, from, to, format: 'csv' }),
    check: (v) => {
      expect(v).toMatchObject({ mime: 'text/csv', encoding: 'utf8' });
      expect((v as { content: string }).content).toMatch(/^published_local,published_utc,account/);
    },
    invalid: [
      { clientId: 'c', from, to },
      { clientId: 'c', from, to, format: 'xls' },
      { clientId: 'c', from: to, to: from, format: 'csv' },
    ],
  },
};
