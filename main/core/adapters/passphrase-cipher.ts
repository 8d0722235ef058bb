// Headless secret storage (CLI, browser host, daemon): AES-256-GCM with a key derived
// by scrypt from STARLING_VAULT_PASSPHRASE and a per-data-folder salt. The Electron app
// uses safeStorage (the OS keychain) instead. Without a passphrase nothing is stored:
// headless hosts do not offer the desktop app's weaker file-permission fallback.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { failure } from '../../../shared/result.ts';
import { open, seal } from './aes-gcm.ts';
import type { Cipher, CipherStatus } from '../ports.ts';

const version = 1;

const noPassphrase =
  'Account tokens are stored only encrypted, and no passphrase protects them here: ' +
  'set STARLING_VAULT_PASSPHRASE (the same one every time) and run the command again.';

export function createPassphraseCipher(dataDir: string, passphrase: string | undefined): Cipher {
  let key: Buffer | undefined;
  const hasPassphrase = passphrase !== undefined && passphrase !== '';
  const status = (): CipherStatus => ({
    available: hasPassphrase,
    reason: hasPassphrase ? null : noPassphrase,
    weakProtectionAccepted: false,
    canAcceptWeakProtection: false,
  });
  const getKey = (): Buffer => {
    if (!hasPassphrase) throw failure('ENCRYPTION_UNAVAILABLE', noPassphrase);
    key ??= crypto.scryptSync(passphrase, readOrCreateSalt(dataDir), 32, {
      N: 2 ** 15,
      r: 8,
      p: 1,
      maxmem: 64 * 1024 * 1024,
    });
    return key;
  };
  return {
    status,
    acceptWeakProtection() {
      throw failure(
        'ENCRYPTION_UNAVAILABLE',
        hasPassphrase
          ? 'Tokens are already protected by STARLING_VAULT_PASSPHRASE.'
          : `Weaker protection is offered only in the desktop app. ${noPassphrase}`,
      );
    },
    encrypt(plaintext) {
      return seal(getKey(), version, plaintext);
    },
    decrypt(ciphertext) {
      const opened = open(getKey(), version, ciphertext);
      if (opened.ok) return opened.plaintext;
      throw failure(
        'ENCRYPTION_UNAVAILABLE',
        opened.reason === 'format'
          ? 'A stored token is not in a format this version of Starling reads.'
          : 'Stored tokens could not be decrypted: STARLING_VAULT_PASSPHRASE is not the one they were saved with.',
      );
    },
  };
}

function readOrCreateSalt(dataDir: string): Buffer {
  const file = path.join(dataDir, 'vault.salt');
  try {
    return fs.readFileSync(file);
  } catch {
    const salt = crypto.randomBytes(16);
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, salt, { flag: 'wx', mode: 0o600 });
    return salt;
  }
}
