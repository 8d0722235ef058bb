// Instagram's failures as the publisher and the sync act on them: this folder's own
// (errors.ts) and the few Instagram error codes the shared Graph classification does not
// know; everything else is Meta's (meta/outcomes.ts).
import { GraphError } from '../meta/graph.ts';
import { classifyMetaError } from '../meta/outcomes.ts';
import type { CallOutcome } from '../port.ts';
import { ContainerRefused, NotListedYet, QuotaUsedUp, StillProcessing } from './errors.ts';

/** Code 9, subcode 2207042: the account reached its publishing limit. */
const publishingLimit = 2207042;
/** Code 9007, subcode 2207027: the media is not ready to publish yet. */
const notReady = new Set([9007, 2207027]);

export function classifyInstagramError(error: unknown, now: number): CallOutcome {
  if (error instanceof ContainerRefused) {
    return { kind: 'rejected', status: null, message: error.message, mediaInvalid: false };
  }
  if (error instanceof StillProcessing || error instanceof NotListedYet) {
    return { kind: 'retryable', reason: error.message, retryAt: null };
  }
  if (error instanceof QuotaUsedUp) {
    return { kind: 'retryable', reason: error.message, retryAt: error.retryAt };
  }
  if (error instanceof GraphError) {
    if (error.subcode === publishingLimit) {
      return {
        kind: 'retryable',
        reason: `Instagram's publishing limit for this account is used up (${error.message}).`,
        retryAt: now + 60 * 60_000,
      };
    }
    if (
      (error.code !== null && notReady.has(error.code)) ||
      (error.subcode !== null && notReady.has(error.subcode))
    ) {
      return {
        kind: 'retryable',
        reason: `Instagram has not finished with the media yet (${error.message}).`,
        retryAt: null,
      };
    }
  }
  return classifyMetaError(error, now);
}
