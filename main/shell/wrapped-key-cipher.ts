// [Note: wrapped vault key] The desktop app's Cipher port. A random 256-bit key encrypts
// secrets in-process with AES-256-GCM; the key itself is stored only wrapped by the OS
// keychain (Electron safeStorage) in <data>/vault.key. The port is synchronous and
// safeStorage's synchronous calls are deprecated, so the keychain is asked once, at
// start. A new key is written on first use, so starting never writes to the data folder.
// Where there is no keychain (Linux without a keyring: 'basic_text'), nothing is stored
// until the user explicitly accepts weaker protection: the key then lives unwrapped in
// <data>/vault-unprotected.key (mode 0600), and moves into the keychain once one appears.
// Pure Node: the keychain comes in as a KeyProtector, so this is tested without Electron.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { failure } from '../../shared/result.ts';
import { open, seal } from '../core/adapters/aes-gcm.ts';
import { replaceFile } from '../core/adapters/replace-file.ts';
import type { Cipher, CipherStatus, Logger } from '../core/ports.ts';

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

/** The file holding the key when the user accepted weaker protection. */
export const unprotectedKeyFileName = 'vault-unprotected.key';

// Both key homes seal with the same format: moving the key into the keychain later
// leaves every stored token readable.
const formatVersion = 2;
const keyBytes = 32;

/** What the cipher currently is; swapped in place when the user accepts weak protection. */
interface State {
  status: CipherStatus;
  key: Buffer | null;
  /** Called before the first encrypt: writes the key file if it is not written yet. */
  persist: () => void;
  /** Why encrypt/decrypt refuse while locked. */
  lockedMessage: string;
}

const noop = () => undefined;

const lockedState = (message: string, canAcceptWeakProtection: boolean): State => ({
  status: {
    available: false,
    reason: message,
    weakProtectionAccepted: false,
    canAcceptWeakProtection,
  },
  key: null,
  persist: noop,
  lockedMessage: message,
});

const weakState = (key: Buffer, reason: string): State => ({
  status: {
    available: true,
    reason: `${reason}, so stored tokens are protected only by this folder's file permissions`,
    weakProtectionAccepted: true,
    canAcceptWeakProtection: false,
  },
  key,
  persist: noop,
  lockedMessage: '',
});

const protectedState = (key: Buffer, persist: () => void = noop): State => ({
  status: {
    available: true,
    reason: null,
    weakProtectionAccepted: false,
    canAcceptWeakProtection: false,
  },
  key,
  persist,
  lockedMessage: '',
});

function readIfPresent(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return undefined;
  }
}

/** Writes a key file only if none exists: another process's key protects its tokens. */
function writeNewKeyFile(file: string, data: Uint8Array): void {
  try {
    fs.writeFileSync(file, data, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    throw failure(
      'ENCRYPTION_UNAVAILABLE',
      'Another copy of Starling created the key for stored tokens. Restart Starling and try again.',
    );
  }
}

function cipherOver(initial: State, acceptWeak: () => State): Cipher {
  let state = initial;
  const key = (): Buffer => {
    if (state.key === null) throw failure('ENCRYPTION_UNAVAILABLE', state.lockedMessage);
    return state.key;
  };
  return {
    status: () => ({ ...state.status }),
    acceptWeakProtection() {
      if (state.status.weakProtectionAccepted) return { ...state.status };
      if (!state.status.canAcceptWeakProtection) {
        throw failure(
          'ENCRYPTION_UNAVAILABLE',
          state.status.available
            ? 'The system keychain already protects stored tokens.'
            : state.lockedMessage,
        );
      }
      state = acceptWeak();
      return { ...state.status };
    },
    encrypt(plaintext) {
      const k = key();
      state.persist();
      return seal(k, formatVersion, plaintext);
    },
    decrypt(ciphertext) {
      const opened = open(key(), formatVersion, ciphertext);
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

export async function createWrappedKeyCipher(
  file: string,
  protector: KeyProtector,
  logger: Logger,
): Promise<Cipher> {
  const weakFile = path.join(path.dirname(file), unprotectedKeyFileName);
  const reason = await protector.unavailableReason();
  const wrapped = readIfPresent(file);
  const unprotected = readIfPresent(weakFile);
  const acceptWeak = (): State => {
    const key = crypto.randomBytes(keyBytes);
    writeNewKeyFile(weakFile, key);
    logger.warn('weaker token protection accepted: vault key kept in a file', { reason });
    return weakState(key, reason ?? 'no system keychain');
  };

  if (reason !== null) {
    logger.warn('secret storage unavailable', { reason });
    if (unprotected?.length === keyBytes)
      return cipherOver(weakState(unprotected, reason), acceptWeak);
    if (wrapped !== undefined) {
      // Tokens were stored under a keychain-protected key: a new key would orphan them.
      const message =
        `The system keychain that protects the stored account tokens is not available (${reason}). ` +
        'Unlock or start it, then restart Starling.';
      return cipherOver(lockedState(message, false), acceptWeak);
    }
    const message =
      `Account tokens cannot be stored safely: ${reason}. Starling keeps tokens only where the ` +
      'system keychain encrypts them. Start a keyring (for example GNOME Keyring or KWallet) ' +
      'and restart Starling, or accept weaker protection in Settings.';
    return cipherOver(lockedState(message, true), acceptWeak);
  }

  if (wrapped === undefined) {
    if (unprotected?.length === keyBytes) {
      // A keychain has appeared since the user accepted weaker protection: wrap the same
      // key (so stored tokens stay readable), then drop the unwrapped copy.
      writeNewKeyFile(file, await protector.protect(unprotected.toString('base64')));
      fs.rmSync(weakFile, { force: true });
      logger.info('vault key moved into the system keychain');
      return cipherOver(protectedState(unprotected), acceptWeak);
    }
    const key = crypto.randomBytes(keyBytes);
    const sealed = await protector.protect(key.toString('base64'));
    let persisted = false;
    return cipherOver(
      protectedState(key, () => {
        if (persisted) return;
        writeNewKeyFile(file, sealed);
        persisted = true;
      }),
      acceptWeak,
    );
  }

  try {
    const { plaintext, stale } = await protector.unprotect(wrapped);
    const key = Buffer.from(plaintext, 'base64');
    if (key.length !== keyBytes) throw new Error(`unwrapped key has ${String(key.length)} bytes`);
    if (stale) {
      replaceFile(file, await protector.protect(plaintext), { mode: 0o600 });
      logger.info('vault key re-wrapped after a keychain key rotation');
    }
    return cipherOver(protectedState(key), acceptWeak);
  } catch (error) {
    // The file is left as it is: a keychain that is only locked today may open tomorrow.
    logger.error('vault key could not be unwrapped', { file, error: String(error) });
    return cipherOver(
      lockedState(
        'The system keychain did not unlock the key that protects stored account tokens. ' +
          'Allow Starling to use the keychain and restart it.',
        false,
      ),
      acceptWeak,
    );
  }
}
