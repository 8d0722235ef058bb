// Turns a publish outcome into the job's next state: done, cancelled or failed; waiting
// for a time; held for a reconnect; or tried again after backoff.
//
// [Note: outages] A passing failure (5xx, no answer, 429, a timeout) is retried with
// backoff for as long as the post may still go out, not for a fixed number of attempts: a
// network down for 45 minutes delays its posts, it does not fail them. The other posts of
// the account line up behind the one that is retrying (job-store.ts lineUpBehind, and
// [Note: one asks at a time] in retry-line.ts for those claimed beside it), so they go out
// in order once the network answers. When the client's grace window closes first, the
// missed-post sweep marks the post missed and names the failure it kept meeting. A thread
// part-way out, or a part that may already be on its network, is not swept (finishing or
// settling it matters more than its time); it fails after `retryLimitMs` instead, or is
// missed once a look-up finds it is not out ([Note: missed after a look-up]). Only
// permanent refusals fail at once.
import type { PublishOutcome, Publisher } from '../publishing/outcome.ts';
import type { NetworkStatus } from '../ports.ts';
import { lineUpGapMs, nextRunAt } from './backoff.ts';
import type { SchedulerTuning } from './engine.ts';
import type { ClaimedJob, JobStore } from './job-store.ts';
import { absentCode } from './job-marks.ts';

export interface SettleDeps {
  jobs: JobStore;
  publisher: Publisher;
  network: NetworkStatus;
  /** Names this process's leases. */
  owner: string;
  now: () => number;
  random: () => number;
  tuning: Pick<SchedulerTuning, 'heldRecheckMs' | 'backoff' | 'retryLimitMs'>;
  /** The network is gone: the engine holds due posts until it is back. */
  wentOffline: () => void;
}

export function createOutcomeSettler(deps: SettleDeps) {
  const { jobs, owner, now } = deps;

  /** Still failing after the retry limit: the target fails with the last reason. */
  async function giveUp(job: ClaimedJob, code: string, reason: string, attempts: number) {
    const hours = Math.round((now() - job.runAt) / 3_600_000);
    const message = `Gave up after ${String(attempts)} attempts over ${String(hours)} h: ${reason}`;
    await jobs.finish(job.id, owner, 'failed', now(), `${code}: ${message}`);
    await deps.publisher.giveUp(job.targetId, code, message);
  }

  return async function settle(job: ClaimedJob, outcome: PublishOutcome): Promise<void> {
    const t = now();
    /** Back to pending at `runAt` without spending an attempt. */
    const putBack = (runAt: number, lastError: string, mayBeOut?: boolean, held = false) =>
      jobs.requeue(job.id, owner, { runAt, spent: false, lastError, held, mayBeOut }, t);
    /**
     * The job is through with its network (it went out, was refused, or has nothing left
     * to send): the account's posts lined up behind it follow now, not a gap after it.
     * Only a job that backed off has any (lineUpBehind runs on a retry), so a post that
     * went out at its first try costs the hot path no query.
     */
    const releaseLine = () => (job.attempts > 0 ? jobs.wakeLinedUp(job, t) : undefined);
    switch (outcome.kind) {
      case 'published':
        await jobs.complete(job.id, owner);
        await releaseLine();
        return;
      case 'skipped':
        // A run that lost its job to another process ([Note: the lease before a send])
        // leaves the account's line to that process, which may still be retrying.
        if (await jobs.finish(job.id, owner, 'cancelled', t, outcome.reason)) await releaseLine();
        return;
      case 'missed':
        // No longer UNCONFIRMED, so the missed sweep takes it: the engine's sweep of this
        // job at once ([Note: missed after a look-up]). The sweep measures the window as
        // the publisher did, so it declines only a job whose window has since been widened
        // (or whose lease was lost): that one runs again and goes out within its window.
        await putBack(t + deps.tuning.heldRecheckMs, `${absentCode}: ${outcome.reason}`, false);
        await releaseLine();
        return;
      case 'failed':
        await jobs.finish(job.id, owner, 'failed', t, `${outcome.code}: ${outcome.message}`);
        await releaseLine();
        return;
      case 'wait':
        await jobs.wait(job.id, owner, outcome.at, t);
        return;
      case 'paced':
        await putBack(outcome.at, `RATE_LIMITED: ${outcome.reason}`, outcome.mayBeOut);
        return;
      case 'held':
        await putBack(
          t + deps.tuning.heldRecheckMs,
          `${outcome.code}: ${outcome.reason}`,
          outcome.mayBeOut,
          true,
        );
        return;
      case 'retry': {
        const lastError = `${outcome.code}: ${outcome.reason}`;
        const { mayBeOut } = outcome;
        if (outcome.at === null && !(await deps.network.isOnline())) {
          // Offline is nobody's fault: hold without spending the attempt.
          deps.wentOffline();
          // Still a retry: once the network is back, the account's later posts wait for it.
          await jobs.requeue(
            job.id,
            owner,
            { runAt: t, spent: false, lastError, held: false, backoff: true, mayBeOut },
            t,
          );
          return;
        }
        const attempts = job.attempts + 1;
        if (t - job.runAt >= deps.tuning.retryLimitMs) {
          await giveUp(job, outcome.code, outcome.reason, attempts);
          return;
        }
        const gapMs = lineUpGapMs(deps.tuning.backoff);
        const runAt = await jobs.placeInLine(
          job,
          nextRunAt(t, attempts, outcome.at, deps.random, deps.tuning.backoff),
          gapMs,
        );
        await jobs.requeue(
          job.id,
          owner,
          { runAt, spent: true, lastError, held: false, mayBeOut },
          t,
        );
        await jobs.lineUpBehind(job, runAt, gapMs, t, outcome.code);
        return;
      }
    }
  };
}
