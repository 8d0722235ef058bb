// Compact JWTs signed with HMAC-SHA256, as the PDS signs its session tokens, so the
// client can decode them and the fake can tell its own tokens from forged ones.
import crypto from 'node:crypto';

export type JwtPayload = Record<string, unknown>;

function encodePart(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function sign(input: string, key: Buffer): string {
  return crypto.createHmac('sha256', key).update(input).digest('base64url');
}

export function signJwt(typ: string, payload: JwtPayload, key: Buffer): string {
  const input = `${encodePart({ typ, alg: 'HS256' })}.${encodePart(payload)}`;
  return `${input}.${sign(input, key)}`;
}

function decodePart(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** The header's typ and the payload, or null when the token is not one this fake signed. */
export function verifyJwt(
  token: string,
  key: Buffer,
): { typ: unknown; payload: JwtPayload } | null {
  const [header, payload, signature, ...rest] = token.split('.');
  if (header === undefined || payload === undefined || signature === undefined) return null;
  if (rest.length > 0) return null;
  const expected = Buffer.from(sign(`${header}.${payload}`, key));
  const got = Buffer.from(signature);
  if (expected.length !== got.length || !crypto.timingSafeEqual(expected, got)) return null;
  const head = decodePart(header);
  const body = decodePart(payload);
  if (head === null || body === null) return null;
  return { typ: head.typ, payload: body };
}
