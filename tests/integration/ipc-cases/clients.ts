// Dispatch cases for the clients feature's channels: a record over them, so a channel added to
// shared/ipc/channels/clients.ts without cases here fails to compile.
import { expect } from 'vitest';
import type { clientsChannels } from '../../../shared/ipc/channels/clients.ts';
import type { ChannelCases } from './types.ts';

const longName = 'x'.repeat(81);

export const clientsCases: Record<keyof typeof clientsChannels, ChannelCases> = {
  'clients:list': {
    valid: () => ({ includeArchived: true }),
    check: (v) => {
      expect(v).toHaveLength(1);
    },
    invalid: [{ includeArchived: 'yes' }, { limit: 5 }],
  },
  'clients:get': {
    valid: ({ clientId }) => ({ id: clientId }),
    check: (v, { clientId }) => {
      expect(v).toMatchObject({ id: clientId });
    },
    invalid: [{}, { id: 7 }, { id: '' }, { id: 'y'.repeat(65) }],
  },
  'clients:create': {
    valid: () => ({
      name: '  Nova Bakery  ',
      timezone: 'Asia/Kolkata',
      color: '#ABCDEF',
      notes: 'Weekly',
    }),
    check: (v) => {
      expect(v).toMatchObject({
        name: 'Nova Bakery',
        timezone: 'Asia/Kolkata',
        color: '#abcdef',
        notes: 'Weekly',
        archivedAt: null,
      });
    },
    invalid: [
      {},
      { name: '' },
      { name: '   ' },
      { name: longName },
      { name: 'A', timezone: 'Mars/Olympus' },
      { name: 'A', timezone: '+02:00' },
      { name: 'A', color: 'red' },
      { name: 'A', color: '#12345' },
      { name: 'A', notes: 'n'.repeat(2001) },
      { name: 'A', id: 'chosen-id' },
      { name: ['A'] },
      JSON.parse('{"name":"A","__proto__":{"admin":true}}') as unknown,
    ],
  },
  'clients:update': {
    valid: ({ clientId }) => ({ id: clientId, name: 'Renamed', color: '#000000' }),
    check: (v) => {
      expect(v).toMatchObject({ name: 'Renamed', color: '#000000' });
    },
    invalid: [
      { name: 'No id' },
      { id: 'c', name: '' },
      { id: 'c', timezone: 'Nowhere' },
      { id: 'c', archivedAt: 1 },
    ],
  },
  'clients:archive': {
    valid: ({ clientId }) => ({ id: clientId }),
    check: (v) => {
      expect(v).toMatchObject({ archivedAt: expect.any(Number) });
    },
    invalid: [{}, { id: null }],
  },
  'clients:unarchive': {
    valid: ({ clientId }) => ({ id: clientId }),
    check: (v) => {
      expect(v).toMatchObject({ archivedAt: null });
    },
    invalid: [{}, { id: {} }],
  },
};
