// Dispatch cases for the data feature's channels: a record over them, so a channel
// added to shared/ipc/channels/data.ts without cases here fails to compile.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { tempDataDir } from '../../helpers/temp-dir.ts';
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
      { csv: 'text', grant: 'g', dryRun: true },
      { grant: '', dryRun: true },
      { dryRun: true },
    ],
  },
  'data:pick-csv': {
    // The desktop dialog, stood in by a function that returns what a user picked.
    ports: {
      pickCsvFile: () => {
        const dir = tempDataDir();
        const file = path.join(dir, 'plan.csv');
        fs.writeFileSync(file, 'text,account,date,time\nHello,@nobody,2026-12-01,09:00\n');
        return Promise.resolve(file);
      },
    },
    valid: () => ({}),
    check: (v) => {
      expect(v).toEqual({
        picked: { grant: expect.any(String), fileName: 'plan.csv', bytes: expect.any(Number) },
      });
    },
    // A window cannot name the file: it only ever gets a grant.
    invalid: [{ path: '/etc/passwd' }, { file: 'plan.csv' }, 'plan.csv'],
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
