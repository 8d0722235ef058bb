// Identifiers in the shapes atproto uses: did:plc DIDs, TIDs (timestamp record keys and
// commit revisions) and CIDv1 strings, so the client's lexicon checks accept them.
import crypto from 'node:crypto';
import {
  CBOR_DATA_CODEC,
  createCid,
  parseCidSafe,
  RAW_DATA_CODEC,
  SHA256_HASH_CODE,
} from '@atproto/lex-data';

const base32 = 'abcdefghijklmnopqrstuvwxyz234567';
/** The TID alphabet is "base32-sortable": string order equals time order. */
const sortable = '234567abcdefghijklmnopqrstuvwxyz';
const tidPattern = /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/;
/** Record-key syntax shared by every collection (lexicon format "record-key"). */
const recordKeyPattern = /^[a-zA-Z0-9_~.:-]{1,512}$/;

export function randomDid(): string {
  const bytes = crypto.randomBytes(24);
  return `did:plc:${[...bytes].map((b) => base32[b % 32] ?? 'a').join('')}`;
}

export function randomId(bytes = 16): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

export function isTid(value: string): boolean {
  return tidPattern.test(value);
}

export function isRecordKey(value: string): boolean {
  return recordKeyPattern.test(value) && value !== '.' && value !== '..';
}

/** Makes TIDs from the fake clock, strictly increasing even when the clock stands still. */
export function tidMaker(now: () => number): () => string {
  const clockId = BigInt(crypto.randomInt(1024));
  let lastMicros = 0n;
  return () => {
    const micros = BigInt(now()) * 1000n;
    lastMicros = micros > lastMicros ? micros : lastMicros + 1n;
    let n = (lastMicros << 10n) | clockId;
    let out = '';
    for (let i = 0; i < 13; i += 1) {
      out = (sortable[Number(n & 31n)] ?? '2') + out;
      n >>= 5n;
    }
    return out;
  };
}

function cidOf(codec: number, bytes: Uint8Array): string {
  const hash = crypto.createHash('sha256').update(bytes).digest();
  return createCid(codec, SHA256_HASH_CODE, hash).toString();
}

/** A blob's CID, exactly as the PDS computes it: sha-256 over the raw bytes. */
export function blobCid(bytes: Uint8Array): string {
  return cidOf(RAW_DATA_CODEC, bytes);
}

/** A record's CID. The PDS hashes the DAG-CBOR encoding; hashing the JSON is enough here. */
export function recordCid(value: unknown): string {
  return cidOf(CBOR_DATA_CODEC, Buffer.from(JSON.stringify(value), 'utf8'));
}

export function isCid(value: string): boolean {
  return parseCidSafe(value) !== null;
}
