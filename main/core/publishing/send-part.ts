// Sending a target's parts one at a time, through its network's PublishPort: a part
// already posted is skipped, a part whose last attempt may have gone through is looked
// for first, media are prepared, the part's key and a `part.sending` event are committed
// before the request leaves, and every failure becomes the target's next state.
import type {
  CallOutcome,
  PartContext,
  PlannedPart,
  PlatformAccount,
  PlatformModule,
  RemoteRef,
  Unknowable,
  UploadNote,
} from '../platforms/port.ts';
import type { PartHistory, PostLifecycle } from '../posts/lifecycle.ts';
import { LeaseLost, type PublishOutcome, type TargetErrorCode } from './outcome.ts';

/** One run of one target: what is known so far and where to write it. */
export interface TargetRun {
  postId: string;
  targetId: string;
  account: PlatformAccount;
  options: Record<string, unknown>;
  parts: PlannedPart[];
  network: PlatformModule;
  lifecycle: PostLifecycle;
  now: () => number;
  /** Remote refs of the parts posted so far, by part id; grows as parts go out. */
  posted: Map<string, RemoteRef>;
  history: Map<string, PartHistory>;
  attempt: number;
  log: (message: string, fields?: Record<string, unknown>) => void;
  /** The scheduler's PublishOptions.pastGrace, when a scheduler runs this. */
  pastGrace?: (() => Promise<boolean>) | undefined;
  /** The scheduler's PublishOptions.mayBeOut: its job may have been sending before. */
  resumed?: boolean | undefined;
  /** The scheduler's PublishOptions.stillOurs: asked before each send. */
  stillOurs?: (() => Promise<boolean>) | undefined;
}

/** Throws LeaseLost when the scheduler says this run no longer holds its job. */
export async function requireLease(run: Pick<TargetRun, 'stillOurs'>): Promise<void> {
  if (run.stillOurs !== undefined && !(await run.stillOurs())) throw new LeaseLost();
}

type Step = { done: true } | { stopWith: PublishOutcome };

const partName = (run: TargetRun, part: PlannedPart) =>
  run.parts.length > 1 ? `part ${String(part.position + 1)}` : 'the post';

/** The first part's id and link, once it is posted (kept on a failed thread for review). */
function firstPosted(run: TargetRun): { remoteId: string; url: string } | null {
  const first = run.parts[0] === undefined ? undefined : run.posted.get(run.parts[0].id);
  return first === undefined
    ? null
    : { remoteId: first.id, url: run.network.publish.url(run.account, first) };
}

export async function failTarget(
  run: TargetRun,
  code: TargetErrorCode,
  message: string,
): Promise<PublishOutcome> {
  await run.lifecycle.failed(run.postId, run.targetId, { code, message }, firstPosted(run));
  run.log('failed', { code, message });
  return { kind: 'failed', code, message };
}

/** Turns a failed call into the target's next state. `what` names what was refused. */
async function stop(
  run: TargetRun,
  outcome: CallOutcome,
  what: string,
  retryCode?: TargetErrorCode,
): Promise<PublishOutcome> {
  const label = run.network.label;
  switch (outcome.kind) {
    case 'retryable':
    case 'ambiguous': {
      const at = outcome.kind === 'retryable' ? outcome.retryAt : null;
      const code = retryCode ?? (at !== null ? 'RATE_LIMITED' : 'UNAVAILABLE');
      // What the post panel, the tray and a missed post say while it waits.
      const reason =
        code === 'RATE_LIMITED'
          ? `Waiting for ${label}'s rate limit to reset. ${outcome.reason}`
          : `Waiting for ${label} to recover. ${outcome.reason}`;
      await run.lifecycle.paused(run.postId, run.targetId, 'retry', {
        code,
        message: reason,
        retryAt: at,
      });
      run.log('will retry', { code, reason: outcome.reason, at });
      return { kind: 'retry', at, code, reason };
    }
    case 'auth': {
      if (outcome.reconnect) await run.lifecycle.accountNeedsReauth(run.account.id, outcome.reason);
      const reason = outcome.reconnect
        ? `${label} no longer accepts @${run.account.handle}'s sign-in: reconnect the account. (${outcome.reason})`
        : outcome.reason;
      await run.lifecycle.paused(run.postId, run.targetId, 'held', {
        code: 'AUTH_EXPIRED',
        message: reason,
      });
      run.log('held', { reason: outcome.reason });
      return { kind: 'held', code: 'AUTH_EXPIRED', reason };
    }
    case 'rejected':
      return failTarget(run, 'PLATFORM_REJECTED', `${label} refused ${what}: ${outcome.message}`);
    case 'duplicate':
      return failTarget(
        run,
        'DUPLICATE',
        `${label} refused ${what} as a duplicate of an earlier post, and no matching post was ` +
          `found since this one was first sent: ${outcome.message}`,
      );
  }
}

/** Sends every part not yet posted; null when all are, else how the run stopped. */
export async function sendParts(run: TargetRun): Promise<PublishOutcome | null> {
  let root: RemoteRef | null = null;
  let parent: RemoteRef | null = null;
  for (const part of run.parts) {
    const done = run.posted.get(part.id);
    if (done === undefined) {
      const earlier = run.history.get(part.id);
      // Grows as this attempt records more ([Note: upload notes]).
      const uploads = [...(earlier?.uploads ?? [])];
      const context: PartContext = {
        postId: run.postId,
        targetId: run.targetId,
        account: run.account,
        options: run.options,
        part,
        partCount: run.parts.length,
        root,
        parent,
        // Chosen once, before the first attempt, and reused by every retry.
        key: earlier?.key ?? run.network.publish.newKey?.() ?? null,
        uploads,
      };
      const step = await sendPart(run, context, earlier, uploads);
      if ('stopWith' in step) return step.stopWith;
    }
    const posted = run.posted.get(part.id);
    if (posted === undefined) return failTarget(run, 'INTERNAL', 'A part was not recorded.');
    root ??= posted;
    parent = posted;
  }
  return null;
}

/** Stops where only a person can tell whether the part went out ([Note: unknowable parts]). */
async function review(
  run: TargetRun,
  part: PlannedPart,
  unknown: Unknowable,
  why: string,
): Promise<PublishOutcome> {
  const { label } = run.network;
  const where = unknown.reviewUrl === null ? `on ${label}` : `at ${unknown.reviewUrl}`;
  const message =
    `${label} did not confirm ${partName(run, part)} (${why}), and ${unknown.reason} ` +
    `Look ${where}: if it is there, mark it as published; if not, retry to send it again.`;
  const code = 'UNCHECKABLE';
  await run.lifecycle.needsReview(
    run.postId,
    run.targetId,
    { code, message },
    firstPosted(run),
    unknown.reviewUrl,
  );
  run.log('needs review', { partId: part.id, reason: why });
  return { kind: 'failed', code, message };
}

/** Looks for the part on the network: found, surely absent, or how to stop. */
async function lookFor(
  run: TargetRun,
  context: PartContext,
  since: number,
  why: string,
): Promise<{ found: RemoteRef | null } | { stopWith: PublishOutcome }> {
  const { publish, label } = run.network;
  try {
    const exclude = new Set([...run.posted.values()].map((r) => r.id));
    const found = await publish.find(context, since, exclude);
    if (found !== null && 'unknowable' in found) {
      return { stopWith: await review(run, context.part, found, why) };
    }
    return { found };
  } catch (error) {
    const outcome = publish.classify(error, run.now());
    const name = partName(run, context.part);
    // Unable to check: never send blind. The next run looks again first.
    const unchecked: CallOutcome =
      outcome.kind === 'rejected' || outcome.kind === 'duplicate'
        ? {
            kind: 'retryable',
            reason: `Could not check ${label} for ${name}: ${outcome.message}`,
            retryAt: null,
          }
        : outcome;
    // The part may be out: UNCONFIRMED keeps it from being swept as missed meanwhile.
    return { stopWith: await stop(run, unchecked, name, 'UNCONFIRMED') };
  }
}

async function adopt(run: TargetRun, part: PlannedPart, remote: RemoteRef): Promise<Step> {
  await run.lifecycle.partPosted(run.postId, run.targetId, part, remote, 'reconciled');
  run.posted.set(part.id, remote);
  run.log('reconciled', { partId: part.id, remoteId: remote.id });
  return { done: true };
}

/** Nothing of the target is out and the scheduler says its grace window has closed. */
async function tooLate(run: TargetRun): Promise<boolean> {
  return run.posted.size === 0 && (await run.pastGrace?.()) === true;
}

/** Stops a post past its grace window unsent, for the scheduler to mark missed. */
async function missed(run: TargetRun, part: PlannedPart, reason: string): Promise<Step> {
  run.log('missed, not sent late', { partId: part.id });
  // No longer publishing nor unconfirmed, whatever becomes of the job.
  await run.lifecycle.paused(run.postId, run.targetId, 'not-sent', {
    code: 'UNAVAILABLE',
    message: reason,
  });
  return { stopWith: { kind: 'missed', reason } };
}

/** One part: look first if an earlier attempt is unresolved, then prepare media and send. */
async function sendPart(
  run: TargetRun,
  context: PartContext,
  earlier: PartHistory | undefined,
  uploads: UploadNote[],
): Promise<Step> {
  const { part } = context;
  const { publish, label } = run.network;
  const name = partName(run, part);
  if (earlier?.unresolved === true) {
    const look = await lookFor(
      run,
      context,
      earlier.firstSentAt,
      'an earlier attempt may have reached it without an answer',
    );
    if ('stopWith' in look) return look;
    if (look.found !== null) return adopt(run, part, look.found);
    // [Note: missed after a look-up] Not there, and nothing of it is out: past its grace
    // window it is missed, as it would have been had it never been sent, not sent late.
    if (await tooLate(run)) {
      const why = `${label} did not have ${name} when it could be checked again`;
      return missed(run, part, `${why}, after its grace window had closed; it was not sent late.`);
    }
  } else if (run.resumed === true && (await tooLate(run))) {
    // Its process stopped before the send (or the scheduler's mark outlived an answer):
    // nothing to look up, and a post never sent is missed past its window, as the sweep
    // would have missed it had its lease not kept it from the sweep.
    const why = `Starling stopped before ${name} was sent, and its grace window had closed by the time it could be`;
    return missed(run, part, `${why}; it was not sent late.`);
  }

  let mayReupload = true;
  for (;;) {
    let media: unknown;
    try {
      media = await publish.prepareMedia(context, async (note) => {
        await run.lifecycle.mediaUploaded(run.postId, run.targetId, { partId: part.id, ...note });
        uploads.push(note);
      });
    } catch (error) {
      const outcome = publish.classify(error, run.now());
      // An upload that may have gone through is simply uploaded again.
      const safe: CallOutcome =
        outcome.kind === 'ambiguous'
          ? { kind: 'retryable', reason: outcome.reason, retryAt: null }
          : outcome;
      return { stopWith: await stop(run, safe, `the media of ${name}`) };
    }

    await requireLease(run);
    await run.lifecycle.sending(run.postId, run.targetId, part, context.key);
    const sentAt = run.now();
    try {
      const remote = await publish.send(context, media);
      await run.lifecycle.partPosted(run.postId, run.targetId, part, remote, 'posted');
      run.posted.set(part.id, remote);
      run.log('part posted', { partId: part.id, remoteId: remote.id });
      return { done: true };
    } catch (error) {
      const outcome = publish.classify(error, run.now());
      const mayBePosted = outcome.kind === 'ambiguous' || outcome.kind === 'duplicate';
      await run.lifecycle.partFailed(run.postId, run.targetId, part.id, {
        outcome: outcome.kind,
        ambiguous: mayBePosted,
        reason:
          outcome.kind === 'rejected' || outcome.kind === 'duplicate'
            ? outcome.message
            : outcome.reason,
      });
      if (
        outcome.kind === 'rejected' &&
        outcome.mediaInvalid &&
        part.media.length > 0 &&
        mayReupload &&
        publish.forgetMedia !== undefined
      ) {
        // The network forgot the uploads (X's media ids expire after a day): upload again, once.
        mayReupload = false;
        await publish.forgetMedia(run.account, part.media);
        run.log('media ids refused, uploading again', { partId: part.id });
        continue;
      }
      if (!mayBePosted) return { stopWith: await stop(run, outcome, name) };
      const look = await lookFor(
        run,
        context,
        Math.min(sentAt, earlier?.firstSentAt ?? sentAt),
        outcome.kind === 'duplicate' ? outcome.message : outcome.reason,
      );
      if ('stopWith' in look) return look;
      if (look.found !== null) return adopt(run, part, look.found);
      if (outcome.kind === 'duplicate') return { stopWith: await stop(run, outcome, name) };
      return {
        stopWith: await stop(
          run,
          {
            kind: 'retryable',
            reason: `${label} did not confirm ${name} and it is not on the account yet: ${outcome.reason}`,
            retryAt: null,
          },
          name,
          'UNCONFIRMED',
        ),
      };
    }
  }
}
