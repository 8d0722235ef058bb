// Mastodon's pure pieces: the instance address check, the length count Mastodon applies,
// reading a status's HTML back as text, and how each kind of failure is classified.
import { MastoHttpError, MastoTimeoutError } from 'masto';
import { describe, expect, it } from 'vitest';
import { checkInstanceUrl } from '../../main/core/platforms/mastodon/instance.ts';
import { classifyMastodonError } from '../../main/core/platforms/mastodon/outcomes.ts';
import { comparable, htmlToText } from '../../main/core/platforms/mastodon/reconcile.ts';
import { countMastodonText } from '../../main/core/platforms/mastodon/text-count.ts';
import { failure } from '../../shared/result.ts';

describe('checkInstanceUrl', () => {
  it('keeps the origin of https:// addresses and of http:// on this computer', () => {
    expect(checkInstanceUrl('https://Mastodon.Social/@alice?x=1')).toBe('https://mastodon.social');
    expect(checkInstanceUrl('  mastodon.social ')).toBe('https://mastodon.social');
    expect(checkInstanceUrl('https://social.example:443/')).toBe('https://social.example');
    expect(checkInstanceUrl('http://127.0.0.1:3000')).toBe('http://127.0.0.1:3000');
    expect(checkInstanceUrl('http://localhost:3000/')).toBe('http://localhost:3000');
    expect(checkInstanceUrl('http://[::1]:3000')).toBe('http://[::1]:3000');
  });

  it('refuses plain http elsewhere, other schemes, credentials and non-addresses', () => {
    expect(() => checkInstanceUrl('http://mastodon.social')).toThrow(/must be reached over https/);
    expect(() => checkInstanceUrl('http://10.0.0.5')).toThrow(/must be reached over https/);
    expect(() => checkInstanceUrl('ftp://mastodon.social')).toThrow(/https:\/\//);
    expect(() => checkInstanceUrl('https://me:pw@mastodon.social')).toThrow(/user name/);
    expect(() => checkInstanceUrl('https://')).toThrow(/not a web address/);
  });
});

describe('countMastodonText', () => {
  it('counts graphemes, a URL with a scheme as 23 and a remote mention as @user', () => {
    const url = `https://nova-bakery.com/${'x'.repeat(100)}`;
    expect(countMastodonText(`see ${url}`, '')).toBe(4 + 23);
    expect(countMastodonText(`see ${url}`, '', 30)).toBe(4 + 30);
    expect(countMastodonText('hi @anna@mastodon.social', '')).toBe(3 + 5);
    expect(countMastodonText('hi @anna', '')).toBe(8);
    expect(countMastodonText('👨‍👩‍👧‍👦🍞', '')).toBe(2);
    // Without a scheme Mastodon leaves a domain as text.
    expect(countMastodonText('nova-bakery.com', '')).toBe(15);
  });

  it('counts the content warning too', () => {
    expect(countMastodonText('body', 'cw: food')).toBe(4 + 8);
  });
});

describe('reading a status back', () => {
  it('turns Mastodon’s HTML into the text it was written from', () => {
    const html =
      '<p>Lost &amp; found: &lt;b&gt;one&lt;/b&gt; loaf<br />see <a href="https://nova-bakery.com/bread"><span class="invisible">https://</span><span class="">nova-bakery.com/bread</span></a></p><p>#<span>rye</span> &#127838; @<span>anna</span></p>';
    expect(htmlToText(html)).toBe(
      'Lost & found: <b>one</b> loaf\nsee https://nova-bakery.com/bread\n\n#rye 🍞 @anna',
    );
    expect(comparable(htmlToText(html))).toBe(
      comparable(
        'Lost & found: <b>one</b> loaf\nsee https://nova-bakery.com/bread\n\n#rye 🍞 @anna@mastodon.social',
      ),
    );
  });
});

describe('classifyMastodonError', () => {
  const now = Date.UTC(2026, 10, 24, 9, 0);
  const http = (statusCode: number, message: string, headers: Record<string, string> = {}) =>
    new MastoHttpError({ statusCode, message }, { cause: { headers: new Headers(headers) } });
  const fetchFailed = (code: string, syscall?: string) =>
    new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code, syscall }) });

  it('retries what never reached the instance or what it refused for now', () => {
    expect(classifyMastodonError(fetchFailed('ECONNREFUSED', 'connect'), now).kind).toBe(
      'retryable',
    );
    expect(classifyMastodonError(http(503, 'HTTP 503'), now).kind).toBe('retryable');
    // masto 8 on nginx's HTML error page.
    const html = new TypeError("Cannot destructure property 'error' of 'data' as it is undefined.");
    expect(classifyMastodonError(html, now).kind).toBe('retryable');
    const reset = '2026-11-24T09:05:00.000000Z';
    expect(
      classifyMastodonError(http(429, 'Too many requests', { 'x-ratelimit-reset': reset }), now),
    ).toEqual({
      kind: 'retryable',
      reason: "The instance's rate limit was reached (429).",
      retryAt: Date.parse(reset),
    });
    expect(classifyMastodonError(http(429, 'Too many requests'), now)).toMatchObject({
      retryAt: now + 5 * 60_000,
    });
  });

  it('calls a lost answer or a timeout ambiguous', () => {
    expect(classifyMastodonError(fetchFailed('UND_ERR_SOCKET'), now).kind).toBe('ambiguous');
    expect(classifyMastodonError(new MastoTimeoutError('Request timed out'), now).kind).toBe(
      'ambiguous',
    );
  });

  it('asks for a reconnect on 401 and passes Mastodon’s words on 422', () => {
    expect(classifyMastodonError(http(401, 'The access token was revoked'), now)).toMatchObject({
      kind: 'auth',
      reconnect: true,
    });
    expect(
      classifyMastodonError(
        http(422, 'Validation failed: Text character limit of 500 exceeded'),
        now,
      ),
    ).toEqual({
      kind: 'rejected',
      status: 422,
      message: 'Validation failed: Text character limit of 500 exceeded',
      mediaInvalid: false,
    });
    const spent = http(422, 'Media 12 not found or already attached to another post');
    expect(classifyMastodonError(spent, now)).toMatchObject({ mediaInvalid: true });
    expect(classifyMastodonError(failure('AUTH_EXPIRED', 'reconnect'), now)).toMatchObject({
      kind: 'auth',
      reconnect: true,
    });
  });
});
