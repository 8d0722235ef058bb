// Publishes one post target (one post to one X account): its thread part by part, each
// part's remote id committed before the next is sent, media uploaded first, and every
// failure reduced to one instruction for the scheduler. Safe to call again for the same
// target at any time, also after a crash: posted parts are skipped, and a part whose
// last attempt may have reached X is looked for on X before it is sent again.
import type { Kysely } from 'kysely';
import type { SendTweetV2Params } from 'twitter-api-v2';
import type { Schema } from '../../db/schema.ts';
import type { Clock, Logger } from '../../ports.ts';
import { classifyXError, type XCallOutcome } from './outcomes.ts';
import { accountCall } from './account-call.ts';
import { ensurePartMedia, forgetUploads } from './publish-media.ts';
import { loadParts, loadTarget, validateParts, type PlannedPart } from './publish-plan.ts';
import { createPublishStore, type PublishEvent, type PublishStore } from './publish-store.ts';
import { findPostedPart } from './reconcile.ts';
import type { XClients } from './x-clients.ts';

/** Why a target stopped short of published, as stored in post_targets.error_code. */
export type TargetErrorCode =
  | 'VALIDATION'
  | 'PLATFORM_REJECTED'
  | 'DUPLICATE'
  | 'RATE_LIMITED'
  | 'X_UNAVAILABLE'
  | 'UNCONFIRMED'
  | 'AUTH_EXPIRED'
  | 'INTERNAL';

/** What the scheduler does next with the target's job. */
export type PublishOutcome =
  /** Every part is on X. `remoteId` is the first part's. */
  | { kind: 'published'; remoteId: string; url: string }
  /** Try again: at `at` (X's rate-limit reset) or after the scheduler's own backoff when null. */
  | { kind: 'retry'; at: number | null; code: TargetErrorCode; reason: string }
  /** Wait, without spending attempts, until the account is reconnected or the vault unlocked. */
  | { kind: 'held'; code: TargetErrorCode; reason: string }
  /** Final: X refused the post or it can never be sent as it is. */
  | { kind: 'failed'; code: TargetErrorCode; message: string }
  /** Nothing to do: the target is gone or cancelled. */
  | { kind: 'skipped'; reason: string };

export interface XPublisherDeps {
  db: Kysely<Schema>;
  xClients: XClients;
  clock: Clock;
  logger: Logger;
  dataDir: string;
  /** Waits between media-processing checks; tests pass one that advances a fake clock. */
  sleep?: (ms: number) => Promise<void>;
  /** Called with each event after it was committed, e.g. to push it to the renderer. */
  onEvent?: (event: PublishEvent) => void;
}

export interface XPublisher {
  publishTarget(targetId: string): Promise<PublishOutcome>;
}

export const statusUrl = (handle: string, id: string): string =>
  `https://x.com/${encodeURIComponent(handle)}/status/${id}`;

const realSleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms);
  });

export function createXPublisher(deps: XPublisherDeps): XPublisher {
  const now = () => deps.clock.now();
  const store = createPublishStore(deps.db, now, deps.onEvent ?? (() => undefined));
  const running = new Set<string>();

  return {
    async publishTarget(targetId) {
      // The scheduler's lease keeps other processes away; this keeps one process honest.
      if (running.has(targetId)) {
        return {
          kind: 'retry',
          at: null,
          code: 'INTERNAL',
          reason: 'This post is already being published.',
        };
      }
      running.add(targetId);
      try {
        return await publish(deps, store, targetId);
      } catch (error) {
        deps.logger.error('x publish: unexpected failure', {
          targetId,
          error: error instanceof Error ? error.message : String(error),
        });
        const reason = 'Publishing stopped on an unexpected error; it will be tried again.';
        // Best effort: a part that was being sent is found by the next run's lookup.
        await store.pausedTarget(targetId, { code: 'INTERNAL', message: reason }).catch(() => {
          // The database itself may be what failed; the scheduler still gets the answer.
        });
        return { kind: 'retry', at: null, code: 'INTERNAL', reason };
      } finally {
        running.delete(targetId);
      }
    },
  };
}

async function publish(
  deps: XPublisherDeps,
  store: PublishStore,
  targetId: string,
): Promise<PublishOutcome> {
  const now = () => deps.clock.now();
  const context = await loadTarget(deps.db, targetId);
  if (context === undefined) return { kind: 'skipped', reason: `No post target ${targetId}.` };
  const { target, post, account } = context;
  const url = (id: string) => statusUrl(account.handle, id);
  if (target.status === 'published' && target.remote_id !== null) {
    return { kind: 'published', remoteId: target.remote_id, url: url(target.remote_id) };
  }
  if (target.status === 'cancelled' || post.status === 'cancelled') {
    return { kind: 'skipped', reason: 'The post was cancelled.' };
  }

  const parts = await loadParts(deps.db, deps.dataDir, post.id, account.id);
  const posted = await store.postedParts(target.id);
  const history = await store.partHistory(post.id, target.id);
  const attempt = await store.begin(post.id, target.id);
  const log = (message: string, fields: Record<string, unknown> = {}) => {
    deps.logger.info(`x publish: ${message}`, { targetId, postId: post.id, attempt, ...fields });
  };

  const firstPosted = (): { remoteId: string; url: string } | null => {
    const id = parts[0] === undefined ? undefined : posted.get(parts[0].id);
    return id === undefined ? null : { remoteId: id, url: url(id) };
  };
  const fail = async (code: TargetErrorCode, message: string): Promise<PublishOutcome> => {
    await store.failed(post.id, target.id, { code, message }, firstPosted());
    log('failed', { code, message });
    return { kind: 'failed', code, message };
  };
  /** Turns a failed X call into the target's next state. `what` names what was refused. */
  const stop = async (
    outcome: XCallOutcome,
    what: string,
    retryCode?: TargetErrorCode,
  ): Promise<PublishOutcome> => {
    switch (outcome.kind) {
      case 'retryable':
      case 'ambiguous': {
        const at = outcome.kind === 'retryable' ? outcome.retryAt : null;
        const code = retryCode ?? (at !== null ? 'RATE_LIMITED' : 'X_UNAVAILABLE');
        await store.paused(post.id, target.id, 'retry', {
          code,
          message: outcome.reason,
          retryAt: at,
        });
        log('will retry', { code, reason: outcome.reason, at });
        return { kind: 'retry', at, code, reason: outcome.reason };
      }
      case 'auth': {
        if (outcome.reconnect) await store.accountNeedsReauth(account.id);
        const reason = outcome.reconnect
          ? `X no longer accepts @${account.handle}'s sign-in: reconnect the account. (${outcome.reason})`
          : outcome.reason;
        await store.paused(post.id, target.id, 'held', { code: 'AUTH_EXPIRED', message: reason });
        log('held', { reason: outcome.reason });
        return { kind: 'held', code: 'AUTH_EXPIRED', reason };
      }
      case 'rejected':
        return fail('PLATFORM_REJECTED', `X refused ${what}: ${outcome.message}`);
      case 'duplicate':
        return fail(
          'DUPLICATE',
          `X refused ${what} as a duplicate of an earlier post, and no matching post was found ` +
            `since this one was first sent: ${outcome.message}`,
        );
    }
  };

  const invalid = validateParts(parts);
  if (invalid !== null) return fail('VALIDATION', invalid);

  const call = accountCall(deps.xClients, account.id);
  const name = (part: PlannedPart) => (parts.length > 1 ? `part ${part.position + 1}` : 'the post');
  let previous: string | null = null;

  /** Looks for the part on X: its id, null when surely absent, or how to stop. */
  const lookFor = async (
    part: PlannedPart,
    since: number,
  ): Promise<{ found: string | null } | { stopWith: PublishOutcome }> => {
    try {
      const found = await call((client) =>
        findPostedPart(client, {
          userId: account.platform_user_id,
          text: part.text,
          hasMedia: part.media.length > 0,
          inReplyTo: previous,
          since,
          excludeIds: new Set(posted.values()),
        }),
      );
      return { found };
    } catch (error) {
      const outcome = classifyXError(error, now());
      // Unable to check: never send blind. The next run looks again first.
      const unchecked: XCallOutcome =
        outcome.kind === 'rejected' || outcome.kind === 'duplicate'
          ? {
              kind: 'retryable',
              reason: `Could not check X for ${name(part)}: ${outcome.message}`,
              retryAt: null,
            }
          : outcome;
      return { stopWith: await stop(unchecked, name(part)) };
    }
  };
  const adopt = async (part: PlannedPart, remoteId: string) => {
    await store.partPosted(post.id, target.id, part, remoteId, 'reconciled');
    posted.set(part.id, remoteId);
    previous = remoteId;
    log('reconciled', { partId: part.id, remoteId });
  };

  for (const part of parts) {
    const done = posted.get(part.id);
    if (done !== undefined) {
      previous = done;
      continue;
    }
    const earlier = history.get(part.id);
    if (earlier?.unresolved === true) {
      const look = await lookFor(part, earlier.firstSentAt);
      if ('stopWith' in look) return look.stopWith;
      if (look.found !== null) {
        await adopt(part, look.found);
        continue;
      }
    }

    let mayReupload = true;
    for (;;) {
      let mediaIds: string[];
      try {
        mediaIds = await ensurePartMedia(
          {
            db: deps.db,
            call,
            accountId: account.id,
            upload: { now, sleep: deps.sleep ?? realSleep },
            onUploaded: (detail) =>
              store.mediaUploaded(post.id, target.id, { partId: part.id, ...detail }),
          },
          part.media,
        );
      } catch (error) {
        const outcome = classifyXError(error, now());
        // An upload that may have gone through is simply uploaded again.
        const safe: XCallOutcome =
          outcome.kind === 'ambiguous'
            ? { kind: 'retryable', reason: outcome.reason, retryAt: null }
            : outcome;
        return stop(safe, `the media of ${name(part)}`);
      }

      await store.sending(post.id, target.id, part.id, part.position);
      const sentAt = now();
      try {
        const result = await call((client) =>
          client.v2.tweet(tweetPayload(part, previous, mediaIds)),
        );
        await store.partPosted(post.id, target.id, part, result.data.id, 'posted');
        posted.set(part.id, result.data.id);
        previous = result.data.id;
        log('part posted', { partId: part.id, remoteId: result.data.id });
        break;
      } catch (error) {
        const outcome = classifyXError(error, now());
        const mayBeOnX = outcome.kind === 'ambiguous' || outcome.kind === 'duplicate';
        await store.partFailed(post.id, target.id, part.id, {
          outcome: outcome.kind,
          ambiguous: mayBeOnX,
          reason:
            outcome.kind === 'rejected' || outcome.kind === 'duplicate'
              ? outcome.message
              : outcome.reason,
        });
        if (
          outcome.kind === 'rejected' &&
          outcome.mediaInvalid &&
          part.media.length > 0 &&
          mayReupload
        ) {
          // X forgot the media ids (they expire about a day after upload): upload again, once.
          mayReupload = false;
          await forgetUploads(deps.db, account.id, part.media);
          log('media ids refused, uploading again', { partId: part.id });
          continue;
        }
        if (!mayBeOnX) return stop(outcome, name(part));
        const look = await lookFor(part, Math.min(sentAt, earlier?.firstSentAt ?? sentAt));
        if ('stopWith' in look) return look.stopWith;
        if (look.found !== null) {
          await adopt(part, look.found);
          break;
        }
        if (outcome.kind === 'duplicate') return stop(outcome, name(part));
        return stop(
          {
            kind: 'retryable',
            reason: `X did not confirm ${name(part)} and it is not on the account yet: ${outcome.reason}`,
            retryAt: null,
          },
          name(part),
          'UNCONFIRMED',
        );
      }
    }
  }

  const first = firstPosted();
  if (first === null) return fail('INTERNAL', 'No part was recorded as posted.');
  await store.published(post.id, target.id, first.remoteId, first.url);
  log('published', { remoteId: first.remoteId });
  return { kind: 'published', remoteId: first.remoteId, url: first.url };
}

function tweetPayload(
  part: PlannedPart,
  previous: string | null,
  mediaIds: string[],
): SendTweetV2Params {
  const payload: SendTweetV2Params = {};
  if (part.text.trim() !== '') payload.text = part.text;
  if (previous !== null) payload.reply = { in_reply_to_tweet_id: previous };
  if (mediaIds.length > 0) {
    // Validation allows at most 4 media per part, the tuple X's type spells out.
    payload.media = { media_ids: mediaIds as [string] };
  }
  return payload;
}
