// Publishes one post target (one post to one account, on any network): its thread part
// by part, each part's remote id committed before the next is sent, and every failure
// reduced to one instruction for the scheduler. Safe to call again for the same target
// at any time, also after a crash: posted parts are skipped, and a part whose last
// attempt may have reached the network is looked for there before it is sent again.
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import type { PlatformModule, RemoteRef } from '../platforms/port.ts';
import type { Clock, Logger } from '../ports.ts';
import { createPostLifecycle, type PostLifecycle, type PublishEvent } from '../posts/lifecycle.ts';
import type { Platform } from '../../../shared/accounts.ts';
import type { Publisher, PublishOutcome } from './outcome.ts';
import { jsonObject, loadParts, loadTarget, platformAccount } from './plan.ts';
import { syncHandOff } from './hand-off.ts';
import { approvalCheckForTarget } from '../approval/approval-state.ts';
import { failTarget, sendParts, type TargetRun } from './send-part.ts';

export interface TargetPublisherDeps {
  db: Kysely<Schema>;
  /** The network module for an account's platform (platforms/registry.ts). */
  platformFor: (platform: Platform) => PlatformModule;
  clock: Clock;
  logger: Logger;
  dataDir: string;
  /** Called with each event after it was committed, e.g. to push it to the renderer. */
  onEvent?: (event: PublishEvent) => void;
}

export function createTargetPublisher(deps: TargetPublisherDeps): Publisher {
  const now = () => deps.clock.now();
  const lifecycle = createPostLifecycle(deps.db, now, deps.onEvent ?? (() => undefined));
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
        return await publish(deps, lifecycle, targetId);
      } catch (error) {
        deps.logger.error('publish: unexpected failure', {
          targetId,
          error: error instanceof Error ? error.message : String(error),
        });
        const reason = 'Publishing stopped on an unexpected error; it will be tried again.';
        // Best effort: a part that was being sent is found by the next run's lookup.
        await lifecycle.pausedTarget(targetId, { code: 'INTERNAL', message: reason }).catch(() => {
          // The database itself may be what failed; the scheduler still gets the answer.
        });
        return { kind: 'retry', at: null, code: 'INTERNAL', reason };
      } finally {
        running.delete(targetId);
      }
    },

    async giveUp(targetId, code, message) {
      const context = await loadTarget(deps.db, targetId);
      if (context === undefined) return;
      const { post, account } = context;
      const posted = await lifecycle.postedParts(targetId);
      const parts = await loadParts(deps.db, deps.dataDir, post.id, account.id);
      const first = parts[0] === undefined ? undefined : posted.get(parts[0].id);
      const module = deps.platformFor(account.platform);
      await lifecycle.failed(
        post.id,
        targetId,
        { code, message },
        first === undefined
          ? null
          : { remoteId: first.id, url: module.publish.url(platformAccount(account), first) },
      );
    },
  };
}

async function publish(
  deps: TargetPublisherDeps,
  lifecycle: PostLifecycle,
  targetId: string,
): Promise<PublishOutcome> {
  const context = await loadTarget(deps.db, targetId);
  if (context === undefined) return { kind: 'skipped', reason: `No post target ${targetId}.` };
  const { target, post } = context;
  const account = platformAccount(context.account);
  const network = deps.platformFor(account.platform);
  const url = (ref: RemoteRef) => network.publish.url(account, ref);
  if (target.status === 'published' && target.remote_id !== null) {
    const first = { id: target.remote_id, ref: null };
    return { kind: 'published', remoteId: target.remote_id, url: target.remote_url ?? url(first) };
  }
  const parts = await loadParts(deps.db, deps.dataDir, post.id, account.id);
  const options = jsonObject(target.options);
  const cancelled = target.status === 'cancelled' || post.status === 'cancelled';
  // A post that lacks its client's approval is never left with, nor given to, a network
  // that would publish it at its time (the scheduler's gate holds it once taken back).
  const mayHold = context.account.hand_off === 1 || target.hold_key !== null;
  const blocked = mayHold && (await approvalCheckForTarget(deps.db, target.id))?.blocked === true;
  const handedOff = await syncHandOff({
    postId: post.id,
    targetId: target.id,
    account,
    network,
    lifecycle,
    parts,
    options,
    due: post.scheduled_at,
    cancelled,
    wanted: context.account.hand_off === 1 && !blocked,
    hold: {
      key: target.hold_key,
      id: target.hold_id,
      at: target.hold_at,
      digest: target.hold_digest,
      refused: target.hold_refused,
    },
    now: () => deps.clock.now(),
    log: (message, fields = {}) => {
      deps.logger.info(`publish: ${message}`, { targetId, postId: post.id, ...fields });
    },
  });
  if (handedOff !== null) return handedOff;
  if (cancelled) return { kind: 'skipped', reason: 'The post was cancelled.' };
  if (blocked) {
    const at = Math.max(post.scheduled_at ?? 0, deps.clock.now());
    return { kind: 'wait', at, reason: 'Waiting for approval.' };
  }
  // Woken before its time (to hand it off, or after taking it back): wait for the time.
  if (post.scheduled_at !== null && post.scheduled_at > deps.clock.now() + 1000) {
    return { kind: 'wait', at: post.scheduled_at, reason: 'Waiting for its time.' };
  }
  const run: TargetRun = {
    postId: post.id,
    targetId: target.id,
    account,
    options,
    parts,
    network,
    lifecycle,
    now: () => deps.clock.now(),
    posted: await lifecycle.postedParts(target.id),
    history: await lifecycle.partHistory(post.id, target.id),
    attempt: await lifecycle.begin(post.id, target.id),
    log: () => undefined,
  };
  run.log = (message, fields = {}) => {
    deps.logger.info(`publish: ${message}`, {
      targetId,
      postId: post.id,
      network: account.platform,
      attempt: run.attempt,
      ...fields,
    });
  };

  const invalid = network.publish.check(parts, account, options);
  if (invalid !== null) return failTarget(run, 'VALIDATION', invalid);

  const stopped = await sendParts(run);
  if (stopped !== null) return stopped;

  const first = parts[0] === undefined ? undefined : run.posted.get(parts[0].id);
  if (first === undefined) return failTarget(run, 'INTERNAL', 'No part was recorded as posted.');
  const link = url(first);
  await lifecycle.published(post.id, target.id, first.id, link);
  run.log('published', { remoteId: first.id });
  return { kind: 'published', remoteId: first.id, url: link };
}
