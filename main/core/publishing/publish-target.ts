// Publishes one post target (one post to one account, on any network): its thread part
// by part, each part's remote id committed before the next is sent, and every failure
// reduced to one instruction for the scheduler. Safe to call again for the same target
// at any time, also after a crash: posted parts are skipped, and a part whose last
// attempt may have reached the network is looked for there before it is sent again.
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import type { PlatformAccount, PlatformModule, RemoteRef } from '../platforms/port.ts';
import type { Clock, Logger } from '../ports.ts';
import { createPostLifecycle, type PostLifecycle, type PublishEvent } from '../posts/lifecycle.ts';
import type { Platform } from '../../../shared/accounts.ts';
import { LeaseLost, type Publisher, type PublishOptions, type PublishOutcome } from './outcome.ts';
import { jsonObject, loadParts, loadTarget, platformAccount } from './plan.ts';
import { heldElsewhere, handedOverLook } from './hand-off-reads.ts';
import { syncHandOff } from './hand-off.ts';
import { createPostingBudget, type PostingBudget } from './posting-budget.ts';
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
  const budget = createPostingBudget(deps.db);
  const running = new Set<string>();

  return {
    async publishTarget(targetId, publishOptions = {}) {
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
        return await publish(deps, lifecycle, budget, targetId, publishOptions);
      } catch (error) {
        // The target is another process's now: nothing of it is written here.
        if (error instanceof LeaseLost) {
          deps.logger.warn('publish: the job went to another process', { targetId });
          return { kind: 'skipped', reason: error.message };
        }
        deps.logger.error('publish: unexpected failure', {
          targetId,
          error: error instanceof Error ? error.message : String(error),
        });
        const reason = 'Publishing stopped on an unexpected error; it will be tried again.';
        // Best effort: a part that was being sent is found by the next run's lookup.
        await lifecycle.pausedTarget(targetId, { code: 'INTERNAL', message: reason }).catch(() => {
          // The database itself may be what failed; the scheduler still gets the answer.
        });
        // And the scheduler keeps it from the missed sweep meanwhile, when the journal says.
        const outcome: PublishOutcome = { kind: 'retry', at: null, code: 'INTERNAL', reason };
        const post = await loadTarget(deps.db, targetId).catch(() => undefined);
        if (post === undefined) return outcome;
        return await mayBeOut(lifecycle, post.post.id, targetId, outcome).catch(() => outcome);
      } finally {
        running.delete(targetId);
      }
    },

    async giveUp(targetId, code, message) {
      const context = await loadTarget(deps.db, targetId);
      if (context === undefined) return;
      const { post, account } = context;
      const posted = await lifecycle.postedParts(targetId);
      const parts = await loadParts(deps.db, deps.dataDir, post.id, account);
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
  budget: PostingBudget,
  targetId: string,
  publishOptions: PublishOptions,
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
  const parts = await loadParts(deps.db, deps.dataDir, post.id, account);
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
    handedOver: () => handedOverLook(deps.db, post.id, target.id),
    heldElsewhere: () => heldElsewhere(deps.db, target),
    now: () => deps.clock.now(),
    log: (message, fields = {}) => {
      deps.logger.info(`publish: ${message}`, { targetId, postId: post.id, ...fields });
    },
    stillOurs: publishOptions.stillOurs,
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
  const posted = await lifecycle.postedParts(target.id);
  // Within the network's posting limits before an attempt begins: a wait spends none.
  const unsent = parts.filter((p) => !posted.has(p.id)).length;
  const now = () => deps.clock.now();
  const quota = quotaOf(deps, network, account);
  const room = await budget.reserve(quota, network.postingLimits ?? [], unsent, now());
  if (room !== null) {
    const reason = `Waiting for room within ${network.label}'s limit of ${room.words}.`;
    // Said in the post's history and where the tray and the panel look, once a wait.
    await lifecycle.paused(post.id, targetId, 'retry', {
      code: 'RATE_LIMITED',
      message: reason,
      retryAt: room.at,
    });
    return mayBeOut(lifecycle, post.id, targetId, { kind: 'paced', at: room.at, reason });
  }
  try {
    const ready = { postId: post.id, targetId, account, network, parts, options, posted };
    const { pastGrace, mayBeOut: resumed, stillOurs } = publishOptions;
    return await sendTarget(deps, lifecycle, { ...ready, pastGrace, resumed, stillOurs });
  } finally {
    budget.settle(quota.key, unsent, posted.size - (parts.length - unsent), now());
  }
}

/**
 * A run that stops short, to be run again, says whether a part of the target may be on its
 * network as the journal now reads, which is whether the next run looks it up before
 * sending ([Note: may be out] in scheduler/job-marks.ts). Read afresh: this run's own
 * sends and their answers are in it.
 */
async function mayBeOut(
  lifecycle: PostLifecycle,
  postId: string,
  targetId: string,
  outcome: PublishOutcome,
): Promise<PublishOutcome> {
  if (outcome.kind !== 'retry' && outcome.kind !== 'held' && outcome.kind !== 'paced')
    return outcome;
  const history = await lifecycle.partHistory(postId, targetId);
  return { ...outcome, mayBeOut: [...history.values()].some((part) => part.unresolved) };
}

/** The posting budget the account spends: its own, or its quota holder's. */
function quotaOf(deps: TargetPublisherDeps, network: PlatformModule, account: PlatformAccount) {
  const holder = network.postingQuotaHolder?.(account);
  if (holder === undefined)
    return { key: account.id, accountIds: () => Promise.resolve([account.id]) };
  return {
    key: `${account.platform}:${holder}`,
    accountIds: async () => {
      const rows = await deps.db
        .selectFrom('social_accounts')
        .selectAll()
        .where('platform', '=', account.platform)
        .execute();
      return rows
        .map(platformAccount)
        .filter((a) => a.id === account.id || network.postingQuotaHolder?.(a) === holder)
        .map((a) => a.id);
    },
  };
}

type Ready = Pick<
  TargetRun,
  | 'postId'
  | 'targetId'
  | 'account'
  | 'network'
  | 'parts'
  | 'options'
  | 'posted'
  | 'pastGrace'
  | 'resumed'
  | 'stillOurs'
>;

/** Why a run the lifecycle would not begin stops: a new, later time, or a cancel. */
async function notNow(deps: TargetPublisherDeps, postId: string): Promise<PublishOutcome> {
  const post = await deps.db
    .selectFrom('posts')
    .select(['status', 'scheduled_at'])
    .where('id', '=', postId)
    .executeTakeFirst();
  const later = post?.scheduled_at ?? null;
  if (post?.status !== 'cancelled' && later !== null && later > deps.clock.now() + 1000) {
    return { kind: 'wait', at: later, reason: 'Waiting for its time.' };
  }
  return { kind: 'skipped', reason: 'The post was cancelled, or sent, before this run began.' };
}

/** Sends the parts not yet posted, the first attempt's bookkeeping included. */
async function sendTarget(
  deps: TargetPublisherDeps,
  lifecycle: PostLifecycle,
  ready: Ready,
): Promise<PublishOutcome> {
  const { postId, targetId, account, network, parts } = ready;
  const history = await lifecycle.partHistory(postId, targetId);
  const attempt = await lifecycle.begin(postId, targetId);
  if (attempt === null) return notNow(deps, postId);
  const run: TargetRun = {
    ...ready,
    lifecycle,
    now: () => deps.clock.now(),
    history,
    attempt,
    log: () => undefined,
  };
  run.log = (message, fields = {}) => {
    deps.logger.info(`publish: ${message}`, {
      targetId,
      postId,
      network: account.platform,
      attempt: run.attempt,
      ...fields,
    });
  };

  const invalid = network.publish.check(parts, account, ready.options);
  if (invalid !== null) return failTarget(run, 'VALIDATION', invalid);

  const stopped = await sendParts(run);
  if (stopped !== null) return mayBeOut(lifecycle, postId, targetId, stopped);

  const first = parts[0] === undefined ? undefined : run.posted.get(parts[0].id);
  if (first === undefined) return failTarget(run, 'INTERNAL', 'No part was recorded as posted.');
  const link = network.publish.url(account, first);
  await lifecycle.published(postId, targetId, first.id, link);
  run.log('published', { remoteId: first.id });
  return { kind: 'published', remoteId: first.id, url: link };
}
