// Dispatch cases for post search: a record over its channels, so a channel added to
// shared/ipc/channels/search.ts without cases here fails to compile.
import { expect } from 'vitest';
import type { searchChannels } from '../../../shared/ipc/channels/search.ts';
import type { ChannelCases } from './types.ts';

export const searchCases: Record<keyof typeof searchChannels, ChannelCases> = {
  'posts:search': {
    valid: ({ clientId }) => ({ query: 'nothing-matches-this', clientId, limit: 5 }),
    check: (v) => {
      expect(v).toEqual({ hits: [], more: false });
    },
    invalid: [
      {},
      { query: '' },
      { query: '   ' },
      { query: 'x'.repeat(201) },
      { query: 42 },
      { query: 'a', limit: 0 },
      { query: 'a', limit: 101 },
      { query: 'a', limit: 1.5 },
      { query: 'a', clientId: '' },
      { query: 'a', extra: true },
    ],
  },
};
