// Snowflake-like ids (numeric strings that grow with time, as X's do) and random tokens.
import crypto from 'node:crypto';

const twitterEpoch = 1288834974657n;

export function createIdSource(now: () => number): () => string {
  let last = 0n;
  return () => {
    const fromTime = (BigInt(now()) - twitterEpoch) << 22n;
    // Ids strictly increase even while the fake clock stands still.
    last = fromTime > last ? fromTime : last + 1n;
    return last.toString();
  };
}

/** A URL-safe random token of about `bytes` bytes of entropy. */
export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}
