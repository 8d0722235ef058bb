// Sorts every failure of a LinkedIn call into the few kinds the publisher and the metrics
// sync act on, and words LinkedIn's refusals for people. The line that matters: could the
// request have reached LinkedIn? Then it is `ambiguous`, and LinkedIn offers a member no
// way to look a post up afterwards (reconcile.ts).
import { AppFailure } from '../../../../shared/result.ts';
import type { CallOutcome } from '../port.ts';
import { LinkedInHttpError } from './api.ts';
import { isLinkedInNoAnswer } from './http.ts';

/**
 * LinkedIn's 401 service codes for tokens it no longer takes that need their own words
 * (65600 invalid and 65604 empty are said with LinkedIn's message).
 */
const tokenCodes = { revoked: 65601, expired: 65602 } as const;

/** Why LinkedIn refused a token, in words for the user. */
export function tokenRefusal(error: LinkedInHttpError): string {
  switch (error.serviceErrorCode) {
    case tokenCodes.expired:
      return 'its LinkedIn sign-in ran out (LinkedIn sign-ins last 60 days)';
    case tokenCodes.revoked:
      return 'Starling’s access was revoked on LinkedIn';
    default:
      return `LinkedIn no longer accepts its sign-in (${error.message})`;
  }
}

/**
 * [Note: missing product] LinkedIn answers 403 ACCESS_DENIED when the app lacks the
 * product that grants a permission (or the member lost a page role). Said in words: what
 * to add to the app, and that connecting again picks the permission up.
 */
export function accessDenied(forPage: boolean, error: LinkedInHttpError): string {
  return forPage
    ? 'LinkedIn refused to let Starling act for this company page (403: ' +
        `${error.message}). Add the Community Management API product to your LinkedIn app ` +
        '(developer.linkedin.com → My apps → Products), check that you are still an ' +
        'administrator of the page, then connect LinkedIn again with its pages.'
    : 'LinkedIn refused to let Starling post for this member (403: ' +
        `${error.message}). Add the Share on LinkedIn product to your LinkedIn app ` +
        '(developer.linkedin.com → My apps → Products), then connect LinkedIn again.';
}

/** The next 00:00 UTC: LinkedIn's quotas are daily and it names no reset time. */
const nextUtcMidnight = (now: number) => Math.floor(now / 86_400_000 + 1) * 86_400_000;

// A processed upload LinkedIn no longer has or never got: upload it again.
const mediaGone = new Set([
  'MEDIA_ASSET_NOT_FOUND',
  'MEDIA_ASSET_WAITING_UPLOAD',
  'EXPIRED_UPLOAD_URL',
]);

function classifyHttp(error: LinkedInHttpError, now: number): CallOutcome {
  const { status } = error;
  if (status === 401) {
    return {
      kind: 'auth',
      reason: `LinkedIn refused the sign-in (${error.message}).`,
      reconnect: true,
    };
  }
  if (status === 429) {
    return {
      kind: 'retryable',
      reason: `LinkedIn's rate limit was reached (429: ${error.message}).`,
      retryAt: /\bDAY\b/.test(error.message) ? nextUtcMidnight(now) : null,
    };
  }
  if (status >= 500 || status === 408) {
    return {
      kind: 'retryable',
      reason: `LinkedIn had a server error (${String(status)}).`,
      retryAt: null,
    };
  }
  if (status === 426) {
    return {
      kind: 'rejected',
      status,
      message: `LinkedIn no longer serves the API version this Starling speaks (${error.message}): update Starling.`,
      mediaInvalid: false,
    };
  }
  return {
    kind: 'rejected',
    status,
    message: error.code === null ? error.message : `${error.message} (${error.code})`,
    mediaInvalid: error.code !== null && mediaGone.has(error.code),
  };
}

/** Classifies anything a LinkedIn call may throw (see [Note: platform port]). */
export function classifyLinkedInError(error: unknown, now: number): CallOutcome {
  if (error instanceof AppFailure) {
    switch (error.error.code) {
      case 'AUTH_EXPIRED':
        return { kind: 'auth', reason: error.message, reconnect: true };
      case 'ENCRYPTION_UNAVAILABLE':
      case 'UNAUTHORIZED':
        return { kind: 'auth', reason: error.message, reconnect: false };
      case 'PLATFORM_REJECTED':
      case 'VALIDATION':
      case 'NOT_FOUND':
        return { kind: 'rejected', status: null, message: error.message, mediaInvalid: false };
      default:
        return { kind: 'retryable', reason: error.message, retryAt: null };
    }
  }
  if (error instanceof LinkedInHttpError) return classifyHttp(error, now);
  if (isLinkedInNoAnswer(error)) {
    if (!error.sent) {
      return {
        kind: 'retryable',
        reason: `LinkedIn could not be reached: ${error.message}`,
        retryAt: null,
      };
    }
    return { kind: 'ambiguous', reason: `No answer from LinkedIn after sending: ${error.message}` };
  }
  // Anything else (a bug, a cut-off answer) gives no proof either way.
  const reason = error instanceof Error ? error.message : String(error);
  return { kind: 'ambiguous', reason: `Unexpected error: ${reason}` };
}
