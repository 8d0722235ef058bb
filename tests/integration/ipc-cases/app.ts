// Dispatch cases for the app's channels: a record over them, so a channel added to
// shared/ipc/channels/app.ts without cases here fails to compile.
import { expect } from 'vitest';
import type { appChannels } from '../../../shared/ipc/channels/app.ts';
import type { ChannelCases } from './types.ts';

export const appCases: Record<keyof typeof appChannels, ChannelCases> = {
  'app:get-info': {
    valid: () => ({}),
    check: (v) => {
      expect(v).toMatchObject({
        name: 'Starling',
        host: 'cli',
        migrations: expect.arrayContaining(['0001-initial']),
      });
    },
    invalid: [{ extra: 1 }, 'text', [], 42],
  },
  'settings:get-preferences': {
    valid: () => ({}),
    check: (v) => {
      expect(v).toEqual({
        theme: 'system',
        timezone: null,
        xClientId: null,
        xCallbackPort: 17823,
        firstRunDone: false,
      });
    },
    invalid: [{ theme: 'dark' }, 'x'],
  },
  'settings:update-preferences': {
    valid: () => ({ theme: 'dark', timezone: 'Asia/Tokyo', xClientId: 'bG9jYWwtY2xpZW50LWlk' }),
    check: (v) => {
      expect(v).toEqual({
        theme: 'dark',
        timezone: 'Asia/Tokyo',
        xClientId: 'bG9jYWwtY2xpZW50LWlk',
        xCallbackPort: 17823,
        firstRunDone: false,
      });
    },
    invalid: [
      { xClientId: 'has spaces in it' },
      { xCallbackPort: 80 },
      { xCallbackPort: 70000 },
      { firstRunDone: 'yes' },
      { theme: 'neon' },
      { timezone: 'Not/AZone' },
      { timezone: 5 },
      { theme: 'dark', admin: true },
    ],
  },
  'app:dismiss-restore-notice': {
    valid: () => ({}),
    check: (v) => {
      // No restore in this run: nothing to dismiss.
      expect(v).toEqual({ dismissed: false });
    },
    invalid: [{ all: true }, 'x', []],
  },
};
