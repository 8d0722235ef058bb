// Dispatch cases for the posts feature's channels: a record over them, so a channel added to
// shared/ipc/channels/posts.ts without cases here fails to compile.
import { expect } from 'vitest';
import type { postsChannels } from '../../../shared/ipc/channels/posts.ts';
import { dumpDatabase } from '../../helpers/core.ts';
import { makePost } from '../../helpers/post-factories.ts';
import type { ChannelCases, Ctx } from './types.ts';
import { postSeqOf } from '../../../main/core/db/post-numbers.ts';

/** A schedule payload for the setup's client and account, with `extra` over it. */
const schedule = ({ clientId, accountId }: Ctx, extra: Record<string, unknown> = {}) => ({
  clientId,
  accountIds: [accountId],
  parts: [{ text: 'Hello from dispatch' }],
  when: { at: '2026-12-01 09:00', timezone: 'Europe/Berlin' },
  ...extra,
});
const bogusCtx: Ctx = { clientId: 'c', accountId: 'a', port: 0, postId: 'p', failedPostId: 'f' };
const badIds = [{}, { id: '' }, { id: 5 }, { id: 'y'.repeat(65) }, { id: 'p', force: true }];

export const postsCases: Record<keyof typeof postsChannels, ChannelCases> = {
  'posts:schedule': {
    valid: (ctx) =>
      schedule(ctx, {
        parts: [
          { text: 'Hello from dispatch', variants: { [ctx.accountId]: 'Hello, @existing' } },
          { text: 'Part two' },
        ],
      }),
    check: (v, { core, accountId }) => {
      expect(v).toMatchObject({
        status: 'scheduled',
        scheduledAt: Date.UTC(2026, 11, 1, 8, 0),
        timezone: 'Europe/Berlin',
        localTime: '2026-12-01T09:00',
        firstLine: 'Hello from dispatch',
        targets: [{ accountId, handle: 'existing', status: 'scheduled', attempts: 0 }],
      });
      expect(dumpDatabase(core).publish_jobs).toEqual([
        expect.objectContaining({
          kind: 'publish',
          status: 'pending',
          run_at: Date.UTC(2026, 11, 1, 8, 0),
          max_attempts: 5,
          account_id: accountId,
        }),
      ]);
    },
    invalid: [
      {},
      schedule(bogusCtx, { accountIds: [] }),
      schedule(bogusCtx, { accountIds: ['a', 'a'] }),
      schedule(bogusCtx, { parts: [] }),
      schedule(bogusCtx, { parts: [{ text: '   ' }] }),
      schedule(bogusCtx, { parts: [{ text: 'a'.repeat(10_001) }] }),
      schedule(bogusCtx, { parts: [{ text: 'ok', variants: { other: 'x' } }] }),
      schedule(bogusCtx, {
        parts: [{ text: 'ok', media: [{ mediaId: 'm', altText: 'a'.repeat(2001) }] }],
      }),
      schedule(bogusCtx, {
        // One more than any network takes in a part (LinkedIn's 20).
        parts: [
          { text: 'ok', media: Array.from({ length: 21 }, (_, i) => ({ mediaId: String(i) })) },
        ],
      }),
      schedule(bogusCtx, { when: 'tomorrow' }),
      schedule(bogusCtx, { when: { at: '2026-12-01 09:00', timezone: 'Mars/Olympus' } }),
      schedule(bogusCtx, { when: { at: '' } }),
      schedule(bogusCtx, { status: 'published' }),
    ],
  },
  'posts:list': {
    valid: () => ({ from: Date.UTC(2026, 10, 1), to: Date.UTC(2026, 11, 1), status: 'scheduled' }),
    check: (v, { postId }) => {
      expect(v).toEqual([expect.objectContaining({ id: postId, status: 'scheduled' })]);
    },
    invalid: [
      { from: 'yesterday' },
      { from: 1.5 },
      { status: 'gone' },
      { from: 2, to: 1 },
      { limit: 0 },
      { limit: 5000 },
      { clientId: '' },
      { account: 'a' },
    ],
  },
  'posts:get': {
    valid: ({ postId }) => ({ id: postId }),
    check: (v, { postId }) => {
      expect(v).toMatchObject({ id: postId, parts: [{ position: 0, text: 'Scheduled post' }] });
    },
    invalid: badIds,
  },
  'posts:cancel': {
    valid: ({ postId }) => ({ id: postId }),
    check: (v) => {
      expect(v).toMatchObject({ status: 'cancelled', targets: [{ status: 'cancelled' }] });
    },
    invalid: badIds,
  },
  'posts:reschedule': {
    valid: ({ postId }) => ({ id: postId, when: { at: '2026-12-02T10:00' } }),
    check: (v) => {
      expect(v).toMatchObject({
        status: 'scheduled',
        localTime: '2026-12-02T10:00',
        scheduledAt: Date.UTC(2026, 11, 2, 9, 0),
      });
    },
    invalid: [
      { id: 'p' },
      { id: 'p', when: 'soon' },
      { id: 'p', when: { at: '2026-12-02 10:00', timezone: '+01:00' } },
      { id: 'p', when: { at: '2026-12-02 10:00' }, extra: 1 },
      { when: { at: '2026-12-02 10:00' } },
    ],
  },
  'posts:retry': {
    valid: ({ failedPostId }) => ({ id: failedPostId }),
    check: (v, { core }) => {
      expect(v).toMatchObject({ status: 'scheduled', targets: [{ status: 'scheduled' }] });
      expect(dumpDatabase(core).publish_jobs).toEqual([
        expect.objectContaining({ status: 'pending', run_at: core.clock.now() }),
      ]);
    },
    invalid: badIds,
  },
  'posts:mark-published': {
    // A target LinkedIn could not confirm (needs_review, UNCHECKABLE), confirmed by the user.
    prepare: async ({ core, failedPostId }) => {
      await core.database.db
        .updateTable('post_targets')
        .set({ status: 'needs_review', error_code: 'UNCHECKABLE' })
        .where('post_seq', '=', postSeqOf(failedPostId))
        .execute();
      return {};
    },
    valid: ({ failedPostId, accountId }) => ({ id: failedPostId, accountId }),
    check: (v) => {
      expect(v).toMatchObject({ status: 'published', targets: [{ status: 'published' }] });
    },
    invalid: [{}, { id: 'p' }, { id: 'p', accountId: '' }, { id: 5, accountId: 'a' }],
  },
  'posts:unpublish': {
    // A post that went out; the fake X knows neither it nor the account's token, so the
    // delete is answered with a failure naming the account, and nothing changes.
    prepare: async ({ core, clientId, accountId }) => {
      const made = await makePost(core.database.db, {
        clientId,
        accountIds: [accountId],
        parts: ['Out already'],
        status: 'published',
      });
      await core.database.db
        .insertInto('post_target_parts')
        .values({
          target_id: made.targets[accountId] ?? '',
          part_id: made.partIds[0] ?? '',
          remote_id: '1900000000000000001',
          remote_ref: null,
          posted_at: core.clock.now(),
          removed_at: null,
        })
        .execute();
      return { published: made.postId };
    },
    valid: ({ made, accountId }) => ({ id: made?.published, accountIds: [accountId] }),
    check: (v, { accountId }) => {
      expect(v).toMatchObject({
        post: { status: 'published' },
        deleted: 0,
        failures: [{ accountId, message: expect.stringMatching(/^X /) }],
      });
    },
    invalid: [
      ...badIds,
      { id: 'p', accountIds: [] },
      { id: 'p', accountIds: [''] },
      { id: 'p', accountIds: 'account-1' },
      { id: 'p', accountIds: Array.from({ length: 100 }, (_, i) => `a${String(i)}`) },
    ],
  },
};
