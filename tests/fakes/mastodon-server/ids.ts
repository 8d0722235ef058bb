// Mastodon-style snowflake ids (milliseconds shifted left 16 bits plus a sequence, as
// numeric strings) and random secrets for client credentials, codes and tokens.
import crypto from 'node:crypto';

export function createIdSource(now: () => number): () => string {
  let last = 0n;
  return () => {
    const fromTime = BigInt(now()) << 16n;
    // Ids strictly increase even while the fake clock stands still.
    last = fromTime > last ? fromTime : last + 1n;
    return last.toString();
  };
}

/** Orders numeric string ids the way Mastodon's bigint columns do. */
export function compareIds(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function randomSecret(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}
