// Record keys as atproto's TIDs: 13 base32-sortable characters over 64 bits, a zero top
// bit, 53 bits of microseconds since the epoch and a 10-bit clock id. Written here because
// @atproto/api does not export its TID class and its home package is not a dependency.
import { randomInt } from 'node:crypto';

const alphabet = '234567abcdefghijklmnopqrstuvwxyz';

function encode(value: bigint): string {
  let n = value;
  let out = '';
  for (let i = 0; i < 13; i += 1) {
    out = (alphabet[Number(n & 31n)] ?? '2') + out;
    n >>= 5n;
  }
  return out;
}

/**
 * A TID maker on `now` (epoch ms): strictly increasing in this process, even when the
 * clock stands still or steps back; the random clock id keeps two processes apart.
 */
export function createTidMaker(now: () => number, clockId = randomInt(1024)): () => string {
  let last = 0n;
  const id = BigInt(clockId & 1023);
  return () => {
    const micros = BigInt(Math.max(0, Math.floor(now()))) * 1000n;
    last = micros > last ? micros : last + 1n;
    return encode(((last & ((1n << 53n) - 1n)) << 10n) | id);
  };
}
