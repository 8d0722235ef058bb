// Sorts every failure of a Graph API call into the few kinds the publisher and the
// metrics sync act on ([Note: platform port]), from Meta's error.code, error_subcode and
// is_transient (developers.facebook.com/docs/graph-api/guides/error-handling): 190 a token
// Meta no longer takes (connect again); 4, 17, 32, 613 and the 800xx business-use-case
// codes throttling (retry, when Meta's usage headers say); 10 and 200-299 a permission
// the app or user lacks (refused, in words); 1, 2 and is_transient passing trouble. The
// line that matters for posting: could the request have reached Meta? Then `ambiguous`,
// and the Page's recent posts are looked at before anything is sent again.
import { AppFailure } from '../../../../shared/result.ts';
import type { CallOutcome } from '../port.ts';
import { GraphError } from './graph.ts';
import { isMetaNoAnswer, metaNoAnswer } from './http.ts';
import { defaultPauseMs, MetaBackOff, parseUsage } from './usage.ts';

/** Codes Meta documents for a token it no longer accepts. */
export const tokenCodes = new Set([102, 190]);
/** Throttling: the app's, the user's, the Page's, an API's, a business use case's. */
const throttleCodes = new Set([4, 17, 32, 341, 613, 80001, 80002, 80004, 80005, 80006, 80008]);
const permissionCode = (code: number) => code === 10 || (code >= 200 && code <= 299);
/** Meta refuses a post identical to one the Page just made. */
const duplicateCode = 506;
/** 190's subcodes said in words. */
const tokenSubcodes: Record<number, string> = {
  458: 'the Meta app was removed from the account',
  459: 'the Facebook user must log in on facebook.com to confirm something',
  460: 'the Facebook password was changed',
  463: 'the Facebook sign-in ran out',
  464: 'the Facebook user is not confirmed',
  467: 'the Facebook sign-in is no longer valid',
  492: 'the Facebook user lost their role on the Page',
};

/** Why Meta refused a token, in words for the user. */
export function tokenRefusal(error: GraphError): string {
  const why = error.subcode === null ? undefined : tokenSubcodes[error.subcode];
  return why ?? `Meta no longer accepts its sign-in (${error.message})`;
}

/** When a throttled call may be tried again: Meta's estimate, else a share of the hour. */
function throttledUntil(error: GraphError, now: number): number {
  const estimates = parseUsage(error.headers, now)
    .map((u) => u.regainAt)
    .filter((at): at is number => at !== null);
  return estimates.length > 0 ? Math.max(...estimates) : now + defaultPauseMs;
}

function permissionWords(error: GraphError): string {
  return (
    `Meta refused: the app or the Facebook user lacks a permission (${String(error.code)}: ` +
    `${error.message}). Check that your Meta app has the permissions Starling asks for ` +
    '(pages_manage_posts, pages_read_engagement, instagram_content_publish …) and that you ' +
    'still manage the Page, then connect Facebook again and grant them all.'
  );
}

export function classifyGraph(error: GraphError, now: number): CallOutcome {
  const code = error.code ?? 0;
  if (tokenCodes.has(code) || error.status === 401) {
    return { kind: 'auth', reason: `${tokenRefusal(error)}.`, reconnect: true };
  }
  if (throttleCodes.has(code) || error.status === 429) {
    return {
      kind: 'retryable',
      reason: `Meta's rate limit was reached (${String(code)}: ${error.message}).`,
      retryAt: throttledUntil(error, now),
    };
  }
  if (code === 1 || code === 2 || error.transient || error.status >= 500) {
    return {
      kind: 'retryable',
      reason: `Meta had a passing problem (${String(error.status)}, code ${String(code)}: ${error.message}).`,
      retryAt: null,
    };
  }
  if (code === duplicateCode) return { kind: 'duplicate', message: error.message };
  if (permissionCode(code)) {
    return {
      kind: 'rejected',
      status: error.status,
      message: permissionWords(error),
      mediaInvalid: false,
    };
  }
  return {
    kind: 'rejected',
    status: error.status,
    message: error.userMessage ?? `${error.message} (code ${String(code)})`,
    mediaInvalid: false,
  };
}

/**
 * [Note: server error on a create] (as for LinkedIn, linkedin/publish.ts) A server error
 * (5xx) or Meta's "unknown" and "service" errors (codes 1 and 2) to a call that makes a
 * post, a comment or a publish may come after Meta did it; sent again blind, it would go
 * out twice. Such an error becomes no answer after sending, so the part is looked up before
 * anything is sent again. Throttling and refusals are answers given before any work, and
 * stay as they are.
 */
export async function creating<T>(network: string, what: string, call: () => Promise<T>) {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof GraphError)) throw error;
    const code = error.code ?? 0;
    const throttled = throttleCodes.has(code) || error.status === 429;
    if (!throttled && (error.status >= 500 || code === 1 || code === 2)) {
      throw metaNoAnswer(
        `${network} answered the ${what} with a passing error (${String(error.status)}, code ${String(code)}: ${error.message}), which may come after it was made`,
        true,
      );
    }
    throw error;
  }
}

/** Classifies anything a Meta call may throw (see [Note: platform port]). */
export function classifyMetaError(error: unknown, now: number): CallOutcome {
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
  if (error instanceof MetaBackOff) {
    return { kind: 'retryable', reason: error.message, retryAt: error.pause.until };
  }
  if (error instanceof GraphError) return classifyGraph(error, now);
  if (isMetaNoAnswer(error)) {
    return error.sent
      ? { kind: 'ambiguous', reason: `No answer from Meta after sending: ${error.message}` }
      : { kind: 'retryable', reason: `Meta could not be reached: ${error.message}`, retryAt: null };
  }
  // Anything else (a bug, a cut-off answer) gives no proof either way.
  const reason = error instanceof Error ? error.message : String(error);
  return { kind: 'ambiguous', reason: `Unexpected error: ${reason}` };
}
