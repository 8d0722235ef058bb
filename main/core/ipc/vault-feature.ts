// The vault feature's handlers (see ../feature.ts): whether tokens can be stored
// encrypted here, and accepting weaker protection where that is offered.
import type { VaultStatus } from '../../../shared/accounts.ts';
import type { vaultChannels } from '../../../shared/ipc/channels/vault.ts';
import type { CoreContext, CoreFeature } from '../feature.ts';
import type { CipherStatus } from '../ports.ts';

const vaultStatus = (s: CipherStatus): VaultStatus => ({
  available: s.available,
  reason: s.reason,
  weakProtectionAccepted: s.weakProtectionAccepted,
  canAcceptWeakProtection: s.canAcceptWeakProtection,
});

export function createVaultFeature(
  context: Pick<CoreContext, 'ports'>,
): CoreFeature<keyof typeof vaultChannels> {
  const { cipher } = context.ports;
  return {
    handlers: {
      'vault:get-status': () => Promise.resolve(vaultStatus(cipher.status())),
      'vault:accept-weak-protection': () =>
        Promise.resolve(vaultStatus(cipher.acceptWeakProtection())),
    },
  };
}
