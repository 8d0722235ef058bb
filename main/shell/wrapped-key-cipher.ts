// [Note: wrapped vault key] The desktop app's Cipher port. A random 256-bit key encrypts
// secrets in-process with AES-256-GCM; the key itself is stored only wrapped by the OS
// keychain (Electron safeStorage) in <data>/vault.key. The port is synchronous and
// safeStorage's synchronous calls are deprecated, so the keychain is asked once, at
// start. A new key is written on first use, so starting never writes to the data folder.
// Pure Node: the keychain comes in as a KeyProtector, so this is tested without Electron.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { failure } from '../../shared/result.ts';
import { open, seal } from '../core/adapters/aes-gcm.ts';
import type { Cipher, Logger } from '../core/ports.ts';

export interface KeyProtector {
  /** Why the OS cannot protect secrets here, or null when it can. */
  unavailableReason(): Promise<string | null>;
  protect(plaintext: string): Promise<Uint8Array>;
  /** `stale`: the keychain rotated its key; the caller should protect the value again. */
  unprotect(data: Uint8Array): Promise<{ plaintext: string; stale: boolean }>;
}

/**
 * On Linux, safeStorage falls back to a hard-coded password when no keyring is running
 * ('basic_text'); that is obfuscation, not encryption, so it counts as unavailable.
 */
export function linuxBackendProtects(backend: string): boolean {
  return backend !== 'basic_text' && backend !== 'unknown';
}

const formatVersion = 2;
const keyBytes = 32;

function lockedCipher(message: string): Cipher {
  const refuse = (): never => {
    throw failure('ENCRYPTION_UNAVAILABLE', message);
  };
  return { isAvailable: () => false, encrypt: refuse, decrypt: refuse };
}

function aesCipher(key: Buffer, persist: () => void): Cipher {
  return {
    isAvailable: () => true,
    encrypt(plaintext) {
      persist();
      return seal(key, formatVersion, plaintext);
    },
    decrypt(ciphertext) {
      const opened = open(key, formatVersion, ciphertext);
      if (opened.ok) return opened.plaintext;
      throw failure(
        'ENCRYPTION_UNAVAILABLE',
        opened.reason === 'format'
          ? 'A stored token is not in a format this app reads.'
          : "A stored token could not be decrypted with this data folder's key. Reconnect the account.",
      );
    },
  };
}

function writeAtomically(file: string, data: Uint8Array): void {
  const temp = `${file}.${String(process.pid)}.tmp`;
  fs.writeFileSync(temp, data, { mode: 0o600 });
  fs.renameSync(temp, file);
}

export async function createWrappedKeyCipher(
  file: string,
  protector: KeyProtector,
  logger: Logger,
): Promise<Cipher> {
  const reason = await protector.unavailableReason();
  if (reason !== null) {
    logger.warn('secret storage unavailable', { reason });
    return lockedCipher(
      `Account tokens cannot be stored safely: ${reason}. Starling keeps tokens only where the system keychain encrypts them.`,
    );
  }

  let wrapped: Buffer | undefined;
  try {
    wrapped = fs.readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }

  if (wrapped === undefined) {
    const key = crypto.randomBytes(keyBytes);
    const sealed = await protector.protect(key.toString('base64'));
    let persisted = false;
    return aesCipher(key, () => {
      if (persisted) return;
      try {
        // 'wx': never replace a key another process wrote meanwhile; its tokens need it.
        fs.writeFileSync(file, sealed, { flag: 'wx', mode: 0o600 });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        throw failure(
          'ENCRYPTION_UNAVAILABLE',
          'Another copy of Starling created the key for stored tokens. Restart Starling and try again.',
        );
      }
      persisted = true;
    });
  }

  let key: Buffer;
  try {
    const { plaintext, stale } = await protector.unprotect(wrapped);
    key = Buffer.from(plaintext, 'base64');
    if (key.length !== keyBytes) throw new Error(`unwrapped key has ${key.length} bytes`);
    if (stale) {
      writeAtomically(file, await protector.protect(plaintext));
      logger.info('vault key re-wrapped after a keychain key rotation');
    }
  } catch (error) {
    // The file is left as it is: a keychain that is only locked today may open tomorrow.
    logger.error('vault key could not be unwrapped', { file, error: String(error) });
    return lockedCipher(
      'The system keychain did not unlock the key that protects stored account tokens. ' +
        'Allow Starling to use the keychain and restart it.',
    );
  }
  return aesCipher(key, () => undefined);
}
