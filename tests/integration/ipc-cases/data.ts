// Dispatch cases for the data feature's channels: a record over them, so a channel
// added to shared/ipc/channels/data.ts without cases here fails to compile.
import { expect } from 'vitest';
import type { dataChannels } from '../../../shared/ipc/channels/data.ts';
import type { ChannelCases } from './types.ts';

export const dataCases: Record<keyof typeof dataChannels, ChannelCases> = {
  'data:import-csv': {
    valid: () => ({
      csv: 'text,account,date,time\nHello,@nobody,2026-12-01,09:00\n',
      dryRun: true,
    }),
    check: (v) => {
      expect(v).toMatchObject({ dryRun: true, total: 1, valid: 0, invalid: 1, imported: 0 });
    },
    invalid: [
      {},
      { csv: '', dryRun: true },
      { csv: 'text', dryRun: 'yes' },
      { csv: 'text', dryRun: true, path: '/etc/passwd' },
      { csv: 'text', dryRun: true, clientId: '' },
    ],
  },
  'data:export': {
    valid: ({ clientId }) => ({ format: 'ics', clientId }),
    check: (v) => {
      expect(v).toMatchObject({
        mime: 'text/calendar',
        content: expect.stringContaining('BEGIN:VCALENDAR'),
      });
    },
    invalid: [
      {},
      { format: 'xlsx' },
      { format: 'csv', from: 10, to: 5 },
      { format: 'csv', from: -1 },
    ],
  },
  'backups:list': {
    valid: () => ({}),
    check: (v) => {
      expect(Array.isArray(v)).toBe(true);
    },
    invalid: [{ kind: 'daily' }, 'x'],
  },
  'backups:create': {
    valid: () => ({}),
    check: (v) => {
      expect(v).toMatchObject({
        kind: 'manual',
        name: expect.stringMatching(/^starling-manual-.*\.db$/),
      });
    },
    invalid: [{ file: '/tmp/x.db' }, 7],
  },
};
