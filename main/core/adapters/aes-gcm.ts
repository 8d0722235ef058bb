// Authenticated encryption of small secrets with AES-256-GCM, the one sealed format for
// every Cipher adapter: [format byte][12-byte IV][16-byte tag][ciphertext].
import crypto from 'node:crypto';

const headerBytes = 1 + 12 + 16;

export function seal(key: Buffer, format: number, plaintext: string): Uint8Array {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([format]), iv, cipher.getAuthTag(), body]);
}

/**
 * The plaintext, or why not: 'format' when the bytes are not this format, 'key' when
 * authentication fails (wrong key, or tampered data).
 */
export function open(
  key: Buffer,
  format: number,
  sealed: Uint8Array,
): { ok: true; plaintext: string } | { ok: false; reason: 'format' | 'key' } {
  const data = Buffer.from(sealed);
  if (data[0] !== format || data.length < headerBytes) return { ok: false, reason: 'format' };
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, data.subarray(1, 13));
    decipher.setAuthTag(data.subarray(13, headerBytes));
    const plaintext = Buffer.concat([
      decipher.update(data.subarray(headerBytes)),
      decipher.final(),
    ]);
    return { ok: true, plaintext: plaintext.toString('utf8') };
  } catch {
    return { ok: false, reason: 'key' };
  }
}
