// [Note: hand-off] Where the user allows it for an account (social_accounts.hand_off)
// and its network can hold posts (HoldPort), a single post due more than the network's
// lead ahead is handed to the network, which publishes it at its time even while this
// machine sleeps. The target's job runs early to hand it over and then waits until just
// after the time, when it asks the network what became of it and records the posted part
// like any other. Anything that changes the post (a new time, an edit, a cancel, hand-off
// turned off) wakes the job at once (services/posts.ts, accounts), and this step brings
// the network's copy in line: moved to the new time, or taken back so Starling publishes
// the new version itself. The key of a hand-off is committed before the request, so an
// answer that never came is asked for again with the same key (the network's idempotency
// makes it the same hold), never handed over twice.
import crypto from 'node:crypto';
import type {
  HoldPort,
  PartContext,
  PlannedPart,
  PlatformAccount,
  PlatformModule,
} from '../platforms/port.ts';
import type { PostLifecycle } from '../posts/lifecycle.ts';
import { LeaseLost, type PublishOutcome } from './outcome.ts';
import { requireLease } from './send-part.ts';

/** After its time, how long before the network is asked whether it posted it. */
export const settleDelayMs = 30_000;
/** How long after its time a post may still be in the network's queue before Starling takes it back. */
export const queueLimitMs = 30 * 60_000;
/** Margin over the network's lead, so a hand-off is not refused for being a second late. */
const leadMarginMs = 60_000;

export interface HandOffRun {
  postId: string;
  targetId: string;
  account: PlatformAccount;
  network: PlatformModule;
  lifecycle: PostLifecycle;
  parts: PlannedPart[];
  options: Record<string, unknown>;
  /** The post's time; null for a post without one (a draft). */
  due: number | null;
  cancelled: boolean;
  /** The account lets its network hold its posts. */
  wanted: boolean;
  hold: {
    key: string | null;
    id: string | null;
    at: number | null;
    digest: string | null;
    refused: string | null;
  };
  /** What the last hand-off gave the network (HoldPort.look), null where not kept. */
  handedOver: () => Promise<string | null>;
  /** The hold ids the account's other targets were handed over as. */
  heldElsewhere: () => Promise<ReadonlySet<string>>;
  now: () => number;
  log: (message: string, fields?: Record<string, unknown>) => void;
  /** The scheduler's PublishOptions.stillOurs: asked before anything is handed over. */
  stillOurs?: (() => Promise<boolean>) | undefined;
}

/** What was handed over, to notice an edit: each part's text and media, and the options. */
export function holdDigest(parts: PlannedPart[], options: Record<string, unknown>): string {
  const content = parts.map((p) => ({
    text: p.text,
    media: p.media.map((m) => [m.assetId, m.altText]),
  }));
  return crypto.createHash('sha256').update(JSON.stringify({ content, options })).digest('hex');
}

const wait = (at: number, reason: string): PublishOutcome => ({ kind: 'wait', at, reason });

/**
 * Brings the network's copy of the target in line with the post. Returns the run's
 * outcome when this step settles it, or null to publish as usual (nothing handed over,
 * or taken back).
 */
export async function syncHandOff(run: HandOffRun): Promise<PublishOutcome | null> {
  const hold = run.network.publish.hold;
  if (hold === undefined) return null;
  if (run.hold.key !== null) {
    const settled = await reconcile(run, hold).catch((error: unknown) => {
      if (error instanceof LeaseLost) throw error;
      return unreachable(run, error);
    });
    if (settled !== null) return settled;
  }
  if (run.cancelled || run.due === null) return null;
  return shouldHandOff(run, hold, run.due) ? handOver(run, hold, run.due) : null;
}

/** How long to wait before asking a network that could not be reached about its hold. */
export const unreachableRetryMs = 2 * 60_000;

/**
 * The network could not be asked about what it holds. It holds the post whether or not
 * Starling can reach it, so waiting costs nothing: no attempt is spent on it.
 */
async function unreachable(run: HandOffRun, error: unknown): Promise<PublishOutcome> {
  const outcome = run.network.publish.classify(error, run.now());
  run.log('hand-off check failed', { outcome: outcome.kind });
  switch (outcome.kind) {
    case 'auth':
      if (outcome.reconnect) await run.lifecycle.accountNeedsReauth(run.account.id, outcome.reason);
      return { kind: 'held', code: 'AUTH_EXPIRED', reason: outcome.reason };
    case 'retryable':
    case 'ambiguous': {
      const at = outcome.kind === 'retryable' && outcome.retryAt !== null ? outcome.retryAt : 0;
      return wait(
        Math.max(at, run.now() + unreachableRetryMs),
        `${run.network.label} could not be asked about the post it holds: ${outcome.reason}`,
      );
    }
    case 'rejected':
    case 'duplicate':
      return {
        kind: 'retry',
        at: null,
        code: 'PLATFORM_REJECTED',
        reason: `${run.network.label} refused to say what became of the post it holds: ${outcome.message}`,
      };
  }
}

function shouldHandOff(run: HandOffRun, hold: HoldPort, due: number): boolean {
  return (
    run.wanted &&
    run.hold.refused === null &&
    due > run.now() + hold.minLeadMs + leadMarginMs &&
    hold.refuses(run.parts) === null
  );
}

function contextFor(run: HandOffRun, key: string): PartContext | null {
  const part = run.parts[0];
  if (part === undefined) return null;
  return {
    postId: run.postId,
    targetId: run.targetId,
    account: run.account,
    options: run.options,
    part,
    partCount: run.parts.length,
    root: null,
    parent: null,
    key,
    uploads: [],
  };
}

async function handOver(run: HandOffRun, hold: HoldPort, due: number): Promise<PublishOutcome> {
  await requireLease(run);
  const key = crypto.randomUUID();
  const context = contextFor(run, key);
  await run.lifecycle.handOff(run.postId, run.targetId, {
    kind: 'sending',
    key,
    at: due,
    digest: holdDigest(run.parts, run.options),
    look: context === null ? '' : hold.look(context),
  });
  run.hold = { ...run.hold, key, id: null, at: due };
  return (await send(run, hold, key, due)) ?? wait(due, 'Waiting for its time.');
}

/** The network holds the post as `holdId`: recorded, and the run waits for its time. */
async function held(
  run: HandOffRun,
  holdId: string,
  at: number,
  logged: string,
): Promise<PublishOutcome> {
  await run.lifecycle.handOff(run.postId, run.targetId, { kind: 'held', holdId, at });
  run.hold = { ...run.hold, id: holdId };
  run.log(logged, { holdId, at });
  return wait(at + settleDelayMs, `${run.network.label} holds it until its time.`);
}

/**
 * Sends (or asks again for) the hand-off under `key`. Returns the run's outcome, or null
 * when the network refused it and Starling publishes the post itself.
 */
async function send(
  run: HandOffRun,
  hold: HoldPort,
  key: string,
  at: number,
): Promise<PublishOutcome | null> {
  const context = contextFor(run, key);
  if (context === null) return null;
  await requireLease(run);
  let holdId: string;
  try {
    const media = await run.network.publish.prepareMedia(context, async (note) => {
      await run.lifecycle.mediaUploaded(run.postId, run.targetId, { ...note });
    });
    holdId = await hold.hold(context, media, at);
  } catch (error) {
    return notHeld(run, error);
  }
  // The key can bring back what another post of the account took for its own hold (two
  // answers lost, one text, one time): that one keeps it, and this one goes out from here.
  if ((await run.heldElsewhere()).has(holdId)) {
    await clear(run, `${run.network.label} holds it for another post: Starling publishes it.`);
    return null;
  }
  return held(run, holdId, at, 'handed off');
}

/** Why a hand-off was not made: refused (null: published as usual), or not yet known. */
async function notHeld(run: HandOffRun, error: unknown): Promise<PublishOutcome | null> {
  const outcome = run.network.publish.classify(error, run.now());
  switch (outcome.kind) {
    case 'rejected':
    case 'duplicate': {
      await clear(
        run,
        `${run.network.label} would not hold it (${outcome.message}); Starling publishes it at its time.`,
        true,
      );
      return null;
    }
    case 'auth':
      if (outcome.reconnect) await run.lifecycle.accountNeedsReauth(run.account.id, outcome.reason);
      return { kind: 'held', code: 'AUTH_EXPIRED', reason: outcome.reason };
    case 'retryable':
      return { kind: 'retry', at: outcome.retryAt, code: 'UNAVAILABLE', reason: outcome.reason };
    case 'ambiguous':
      return { kind: 'retry', at: null, code: 'UNCONFIRMED', reason: outcome.reason };
  }
}

/**
 * The target was handed over (or its answer never came): settle it after its time, or
 * bring it in line with a post that changed. Returns null once nothing is held any more
 * and the post is to be published (or skipped) as usual.
 */
async function reconcile(run: HandOffRun, hold: HoldPort): Promise<PublishOutcome | null> {
  const { key, at } = run.hold;
  if (key === null || at === null) return null;
  if (run.hold.id === null) {
    const asked = await lostAnswer(run, hold, key, at);
    if (asked?.kind !== 'wait') return asked;
  }
  const holdId = heldId(run);
  if (holdId === null) return null;
  const unchanged = unchangedSinceHandOff(run);

  if (unchanged && run.due === at) {
    if (run.now() < at + settleDelayMs) return wait(at + settleDelayMs, 'Held until its time.');
    return settle(run, hold, holdId, at);
  }
  if (unchanged && run.due !== null && run.due > run.now() + hold.minLeadMs + leadMarginMs) {
    if (await hold.move(run.account, holdId, run.due)) {
      await run.lifecycle.handOff(run.postId, run.targetId, { kind: 'moved', at: run.due });
      run.log('hand-off moved', { holdId, at: run.due });
      return wait(run.due + settleDelayMs, `${run.network.label} holds it until its new time.`);
    }
    return settle(run, hold, holdId, at);
  }
  // Edited, cancelled, too close to its new time, or hand-off turned off: take it back.
  if (!(await hold.release(run.account, holdId))) return settle(run, hold, holdId, at);
  await clear(run, 'Taken back from the network: the post changed.');
  return null;
}

/** Whether the post is still as it was handed over, and still to be held. */
const unchangedSinceHandOff = (run: HandOffRun): boolean =>
  !run.cancelled &&
  run.wanted &&
  run.due !== null &&
  run.hold.digest === holdDigest(run.parts, run.options);

/**
 * The answer to a hand-off never came. The network may hold the post already: a key is
 * remembered only so long (Mastodon: an hour), after which asking again would make a
 * second hold, so it is looked for first, as it was handed over (it may have been edited
 * since). Not held: asked again with the same key while the post is unchanged and far
 * enough ahead (the same hold, or nothing: refused, cleared and published as usual, or
 * unknown: retry), otherwise published as usual. After its time the network may have
 * published it already.
 */
async function lostAnswer(
  run: HandOffRun,
  hold: HoldPort,
  key: string,
  at: number,
): Promise<PublishOutcome | null> {
  const context = contextFor(run, key);
  if (context === null) return null;
  const label = run.network.label;
  // A hand-off from before looks were kept is looked for as the post is now.
  const look = (await run.handedOver()) ?? hold.look(context);
  const holdId = await hold.find(context, look, at, await run.heldElsewhere());
  if (holdId !== null) {
    await requireLease(run);
    return held(run, holdId, at, 'hand-off found');
  }
  if (run.now() < at) {
    if (unchangedSinceHandOff(run) && run.due === at && shouldHandOff(run, hold, at)) {
      return send(run, hold, key, at);
    }
    await requireLease(run);
    await clear(run, `${label} does not hold it: Starling publishes it itself.`);
    return null;
  }
  // The network takes a held post off its list just before it publishes it.
  if (run.now() < at + settleDelayMs) return wait(at + settleDelayMs, `Asking ${label} soon.`);
  await requireLease(run);
  const published = await recordPublished(run, key, at);
  if (published !== null) return published;
  await clear(run, `${label} did not hold it: Starling publishes it itself.`);
  return null;
}

/** The hold id as `send` left it (read through a call: `send` changes `run.hold`). */
const heldId = (run: HandOffRun): string | null => run.hold.id;

/** Nothing is held any more; `refused`: the network would not hold it, so none is tried again. */
async function clear(run: HandOffRun, reason: string, refused = false): Promise<void> {
  await run.lifecycle.handOff(run.postId, run.targetId, { kind: 'cleared', reason, refused });
  run.hold = { key: null, id: null, at: null, digest: null, refused: refused ? reason : null };
  run.log(refused ? 'hand-off refused' : 'hand-off cleared', { reason });
}

/** After its time: the posted part, recorded like any other, or why it is not there. */
async function settle(
  run: HandOffRun,
  hold: HoldPort,
  holdId: string,
  at: number,
): Promise<PublishOutcome | null> {
  const label = run.network.label;
  if (await hold.holds(run.account, holdId)) {
    if (run.now() < at + queueLimitMs) {
      return wait(run.now() + settleDelayMs, `${label} has not published it yet.`);
    }
    // The network's queue is stuck: take it back and publish it from here.
    if (await hold.release(run.account, holdId)) {
      await clear(
        run,
        `${label} had not published it ${String(queueLimitMs / 60_000)} minutes after its time.`,
      );
      return null;
    }
  }
  if (run.parts[0] === undefined) return null;
  const published = await recordPublished(run, run.hold.key ?? holdId, at);
  if (published !== null) return published;
  // Deleted on the network before its time, or dropped by it: never sent again unasked.
  await clear(run, `${label} no longer holds it and did not publish it.`);
  const error = {
    code: 'PLATFORM_REJECTED' as const,
    message: `${label} no longer holds this post and did not publish it (was it deleted there?). Retry to publish it from Starling.`,
  };
  await run.lifecycle.failed(run.postId, run.targetId, error, null);
  return { kind: 'failed', ...error };
}

/** The post as the network published it at `at`, recorded like any other; null if absent. */
async function recordPublished(
  run: HandOffRun,
  key: string,
  at: number,
): Promise<PublishOutcome | null> {
  const part = run.parts[0];
  const context = contextFor(run, key);
  if (part === undefined || context === null) return null;
  const seen = await run.network.publish.find(context, at - leadMarginMs, new Set());
  // A network that holds posts can look them up; one that could not tell counts as absent.
  const found = seen !== null && 'unknowable' in seen ? null : seen;
  if (found === null) return null;
  await run.lifecycle.partPosted(run.postId, run.targetId, part, found, 'posted');
  const url = run.network.publish.url(run.account, found);
  await run.lifecycle.published(run.postId, run.targetId, found.id, url);
  run.log('published by the network', { remoteId: found.id });
  return { kind: 'published', remoteId: found.id, url };
}
