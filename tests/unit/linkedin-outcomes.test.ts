// How LinkedIn's failures sort into what the publisher does next: refused tokens ask for a
// reconnect, throttles wait for LinkedIn's daily reset, server errors and unreached calls
// are tried again, and a call that may have reached LinkedIn is ambiguous.
import { describe, expect, it } from 'vitest';
import { LinkedInHttpError } from '../../main/core/platforms/linkedin/api.ts';
import { linkedinNoAnswer } from '../../main/core/platforms/linkedin/http.ts';
import {
  accessDenied,
  classifyLinkedInError,
  tokenRefusal,
} from '../../main/core/platforms/linkedin/outcomes.ts';
import { failure } from '../../shared/result.ts';

const now = Date.UTC(2026, 10, 24, 9, 30);
const rest = (
  status: number,
  code: string | null,
  message: string,
  service: number | null = null,
) => new LinkedInHttpError(status, code, service, message);

describe('classifyLinkedInError', () => {
  it('asks for a reconnect on the 401s, and says which one in words', () => {
    const cases: [number, string][] = [
      [65600, 'LinkedIn no longer accepts its sign-in (Invalid access token)'],
      [65601, 'Starling’s access was revoked on LinkedIn'],
      [65602, 'its LinkedIn sign-in ran out (LinkedIn sign-ins last 60 days)'],
    ];
    for (const [code, words] of cases) {
      const error = rest(401, 'X', code === 65600 ? 'Invalid access token' : 'refused', code);
      expect(classifyLinkedInError(error, now)).toMatchObject({ kind: 'auth', reconnect: true });
      expect(tokenRefusal(error)).toBe(words);
    }
  });

  it('waits for the next UTC midnight on a daily throttle, and retries server errors', () => {
    const day = rest(429, 'TOO_MANY_REQUESTS', 'Resource level throttle MEMBER DAY limit reached.');
    expect(classifyLinkedInError(day, now)).toMatchObject({
      kind: 'retryable',
      retryAt: Date.UTC(2026, 10, 25),
    });
    for (const status of [500, 502, 503, 504]) {
      expect(classifyLinkedInError(rest(status, null, 'down'), now)).toMatchObject({
        kind: 'retryable',
        retryAt: null,
      });
    }
  });

  it('refuses for good what LinkedIn refused, re-uploading media it lost', () => {
    expect(classifyLinkedInError(rest(422, null, 'ERROR :: /author :: bad'), now)).toMatchObject({
      kind: 'rejected',
      mediaInvalid: false,
    });
    expect(
      classifyLinkedInError(
        rest(400, 'MEDIA_ASSET_NOT_FOUND', 'urn:li:image:1 does not exist'),
        now,
      ),
    ).toMatchObject({ kind: 'rejected', mediaInvalid: true });
    expect(
      classifyLinkedInError(
        rest(426, 'NONEXISTENT_VERSION', 'Requested version 20240101 is not active'),
        now,
      ),
    ).toMatchObject({
      kind: 'rejected',
      message: expect.stringContaining('update Starling') as unknown,
    });
    expect(classifyLinkedInError(failure('PLATFORM_REJECTED', 'no'), now)).toMatchObject({
      kind: 'rejected',
    });
  });

  it('tells an unreached call from one that may have reached LinkedIn', () => {
    expect(classifyLinkedInError(linkedinNoAnswer('ECONNREFUSED', false), now)).toMatchObject({
      kind: 'retryable',
    });
    expect(classifyLinkedInError(linkedinNoAnswer('ECONNRESET', true), now)).toMatchObject({
      kind: 'ambiguous',
    });
    expect(
      classifyLinkedInError(linkedinNoAnswer('LinkedIn did not answer within 30 s', true), now),
    ).toMatchObject({ kind: 'ambiguous' });
  });

  it('names the product a 403 points at, for a member and for a page', () => {
    const denied = rest(
      403,
      'ACCESS_DENIED',
      'Not enough permissions to access: partnerApiPostsExternal.CREATE.20261101',
    );
    expect(accessDenied(false, denied)).toContain(
      'Add the Share on LinkedIn product to your LinkedIn app',
    );
    expect(accessDenied(true, denied)).toContain(
      'Add the Community Management API product to your LinkedIn app',
    );
  });
});
