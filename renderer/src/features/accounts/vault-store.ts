// Whether this copy of Starling can store tokens securely (OS keychain in the desktop
// app, STARLING_VAULT_PASSPHRASE in the browser host), asked before every connect.
import { create } from 'zustand';
import type { VaultStatus } from '../../../../shared/accounts.ts';
import type { Result } from '../../../../shared/result.ts';
import { getBridge } from '../../bridge/bridge.ts';

interface VaultState {
  status: VaultStatus | null;
  loadError: string | null;
  load: () => Promise<Result<VaultStatus>>;
  acceptWeakProtection: () => Promise<Result<VaultStatus>>;
}

/** Tokens may be stored now: protected properly, or the user accepted the weaker way. */
export const canStoreTokens = (status: VaultStatus): boolean => status.available;

/** Stored, but only because the user accepted weaker protection. */
export const weaklyProtected = (status: VaultStatus): boolean =>
  status.available && status.weakProtectionAccepted;

export const useVault = create<VaultState>()((set) => ({
  status: null,
  loadError: null,

  async load() {
    const result = await getBridge().invoke('vault:get-status', {});
    if (result.ok) set({ status: result.value, loadError: null });
    else set({ loadError: result.error.message });
    return result;
  },

  async acceptWeakProtection() {
    const result = await getBridge().invoke('vault:accept-weak-protection', { accept: true });
    if (result.ok) set({ status: result.value, loadError: null });
    return result;
  },
}));
