// The small pure parts of connecting to X: PKCE values from crypto randomness with an
// S256 challenge, the authorize URL, constant-time state checks, the callback page, and
// which URLs the desktop app hands to the system browser.
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../main/core/services/loopback-callback.ts';
import { newPkce, oauth2AuthorizeUrl, sameSecret } from '../../main/core/platforms/x/pkce.ts';
import { createUrlOpener, opensInBrowser } from '../../main/shell/open-url.ts';

describe('PKCE', () => {
  it('makes a 43–128 character verifier, an S256 challenge and a fresh state each time', () => {
    const a = newPkce();
    const b = newPkce();
    expect(a.verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(a.challenge).toBe(crypto.createHash('sha256').update(a.verifier).digest('base64url'));
    expect(a.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Set([a.verifier, b.verifier, a.state, b.state]).size).toBe(4);
  });

  it('takes its randomness from the given source', () => {
    const calls: number[] = [];
    const pkce = newPkce((n) => {
      calls.push(n);
      return Buffer.alloc(n, 7);
    });
    expect(calls).toEqual([64, 32]);
    expect(pkce.verifier).toBe(Buffer.alloc(64, 7).toString('base64url'));
  });

  it('builds the authorize URL on the given origin with the scopes separated by %20', () => {
    const pkce = newPkce();
    const url = oauth2AuthorizeUrl({
      authorizeOrigin: 'https://x.com',
      clientId: 'my-client-id-123',
      redirectUri: 'http://127.0.0.1:17823/callback',
      pkce,
    });
    expect(url).toMatch(/^https:\/\/x\.com\/i\/oauth2\/authorize\?/);
    expect(url).toContain(
      'scope=tweet.read%20tweet.write%20users.read%20offline.access%20media.write',
    );
    expect(url).toContain('redirect_uri=http%3A%2F%2F127.0.0.1%3A17823%2Fcallback');
    expect(url).not.toContain(pkce.verifier);
    expect(new URL(url).searchParams.get('code_challenge_method')).toBe('S256');
  });

  it('compares secrets without being fooled by length or absence', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abd', 'abc')).toBe(false);
    expect(sameSecret('ab', 'abc')).toBe(false);
    expect(sameSecret(null, 'abc')).toBe(false);
  });
});

describe('callback page', () => {
  it('escapes what it shows', () => {
    const page = renderPage({ title: '<b>x</b>', message: 'a & "b"' });
    expect(page).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(page).toContain('a &amp; &quot;b&quot;');
  });
});

describe('opening URLs from the desktop app', () => {
  it('hands only https pages (and loopback http with a local X) to the system browser', async () => {
    const strict = { loopbackHttp: false };
    const localX = { loopbackHttp: true };
    expect(opensInBrowser('https://x.com/i/oauth2/authorize?a=1', strict)).toBe(true);
    expect(opensInBrowser('http://127.0.0.1:5123/i/oauth2/authorize', strict)).toBe(false);
    expect(opensInBrowser('http://127.0.0.1:5123/i/oauth2/authorize', localX)).toBe(true);
    for (const url of [
      'http://x.com/',
      'http://localhost.evil.example/',
      'file:///etc/passwd',
      'smb://host/share',
      'javascript:alert(1)',
      'https://user:pw@x.com/',
      'not a url',
    ]) {
      expect(opensInBrowser(url, localX), url).toBe(false);
    }
    const opened: string[] = [];
    const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const open = createUrlOpener(
      (url) => {
        opened.push(url);
        return Promise.resolve();
      },
      quiet,
      strict,
    );
    expect(await open('file:///etc/passwd')).toBe(false);
    expect(await open('https://x.com/')).toBe(true);
    expect(opened).toEqual(['https://x.com/']);
    const failing = createUrlOpener(() => Promise.reject(new Error('no browser')), quiet, strict);
    expect(await failing('https://x.com/')).toBe(false);
  });
});
