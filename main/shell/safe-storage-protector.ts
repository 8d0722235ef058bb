// The OS keychain as a KeyProtector, through Electron's safeStorage (async API; call
// only after app 'ready').
import { safeStorage } from 'electron';
import { linuxBackendProtects, type KeyProtector } from './wrapped-key-cipher.ts';

export function safeStorageProtector(): KeyProtector {
  return {
    async unavailableReason() {
      if (process.platform === 'linux') {
        const backend = safeStorage.getSelectedStorageBackend();
        if (!linuxBackendProtects(backend)) {
          return `no system keyring is running (safeStorage backend "${backend}")`;
        }
      }
      return (await safeStorage.isAsyncEncryptionAvailable())
        ? null
        : 'the system keychain is not available';
    },
    protect: (plaintext) => safeStorage.encryptStringAsync(plaintext),
    async unprotect(data) {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(data));
      return { plaintext: result, stale: shouldReEncrypt };
    },
  };
}
