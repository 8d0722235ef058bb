// Headless secret storage (CLI, browser host, daemon): AES-256-GCM with a key derived
// by scrypt from STARLING_VAULT_PASSPHRASE and a per-data-folder salt. The Electron app
// uses safeStorage (the OS keychain) instead.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { failure } from '../../../shared/result.ts';
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
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', getKey(), iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([version]), iv, cipher.getAuthTag(), body]);
    },
    decrypt(ciphertext) {
      const data = Buffer.from(ciphertext);
      if (data[0] !== version) throw failure('ENCRYPTION_UNAVAILABLE', 'Unknown token format.');
      const decipher = crypto.createDecipheriv('aes-256-gcm', getKey(), data.subarray(1, 13));
      decipher.setAuthTag(data.subarray(13, 29));
      try {
        return Buffer.concat([decipher.update(data.subarray(29)), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        throw failure(
          'ENCRYPTION_UNAVAILABLE',
          'Stored tokens could not be decrypted: STARLING_VAULT_PASSPHRASE is not the one they were saved with.',
        );
      }
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
