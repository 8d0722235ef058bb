// Dispatch cases for the composer feature's channels: a record over them, so a channel
// added to shared/ipc/channels/composer.ts without cases here fails to compile.
import { expect } from 'vitest';
import type { composerChannels } from '../../../shared/ipc/channels/composer.ts';
import type { ChannelCases, Ctx } from './types.ts';

/** A draft of the setup's client to the setup's account. */
const makeDraft: ChannelCases['prepare'] = async ({ core, clientId, accountId }) => {
  const made = await core.invoke('drafts:save', {
    clientId,
    accountIds: [accountId],
    parts: [{ text: 'Half a thought' }],
  });
  if (!made.ok) throw new Error(made.error.message);
  return { draftId: made.value.id };
};
const makeTemplate: ChannelCases['prepare'] = async ({ core, clientId }) => {
  const made = await core.invoke('templates:save', {
    clientId,
    name: 'Opening',
    body: 'We open at {time}',
  });
  if (!made.ok) throw new Error(made.error.message);
  return { templateId: made.value.id };
};
const makeGroup: ChannelCases['prepare'] = async ({ core, clientId }) => {
  const made = await core.invoke('hashtag-groups:save', {
    clientId,
    name: 'Bakery',
    hashtags: ['#bread'],
  });
  if (!made.ok) throw new Error(made.error.message);
  return { groupId: made.value.id };
};
const madeId = (ctx: Ctx, key: string) => ctx.made?.[key] ?? '';
const badIds = [{}, { id: '' }, { id: 7 }, { id: 'd'.repeat(65) }, { id: 'd', extra: 1 }];

export const composerCases: Record<keyof typeof composerChannels, ChannelCases> = {
  'drafts:save': {
    valid: ({ clientId, accountId }) => ({
      clientId,
      accountIds: [accountId],
      // Saved as typed: an empty part and one over X's limit are kept for later.
      parts: [{ text: '' }, { text: 'x'.repeat(300) }],
      localTime: '2026-12-01T09:00',
    }),
    check: (value) => {
      expect(value).toMatchObject({
        status: 'draft',
        scheduledAt: null,
        localTime: '2026-12-01T09:00',
        parts: [{ text: '' }, { text: 'x'.repeat(300) }],
        targets: [{ handle: 'existing', status: 'draft' }],
      });
    },
    invalid: [
      {},
      { clientId: 'c', accountIds: [], parts: [] },
      { clientId: 'c', accountIds: ['a', 'a'], parts: [{ text: '' }] },
      { clientId: 'c', accountIds: [], parts: [{ text: 'x'.repeat(10_001) }] },
      { clientId: 'c', accountIds: [], parts: [{ text: '' }], localTime: 'tomorrow' },
      // The right shape, but no calendar has the day, or the clock that hour.
      { clientId: 'c', accountIds: [], parts: [{ text: '' }], localTime: '2026-02-30T09:00' },
      { clientId: 'c', accountIds: [], parts: [{ text: '' }], localTime: '2026-12-01T24:00' },
      {
        clientId: 'c',
        accountIds: [],
        parts: [{ text: '', media: [{ mediaId: 'm', altText: 'a'.repeat(2001) }] }],
      },
      { clientId: 'c', accountIds: [], parts: [{ text: '' }], status: 'scheduled' },
    ],
  },
  'drafts:list': {
    prepare: makeDraft,
    valid: ({ clientId }) => ({ clientId }),
    check: (value, ctx) => {
      expect(value).toEqual([
        expect.objectContaining({ id: madeId(ctx, 'draftId'), status: 'draft' }),
      ]);
    },
    invalid: [{ clientId: '' }, { clientId: 5 }, { status: 'draft' }],
  },
  'drafts:delete': {
    prepare: makeDraft,
    valid: (ctx) => ({ id: madeId(ctx, 'draftId') }),
    invalid: badIds,
  },
  'drafts:schedule': {
    prepare: makeDraft,
    valid: (ctx) => ({
      draftId: madeId(ctx, 'draftId'),
      post: {
        clientId: ctx.clientId,
        accountIds: [ctx.accountId],
        parts: [{ text: 'A whole thought' }],
        when: { at: '2026-12-01 09:00' },
      },
    }),
    check: (value) => {
      expect(value).toMatchObject({ status: 'scheduled', firstLine: 'A whole thought' });
    },
    invalid: [
      {},
      { post: {} },
      { draftId: '', post: { clientId: 'c', accountIds: ['a'], parts: [{ text: 'x' }], when: 1 } },
      {
        post: { clientId: 'c', accountIds: ['a'], parts: [{ text: 'x'.repeat(10_001) }], when: 1 },
      },
      { post: { clientId: 'c', accountIds: ['a'], parts: [{ text: '' }], when: 1 } },
      { post: { clientId: 'c', accountIds: [], parts: [{ text: 'x' }], when: 1 } },
    ],
  },
  'templates:list': {
    prepare: makeTemplate,
    valid: ({ clientId }) => ({ clientId }),
    check: (value) => {
      expect(value).toEqual([
        expect.objectContaining({ name: 'Opening', body: 'We open at {time}' }),
      ]);
    },
    invalid: [{}, { clientId: '' }],
  },
  'templates:save': {
    valid: ({ clientId }) => ({ clientId, name: '  Weekend  ', body: 'Open Saturday 8–14' }),
    check: (value) => {
      expect(value).toMatchObject({ name: 'Weekend', body: 'Open Saturday 8–14' });
    },
    invalid: [
      {},
      { clientId: 'c', name: '', body: 'b' },
      { clientId: 'c', name: 'n', body: '   ' },
      { clientId: 'c', name: 'n'.repeat(81), body: 'b' },
      { clientId: 'c', name: 'n', body: 'b'.repeat(10_001) },
    ],
  },
  'templates:delete': {
    prepare: makeTemplate,
    valid: (ctx) => ({ id: madeId(ctx, 'templateId') }),
    invalid: badIds,
  },
  'hashtag-groups:list': {
    prepare: makeGroup,
    valid: ({ clientId }) => ({ clientId }),
    check: (value) => {
      expect(value).toEqual([expect.objectContaining({ name: 'Bakery', hashtags: ['#bread'] })]);
    },
    invalid: [{}, { clientId: '' }],
  },
  'hashtag-groups:save': {
    valid: ({ clientId }) => ({
      clientId,
      name: 'Bread',
      hashtags: ['sourdough', '#Bäckerei', '#sourdough'],
    }),
    check: (value) => {
      expect(value).toMatchObject({ name: 'Bread', hashtags: ['#sourdough', '#Bäckerei'] });
    },
    invalid: [
      { clientId: 'c', name: 'n', hashtags: [] },
      { clientId: 'c', name: 'n', hashtags: ['two words'] },
      { clientId: 'c', name: 'n', hashtags: ['#2026'] },
      { clientId: 'c', name: 'n', hashtags: ['#a-b'] },
      { clientId: 'c', name: 'n', hashtags: Array.from({ length: 31 }, (_, i) => `t${String(i)}`) },
    ],
  },
  'hashtag-groups:delete': {
    prepare: makeGroup,
    valid: (ctx) => ({ id: madeId(ctx, 'groupId') }),
    invalid: badIds,
  },
};
