// Bluesky's pure pieces: which server addresses are accepted, record keys, the outcome of
// each kind of failure (the line between "retry" and "look it up first"), the limits'
// messages, and reading Open Graph tags.
import { XRPCError } from '@atproto/api';
import { describe, expect, it } from 'vitest';
import { checkServiceUrl } from '../../main/core/platforms/bluesky/client.ts';
import { accessExpiry, pdsFromDidDoc } from '../../main/core/platforms/bluesky/credentials.ts';
import { checkBlueskyThread, countGraphemes } from '../../main/core/platforms/bluesky/limits.ts';
import { metaTags } from '../../main/core/platforms/bluesky/link-card.ts';
import { firstLink } from '../../main/core/platforms/bluesky/media.ts';
import {
  classifyBlueskyError,
  RecordWriteError,
} from '../../main/core/platforms/bluesky/outcomes.ts';
import type { PlannedMedia } from '../../main/core/platforms/port.ts';
import { createTidMaker } from '../../main/core/platforms/bluesky/tid.ts';
import { failure } from '../../shared/result.ts';

const now = Date.UTC(2026, 10, 24, 9, 0);

function socketError(code: string, syscall?: string) {
  const socket = Object.assign(new Error(code), { code, ...(syscall && { syscall }) });
  const fetchError = new TypeError('fetch failed', { cause: socket });
  return XRPCError.from(fetchError);
}

describe('Bluesky server addresses', () => {
  it('takes https:// anywhere and http:// only on this computer', () => {
    expect(checkServiceUrl('https://bsky.social/')).toBe('https://bsky.social');
    expect(checkServiceUrl(' https://pds.example.org:8443/xrpc ')).toBe(
      'https://pds.example.org:8443',
    );
    expect(checkServiceUrl('http://127.0.0.1:2583')).toBe('http://127.0.0.1:2583');
    expect(checkServiceUrl('http://localhost:2583')).toBe('http://localhost:2583');
    expect(checkServiceUrl('http://[::1]:2583')).toBe('http://[::1]:2583');
    expect(() => checkServiceUrl('http://example.com')).toThrow(/over https:\/\//);
    expect(() => checkServiceUrl('http://192.168.1.20:2583')).toThrow(/over https:\/\//);
    expect(() => checkServiceUrl('ftp://bsky.social')).toThrow(/must start with https:\/\//);
    expect(() => checkServiceUrl('https://me:secret@bsky.social')).toThrow(/user name or password/);
    expect(() => checkServiceUrl('bsky social')).toThrow(/not a web address/);
  });

  it('reads the PDS from a DID document only when it may be used', () => {
    const doc = (serviceEndpoint: string) => ({
      service: [{ id: '#atproto_pds', type: 'AtprotoPersonalDataServer', serviceEndpoint }],
    });
    expect(pdsFromDidDoc(doc('https://morel.us-east.host.bsky.network'))).toBe(
      'https://morel.us-east.host.bsky.network',
    );
    expect(pdsFromDidDoc(doc('http://evil.example'))).toBeNull();
    expect(pdsFromDidDoc({})).toBeNull();
  });

  it('takes an access token’s expiry from its exp claim', () => {
    const jwt = (claims: object) =>
      `h.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.s`;
    expect(accessExpiry(jwt({ exp: 1_800_000_000 }), now)).toBe(1_800_000_000_000);
    expect(accessExpiry('not-a-jwt', now)).toBe(now + 2 * 60 * 60_000);
  });
});

describe('Bluesky record keys', () => {
  it('are TIDs, strictly increasing even when the clock stands still', () => {
    const next = createTidMaker(() => now, 7);
    const keys = [next(), next(), next()];
    for (const key of keys) expect(key).toMatch(/^[234567abcdefghij][234567a-z]{12}$/);
    expect([...keys].sort()).toEqual(keys);
    expect(new Set(keys).size).toBe(3);
    expect(createTidMaker(() => now + 1, 7)() > (keys.at(-1) ?? '')).toBe(true);
  });
});

describe('classifying Bluesky failures', () => {
  const classify = (error: unknown) => classifyBlueskyError(error, now);

  it('treats a post whose fate is unknown as ambiguous, and anything unsent as retryable', () => {
    expect(classify(new RecordWriteError(new XRPCError(500)))).toMatchObject({ kind: 'ambiguous' });
    expect(classify(new RecordWriteError(socketError('UND_ERR_SOCKET')))).toMatchObject({
      kind: 'ambiguous',
    });
    expect(classify(new RecordWriteError(socketError('ECONNREFUSED', 'connect')))).toMatchObject({
      kind: 'retryable',
    });
    const timeout = XRPCError.from(new DOMException('The operation timed out.', 'TimeoutError'));
    expect(classify(new RecordWriteError(timeout))).toEqual({
      kind: 'ambiguous',
      reason: 'No answer from Bluesky after sending (no answer in time).',
    });
    expect(classify(new XRPCError(503))).toMatchObject({ kind: 'retryable', retryAt: null });
  });

  it('waits for the rate limit’s reset, and holds an account whose session is gone', () => {
    const reset = String(now / 1000 + 90);
    const limited = new XRPCError(429, 'RateLimitExceeded', undefined, {
      'ratelimit-reset': reset,
    });
    expect(classify(new RecordWriteError(limited))).toMatchObject({
      kind: 'retryable',
      retryAt: now + 90_000,
    });
    expect(classify(new XRPCError(400, 'ExpiredToken', 'Token has expired'))).toMatchObject({
      kind: 'auth',
      reconnect: true,
    });
    const refused = XRPCError.from(failure('AUTH_EXPIRED', 'Reconnect @nova.test'));
    expect(classify(refused)).toEqual({
      kind: 'auth',
      reason: 'Reconnect @nova.test',
      reconnect: true,
    });
    expect(classify(failure('ENCRYPTION_UNAVAILABLE', 'Locked'))).toMatchObject({
      reconnect: false,
    });
  });

  it('passes the PDS’s own words on a refusal, and marks dropped blobs', () => {
    const bad = new XRPCError(400, 'InvalidRequest', 'Invalid app.bsky.feed.post record: nope');
    expect(classify(new RecordWriteError(bad))).toEqual({
      kind: 'rejected',
      status: 400,
      message: 'Invalid app.bsky.feed.post record: nope',
      mediaInvalid: false,
    });
    const blob = new XRPCError(400, 'BlobNotFound', 'Could not find blob: bafk');
    expect(classify(new RecordWriteError(blob))).toMatchObject({
      kind: 'rejected',
      mediaInvalid: true,
    });
  });
});

describe('Bluesky limits', () => {
  const media = (over: Partial<PlannedMedia>): PlannedMedia => ({
    assetId: 'a',
    kind: 'video',
    mime: 'video/mp4',
    bytes: 1000,
    width: 320,
    height: 240,
    durationMs: 5000,
    file: __filename,
    altText: '',
    ...over,
  });
  const check = (text: string, m: PlannedMedia[] = []) =>
    checkBlueskyThread([{ id: 'p', position: 0, text, media: m }]);

  it('counts what a reader sees, and words every refusal so it can be fixed', () => {
    expect(countGraphemes('👩‍👩‍👧é東')).toBe(3);
    expect(check('x'.repeat(300))).toBeNull();
    expect(check('  ')).toBe('The post is empty: add text or media.');
    expect(check('', [media({ mime: 'video/quicktime' })])).toBe(
      'The post: Bluesky takes videos as MP4 only: export the video as MP4 and attach that.',
    );
    expect(check('', [media({ durationMs: 181_000 })])).toMatch(
      /181 seconds long; Bluesky accepts up to 3 minutes/,
    );
    expect(check('', [media({ bytes: 120_000_000 })])).toMatch(
      /120\.0 MB; Bluesky accepts up to 100 MB/,
    );
    expect(check('', [media({}), media({ kind: 'image', mime: 'image/png' })])).toMatch(
      /either up to 4 images or one video/,
    );
    expect(check('', [media({ altText: 'a'.repeat(2001) })])).toMatch(
      /alt text is 2001 characters long/,
    );
    expect(check('', [media({ file: '/nonexistent/file.mp4' })])).toMatch(
      /missing from the media library/,
    );
  });
});

describe('link cards', () => {
  it('reads Open Graph tags in any attribute order and quoting, entities decoded', () => {
    const tags = metaTags(`<html><head><title>Fallback &amp; more</title>
      <meta content='Bread &#38; butter' property="og:title">
      <META NAME=description CONTENT="Daily &quot;fresh&quot; loaves">
      <meta property="og:image" content="/img/card.png"></head></html>`);
    expect(tags.get('og:title')).toBe('Bread & butter');
    expect(tags.get('description')).toBe('Daily "fresh" loaves');
    expect(tags.get('og:image')).toBe('/img/card.png');
    expect(tags.get('title')).toBe('Fallback & more');
  });

  it('takes the first link in the text', () => {
    expect(firstLink('See nova.com and https://nova.example/menu.')).toBe('https://nova.com');
    expect(firstLink('No links here #bread')).toBeNull();
  });
});
