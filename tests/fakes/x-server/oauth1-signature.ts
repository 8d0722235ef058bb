// OAuth 1.0a HMAC-SHA1 signature checks per RFC 5849 §3.4: the base string from the
// method, the https base URI and every parameter (Authorization header oauth_* values,
// query, form body), sorted after percent-encoding.
import crypto from 'node:crypto';
import { isFormBody, type FakeRequest } from '../http-kit/request.ts';

export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** The oauth_* parameters of an `Authorization: OAuth ...` header, or null. */
export function parseOAuthHeader(header: string | undefined): Map<string, string> | null {
  if (header === undefined || !/^OAuth\s/i.test(header)) return null;
  const params = new Map<string, string>();
  const pattern = /([A-Za-z0-9_.~%-]+)="([^"]*)"/g;
  for (const match of header.slice(6).matchAll(pattern)) {
    const [, key, value] = match;
    if (key === undefined || value === undefined) continue;
    try {
      params.set(decodeURIComponent(key), decodeURIComponent(value));
    } catch {
      return null;
    }
  }
  return params;
}

function baseString(method: string, baseUri: string, pairs: [string, string][]): string {
  const normalized = pairs
    .map(([k, v]) => [percentEncode(k), percentEncode(v)] as const)
    .sort(([ak, av], [bk, bv]) => (ak === bk ? (av < bv ? -1 : av > bv ? 1 : 0) : ak < bk ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  return [method.toUpperCase(), percentEncode(baseUri), percentEncode(normalized)].join('&');
}

function sign(base: string, consumerSecret: string, tokenSecret: string): string {
  const key = `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`;
  return crypto.createHmac('sha1', key).update(base).digest('base64');
}

function sameSignature(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/**
 * Checks the request's signature. [Note: OAuth 1 duplicates] RFC 5849 keeps a parameter
 * sent twice (twitter-api-v2 sends oauth_token both in the header and in the body of
 * /oauth/access_token) twice in the base string; twitter-api-v2 merges such exact
 * duplicates into one, and X accepts its signatures. Both forms are accepted here.
 */
export function verifySignature(
  req: FakeRequest,
  oauth: Map<string, string>,
  consumerSecret: string,
  tokenSecret: string,
): boolean {
  const signature = oauth.get('oauth_signature');
  if (signature === undefined || oauth.get('oauth_signature_method') !== 'HMAC-SHA1') return false;
  const pairs: [string, string][] = [];
  for (const [key, value] of oauth) {
    if (key !== 'oauth_signature' && key !== 'realm') pairs.push([key, value]);
  }
  for (const [key, value] of req.query) pairs.push([key, value]);
  if (isFormBody(req)) {
    for (const [key, value] of new URLSearchParams(req.body.toString('utf8'))) {
      pairs.push([key, value]);
    }
  }
  const baseUri = `https://${req.host}${req.path}`;
  if (
    sameSignature(
      sign(baseString(req.method, baseUri, pairs), consumerSecret, tokenSecret),
      signature,
    )
  ) {
    return true;
  }
  const seen = new Set<string>();
  const deduplicated = pairs.filter(([k, v]) => {
    const id = `${k}\u0000${v}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  return (
    deduplicated.length !== pairs.length &&
    sameSignature(
      sign(baseString(req.method, baseUri, deduplicated), consumerSecret, tokenSecret),
      signature,
    )
  );
}
