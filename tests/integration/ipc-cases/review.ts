// Dispatch cases for the review feature's channels: a record over them, so a channel added to
// shared/ipc/channels/review.ts without cases here fails to compile.
import { expect } from 'vitest';
import { encodeReply } from '../../../main/core/approval/reply-code.ts';
import type { ReviewSendResult } from '../../../shared/approval.ts';
import type { reviewChannels } from '../../../shared/ipc/channels/review.ts';
import { expectOk } from '../../helpers/core.ts';
import type { ChannelCases } from './types.ts';

export const reviewCases: Record<keyof typeof reviewChannels, ChannelCases> = {
  'review:send': {
    valid: ({ clientId, postId }) => ({ clientId, postIds: [postId] }),
    check: (v, { postId }) => {
      const sent = v as ReviewSendResult;
      expect(sent.packet.posts).toEqual([expect.objectContaining({ postId, decision: null })]);
      expect(sent.html).toContain('Reply code');
    },
    invalid: [
      {},
      { clientId: '' },
      { clientId: 'c', postIds: [] },
      { clientId: 'c', postIds: ['p'], from: 1 },
      { clientId: 'c', from: 5, to: 1 },
      { clientId: 'c', from: 'monday' },
      { clientId: 'c', postIds: Array.from({ length: 201 }, (_, i) => `p${String(i)}`) },
      { clientId: 'c', out: '/tmp/x.html' },
    ],
  },
  'review:import': {
    prepare: async ({ core, clientId, postId }) => {
      const sent = expectOk(await core.invoke('review:send', { clientId, postIds: [postId] }));
      const token = /"token":"([^"]+)"/.exec(sent.html)?.[1] ?? '';
      const [post] = sent.packet.posts;
      const reply = encodeReply({
        p: sent.packet.id,
        t: token,
        n: 'Anna',
        d: [{ i: postId, h: post?.versionHash ?? '', a: 'approved', c: '' }],
      });
      return { reply };
    },
    valid: ({ made }) => ({ reply: made?.reply ?? '' }),
    check: (v, { postId }) => {
      expect(v).toMatchObject({ applied: [{ postId, decision: 'approved' }], refused: [] });
    },
    invalid: [
      {},
      { reply: 5 },
      { reply: 'x'.repeat(256 * 1024 + 1) },
      { reply: 'hello' },
      { reply: 'SR1.eyJwIjoxfQ.00000000' },
      { reply: 'SR1.e30.00000000', extra: true },
    ],
  },
  'review:list': {
    valid: ({ clientId }) => ({ clientId }),
    check: (v) => {
      expect(v).toEqual([]);
    },
    invalid: [{ clientId: '' }, { clientId: 5 }, { all: true }],
  },
  'review:export-pdf': {
    valid: ({ made }) => ({ id: made?.packetId ?? '' }),
    prepare: async ({ core, clientId, postId }) => {
      const sent = expectOk(await core.invoke('review:send', { clientId, postIds: [postId] }));
      return { packetId: sent.packet.id };
    },
    check: (v) => {
      const pdf = Buffer.from((v as { content: string }).content, 'base64');
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    },
    invalid: [{}, { id: '' }, { id: 5 }, { id: 'p', format: 'pdf' }],
    ports: { printPdf: () => Promise.resolve(Buffer.from('%PDF-1.7 test')) },
  },
};
