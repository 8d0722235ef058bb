// Headless secret storage (CLI, browser host, daemon): AES-256-GCM with a key derived
// by scrypt from STARLING_VAULT_PASSPHRASE and a per-data-folder salt. The Electron app
// uses safeStorage (the OS keychain) instead.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { failure } from '../../../shared/result.ts';
import { open, seal } from './aes-gcm.ts';
import type { Cipher } from '../ports.ts';

const version = 1;

export function createPassphraseCipher(dataDir: string, passphrase: string | undefined): Cipher {
  let key: Buffer | undefined;
  const getKey = (): Buffer => {
    if (passphrase === undefined || passphrase === '') {
      throw failure(
        'ENCRYPTION_UNAVAILABLE',
        'Stored tokens are locked: set STARLING_VAULT_PASSPHRASE to the passphrase that protects them.',
      );
    }
    key ??= crypto.scryptSync(passphrase, readOrCreateSalt(dataDir), 32, {
      N: 2 ** 15,
      r: 8,
      p: 1,
      maxmem: 64 * 1024 * 1024,
    });
    return key;
  };
  return {
    isAvailable: () => passphrase !== undefined && passphrase !== '',
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
