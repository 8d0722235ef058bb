// The vault: whether tokens can be stored encrypted here. Spread into the contract
// (../contract.ts).
import { z } from 'zod';
import type { VaultStatus } from '../../accounts.ts';
import { channel, none } from '../channel.ts';

export const vaultChannels = {
  /** Whether tokens can be stored securely here, and whether weaker protection is offered. */
  'vault:get-status': channel<VaultStatus>()(() => none),
  /**
   * Desktop app without a keychain: accept weaker protection (the key kept in a file only
   * this user can read). Remembered. ENCRYPTION_UNAVAILABLE where it is not offered.
   */
  'vault:accept-weak-protection': channel<VaultStatus>()(() =>
    z.strictObject({ accept: z.literal(true) }),
  ),
} as const;
