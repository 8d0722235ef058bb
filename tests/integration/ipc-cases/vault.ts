// Dispatch cases for the vault's channels: a record over them, so a channel added to
// shared/ipc/channels/vault.ts without cases here fails to compile.
import path from 'node:path';
import { expect } from 'vitest';
import type { vaultChannels } from '../../../shared/ipc/channels/vault.ts';
import { createWrappedKeyCipher } from '../../../main/shell/wrapped-key-cipher.ts';
import { recordingLogger } from '../../helpers/core.ts';
import type { ChannelCases } from './types.ts';

export const vaultCases: Record<keyof typeof vaultChannels, ChannelCases> = {
  'vault:get-status': {
    valid: () => ({}),
    check: (v) => {
      expect(v).toEqual({
        available: true,
        reason: null,
        weakProtectionAccepted: false,
        canAcceptWeakProtection: false,
      });
    },
    invalid: [{ extra: 1 }, 'x'],
  },
  'vault:accept-weak-protection': {
    // The desktop cipher on a machine without a keyring.
    cipher: (dataDir) =>
      createWrappedKeyCipher(
        path.join(dataDir, 'vault.key'),
        {
          unavailableReason: () => Promise.resolve('no system keyring is running'),
          protect: () => Promise.reject(new Error('no keyring')),
          unprotect: () => Promise.reject(new Error('no keyring')),
        },
        recordingLogger(),
      ),
    valid: () => ({ accept: true }),
    check: (v) => {
      expect(v).toMatchObject({ available: true, weakProtectionAccepted: true });
    },
    invalid: [{}, { accept: false }, { accept: 'yes' }, { accept: true, key: 'x' }],
  },
};
