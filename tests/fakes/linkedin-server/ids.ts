// LinkedIn-shaped identifiers: opaque member ids (the OpenID `sub`), numeric organisation
// ids, activity ids whose high bits are the creation time, digital-media asset ids, tokens.
import crypto from 'node:crypto';

/** A URL-safe random string of about `bytes` bytes of entropy. */
export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

/** Member ids look like `782bbtaQ`: short, case-sensitive, URL-safe. */
export function randomMemberId(): string {
  return randomToken(8).slice(0, 10);
}

/**
 * Share, ugcPost and comment ids are 19-digit numbers whose top bits are the creation
 * time in epoch ms (id >> 22), which is how people date LinkedIn posts from their URN.
 * They strictly increase even while the fake clock stands still.
 */
export function createActivityIds(now: () => number): () => string {
  let last = 0n;
  return () => {
    const fromTime = BigInt(now()) << 22n;
    last = fromTime > last ? fromTime : last + 1n;
    return last.toString();
  };
}

/** Asset ids as in urn:li:image:C4E10AQFoyyAjHPMQuQ: a kind prefix and random tail. */
export function assetId(kind: 'image' | 'video' | 'document'): string {
  const prefix = { image: 'C4E10AQ', video: 'C5F10AQ', document: 'D4D10AQ' }[kind];
  return `${prefix}${randomToken(9).replace(/[-_]/g, 'x')}`;
}

/** Access and refresh tokens: LinkedIn's are about 500 characters and start with AQ. */
export function accessTokenValue(): string {
  return `AQ${randomToken(270)}`;
}
