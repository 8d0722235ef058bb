// Turns a publish outcome into the job's next state: done, cancelled or failed; waiting
// for a time; held for a reconnect; or tried again after backoff, which spends an attempt
// unless the machine is offline, and past the last attempt fails the target.
import type { PublishOutcome, Publisher } from '../publishing/outcome.ts';
import type { NetworkStatus } from '../ports.ts';
import { nextRunAt } from './backoff.ts';
import type { SchedulerTuning } from './engine.ts';
import type { ClaimedJob, JobStore } from './job-store.ts';

export interface SettleDeps {
  jobs: JobStore;
  publisher: Publisher;
  network: NetworkStatus;
  /** Names this process's leases. */
  owner: string;
  now: () => number;
  random: () => number;
  tuning: Pick<SchedulerTuning, 'heldRecheckMs' | 'backoff'>;
  /** The network is gone: the engine holds due posts until it is back. */
  wentOffline: () => void;
}

export function createOutcomeSettler(deps: SettleDeps) {
  const { jobs, owner, now } = deps;

  /** The last attempt failed: the target fails with the last reason, through the publisher. */
  async function giveUp(job: ClaimedJob, code: string, reason: string, attempts: number) {
    const message = `Gave up after ${String(attempts)} attempts: ${reason}`;
    await jobs.finish(job.id, owner, 'failed', now(), `${code}: ${message}`);
    await deps.publisher.giveUp(job.targetId, code, message);
  }

  return async function settle(job: ClaimedJob, outcome: PublishOutcome): Promise<void> {
    const t = now();
    switch (outcome.kind) {
      case 'published':
        await jobs.finish(job.id, owner, 'done', t);
        return;
      case 'skipped':
        await jobs.finish(job.id, owner, 'cancelled', t, outcome.reason);
        return;
      case 'failed':
        await jobs.finish(job.id, owner, 'failed', t, `${outcome.code}: ${outcome.message}`);
        return;
      case 'wait':
        await jobs.wait(job.id, owner, outcome.at, t);
        return;
      case 'held':
        await jobs.requeue(
          job.id,
          owner,
          {
            runAt: t + deps.tuning.heldRecheckMs,
            spent: false,
            lastError: `${outcome.code}: ${outcome.reason}`,
            held: true,
          },
          t,
        );
        return;
      case 'retry': {
        const lastError = `${outcome.code}: ${outcome.reason}`;
        if (outcome.at === null && !(await deps.network.isOnline())) {
          // Offline is nobody's fault: hold without spending the attempt.
          deps.wentOffline();
          await jobs.requeue(job.id, owner, { runAt: t, spent: false, lastError, held: false }, t);
          return;
        }
        const attempts = job.attempts + 1;
        if (attempts >= job.maxAttempts) {
          await giveUp(job, outcome.code, outcome.reason, attempts);
          return;
        }
        await jobs.requeue(
          job.id,
          owner,
          {
            runAt: nextRunAt(t, attempts, outcome.at, deps.random, deps.tuning.backoff),
            spent: true,
            lastError,
            held: false,
          },
          t,
        );
        return;
      }
    }
  };
}
