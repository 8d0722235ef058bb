// The desktop app's token cipher: a random key wrapped by the OS keychain. A keychain
// that is missing (or Linux's plaintext 'basic_text' fallback) means no encryption at
// all unless the user accepts weaker protection, a key that cannot be unwrapped is never
// replaced, and nothing is written until a secret is first stored.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../main/core/ports.ts';
import {
  createWrappedKeyCipher,
  linuxBackendProtects,
  unprotectedKeyFileName,
  type KeyProtector,
} from '../../main/shell/wrapped-key-cipher.ts';
import { AppFailure } from '../../shared/result.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** A stand-in keychain: reversible, tagged, and able to fail or rotate on demand. */
function fakeKeychain(options: { reason?: string; rotated?: boolean; broken?: boolean } = {}) {
  const calls = { protect: 0, unprotect: 0 };
  const protector: KeyProtector = {
    unavailableReason: () => Promise.resolve(options.reason ?? null),
    protect(plaintext) {
      calls.protect += 1;
      return Promise.resolve(Buffer.from(`kc:${plaintext}`));
    },
    unprotect(data) {
      calls.unprotect += 1;
      const text = Buffer.from(data).toString();
      if (options.broken === true || !text.startsWith('kc:')) {
        return Promise.reject(new Error('keychain refused'));
      }
      return Promise.resolve({ plaintext: text.slice(3), stale: options.rotated === true });
    },
  };
  return { protector, calls };
}

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof AppFailure ? error.error.code : String(error);
  }
  return 'no error';
};

describe('wrapped vault key', () => {
  it('encrypts with a fresh key, writes the wrapped key on first use and reads it back', async () => {
    const file = path.join(tempDataDir(), 'vault.key');
    const { protector } = fakeKeychain();
    const cipher = await createWrappedKeyCipher(file, protector, quiet);
    expect(cipher.status()).toEqual({
      available: true,
      reason: null,
      weakProtectionAccepted: false,
      canAcceptWeakProtection: false,
    });
    expect(fs.existsSync(file)).toBe(false);

    const sealed = cipher.encrypt('refresh-token-1');
    expect(Buffer.from(sealed).toString('utf8')).not.toContain('refresh-token-1');
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^kc:/);
    expect(cipher.decrypt(sealed)).toBe('refresh-token-1');

    const again = await createWrappedKeyCipher(file, protector, quiet);
    expect(again.decrypt(sealed)).toBe('refresh-token-1');
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1] = (tampered.at(-1) ?? 0) ^ 1;
    expect(codeOf(() => again.decrypt(tampered))).toBe('ENCRYPTION_UNAVAILABLE');
  });

  it('refuses to store secrets when the keychain is unavailable', async () => {
    const file = path.join(tempDataDir(), 'vault.key');
    const { protector, calls } = fakeKeychain({ reason: 'no system keyring is running' });
    const cipher = await createWrappedKeyCipher(file, protector, quiet);
    expect(cipher.status()).toMatchObject({
      available: false,
      reason: expect.stringContaining('no system keyring is running'),
      weakProtectionAccepted: false,
      canAcceptWeakProtection: true,
    });
    expect(codeOf(() => cipher.encrypt('x'))).toBe('ENCRYPTION_UNAVAILABLE');
    expect(codeOf(() => cipher.decrypt(new Uint8Array([2])))).toBe('ENCRYPTION_UNAVAILABLE');
    expect(calls.protect).toBe(0);
    expect(fs.existsSync(file)).toBe(false);
  });

  it("counts Linux's plaintext fallback as no keychain", () => {
    expect(linuxBackendProtects('basic_text')).toBe(false);
    expect(linuxBackendProtects('unknown')).toBe(false);
    expect(linuxBackendProtects('gnome_libsecret')).toBe(true);
    expect(linuxBackendProtects('kwallet6')).toBe(true);
  });

  it('keeps a key the keychain will not unwrap, instead of replacing it', async () => {
    const file = path.join(tempDataDir(), 'vault.key');
    const first = await createWrappedKeyCipher(file, fakeKeychain().protector, quiet);
    first.encrypt('token');
    const before = fs.readFileSync(file);

    const locked = await createWrappedKeyCipher(
      file,
      fakeKeychain({ broken: true }).protector,
      quiet,
    );
    expect(locked.status()).toMatchObject({ available: false, canAcceptWeakProtection: false });
    expect(codeOf(() => locked.encrypt('other'))).toBe('ENCRYPTION_UNAVAILABLE');
    expect(codeOf(() => locked.acceptWeakProtection())).toBe('ENCRYPTION_UNAVAILABLE');
    expect(fs.readFileSync(file)).toEqual(before);
  });

  it('re-wraps the key when the keychain rotated its own', async () => {
    const file = path.join(tempDataDir(), 'vault.key');
    const first = await createWrappedKeyCipher(file, fakeKeychain().protector, quiet);
    const sealed = first.encrypt('token');
    const rotated = fakeKeychain({ rotated: true });
    const cipher = await createWrappedKeyCipher(file, rotated.protector, quiet);
    expect(rotated.calls.protect).toBe(1);
    expect(cipher.decrypt(sealed)).toBe('token');
  });

  it('never overwrites a key another process wrote first', async () => {
    const file = path.join(tempDataDir(), 'vault.key');
    const mine = await createWrappedKeyCipher(file, fakeKeychain().protector, quiet);
    const theirs = await createWrappedKeyCipher(file, fakeKeychain().protector, quiet);
    theirs.encrypt('theirs');
    const written = fs.readFileSync(file);
    expect(codeOf(() => mine.encrypt('mine'))).toBe('ENCRYPTION_UNAVAILABLE');
    expect(fs.readFileSync(file)).toEqual(written);
  });

  it('stores secrets without a keychain only after the user accepts weaker protection, and remembers it', async () => {
    const dir = tempDataDir();
    const file = path.join(dir, 'vault.key');
    const weakFile = path.join(dir, unprotectedKeyFileName);
    const noKeyring = fakeKeychain({ reason: 'no system keyring is running' });
    const cipher = await createWrappedKeyCipher(file, noKeyring.protector, quiet);
    expect(codeOf(() => cipher.encrypt('token'))).toBe('ENCRYPTION_UNAVAILABLE');

    expect(cipher.acceptWeakProtection()).toMatchObject({
      available: true,
      weakProtectionAccepted: true,
      canAcceptWeakProtection: false,
      reason: expect.stringContaining('file permissions'),
    });
    const sealed = cipher.encrypt('token');
    expect(cipher.decrypt(sealed)).toBe('token');
    expect(fs.statSync(weakFile).mode & 0o777).toBe(0o600);
    expect(fs.existsSync(file)).toBe(false);

    // Next start, still no keyring: the consent and the key are remembered.
    const again = await createWrappedKeyCipher(file, noKeyring.protector, quiet);
    expect(again.status()).toMatchObject({ available: true, weakProtectionAccepted: true });
    expect(again.decrypt(sealed)).toBe('token');
    expect(again.acceptWeakProtection()).toMatchObject({ weakProtectionAccepted: true });
  });

  it('moves an accepted unprotected key into the keychain once one is running', async () => {
    const dir = tempDataDir();
    const file = path.join(dir, 'vault.key');
    const weak = await createWrappedKeyCipher(
      file,
      fakeKeychain({ reason: 'no keyring' }).protector,
      quiet,
    );
    weak.acceptWeakProtection();
    const sealed = weak.encrypt('token');

    const keyring = fakeKeychain();
    const upgraded = await createWrappedKeyCipher(file, keyring.protector, quiet);
    expect(upgraded.status()).toMatchObject({ available: true, weakProtectionAccepted: false });
    expect(upgraded.decrypt(sealed)).toBe('token');
    expect(fs.existsSync(path.join(dir, unprotectedKeyFileName))).toBe(false);
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^kc:/);
    expect(codeOf(() => upgraded.acceptWeakProtection())).toBe('ENCRYPTION_UNAVAILABLE');
  });

  it('does not offer weaker protection when tokens are already stored under a keychain key', async () => {
    const file = path.join(tempDataDir(), 'vault.key');
    const first = await createWrappedKeyCipher(file, fakeKeychain().protector, quiet);
    first.encrypt('token');
    const gone = await createWrappedKeyCipher(
      file,
      fakeKeychain({ reason: 'no keyring' }).protector,
      quiet,
    );
    expect(gone.status()).toMatchObject({
      available: false,
      canAcceptWeakProtection: false,
      reason: expect.stringContaining('restart Starling'),
    });
    expect(codeOf(() => gone.acceptWeakProtection())).toBe('ENCRYPTION_UNAVAILABLE');
  });
});
