// The plain-Node adapters behind the core's ports: the passphrase vault and the JSON
// preferences file.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createJsonFileStore } from '../../main/core/adapters/json-file-store.ts';
import { createPassphraseCipher } from '../../main/core/adapters/passphrase-cipher.ts';
import { AppFailure } from '../../shared/result.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

describe('passphrase cipher', () => {
  it('round-trips a secret without storing it in plaintext', () => {
    const dir = tempDataDir();
    const cipher = createPassphraseCipher(dir, 'correct horse battery staple');
    const secret = 'access-token-abc123';
    const sealed = cipher.encrypt(secret);
    expect(Buffer.from(sealed).toString('latin1')).not.toContain(secret);
    expect(cipher.decrypt(sealed)).toBe(secret);
    // Same passphrase, new process: same salt file, same key.
    expect(createPassphraseCipher(dir, 'correct horse battery staple').decrypt(sealed)).toBe(
      secret,
    );
  });

  it('refuses to work without a passphrase, and with the wrong one', () => {
    const dir = tempDataDir();
    const sealed = createPassphraseCipher(dir, 'right').encrypt('t');
    const locked = createPassphraseCipher(dir, undefined);
    expect(locked.status()).toMatchObject({ available: false, canAcceptWeakProtection: false });
    expect(() => locked.encrypt('t')).toThrow(/STARLING_VAULT_PASSPHRASE/);
    const wrong = createPassphraseCipher(dir, 'wrong');
    expect(() => wrong.decrypt(sealed)).toThrow(AppFailure);
    expect(() => wrong.decrypt(sealed)).toThrow(/not the one/);
  });
});

describe('JSON file store', () => {
  it('persists values and survives a corrupt file', () => {
    const file = path.join(tempDataDir(), 'prefs.json');
    const store = createJsonFileStore(file);
    expect(store.get('theme')).toBeUndefined();
    store.set('theme', 'dark');
    expect(createJsonFileStore(file).get('theme')).toBe('dark');
    fs.writeFileSync(file, '{ not json');
    expect(createJsonFileStore(file).get('theme')).toBeUndefined();
    expect(createJsonFileStore(file).get('__proto__')).toBeUndefined();
  });
});
