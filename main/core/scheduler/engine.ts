// The publishing engine: claims due jobs under a lease, runs them through the publisher a
// few at a time, and turns each outcome into the job's next state (settle-outcome.ts),
// passing on the post events this commits (post-relay.ts). Due times live in the
// database; one timer wakes the engine for the next due job, never later than `tickMs`,
// because timers stop during system sleep while the wall clock runs on.
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import type { EventBus } from '../events.ts';
import type { Publisher } from '../publishing/outcome.ts';
import type { Clock, KeyValueStore, Logger, NetworkStatus, Timers } from '../ports.ts';
import type { PostSummary, SchedulerState } from '../../../shared/posts.ts';
import { defaultBackoff, lineUpGapMs, nextRunAt, type BackoffPolicy } from './backoff.ts';
import { createJobStore, type ClaimedJob } from './job-store.ts';
import { graceOf, lateNoticeMs, recordLate, sweepMissed } from './missed-policy.ts';
import type { SchedulerEvent } from './missed-policy.ts';
import { createPostRelay } from './post-relay.ts';
import { createOutcomeSettler } from './settle-outcome.ts';
import { createRetryLine } from './retry-line.ts';
import { createApprovalGate } from './approval-gate.ts';
import { findSummaries } from '../services/posts-read.ts';

export interface SchedulerTuning {
  /** The longest the engine sleeps between wall-clock checks (default 15 s). */
  tickMs: number;
  /** How long a claim is good for without renewal (default 2 min). */
  leaseMs: number;
  /** How often a running job's lease is renewed (default 30 s). */
  renewMs: number;
  /** How often a job held for a reconnect is tried again anyway (default 5 min). */
  heldRecheckMs: number;
  /** How often the network is probed while offline (default 5 s). */
  offlineRecheckMs: number;
  /**
   * Jobs published at once (default 32). Each spends most of its time waiting for its
   * network and for the disk; at 8, 5,000 posts due in a minute across 40 accounts fell
   * behind (bench punctuality-5000).
   */
  concurrency: number;
  backoff: BackoffPolicy;
  /**
   * How long a post that keeps meeting passing failures is tried before it fails (default
   * 24 h). Most never get there: the missed-post sweep ends them when the client's grace
   * window closes. What the sweep leaves alone (a thread part-way out, a part that may be
   * on its network) is ended here. See [Note: outages] in settle-outcome.ts.
   */
  retryLimitMs: number;
}

/** How often the whole-queue sweeps run while a burst drains. */
const drainSweepMs = 1_000;

export const defaultTuning: SchedulerTuning = {
  tickMs: 15_000,
  leaseMs: 120_000,
  renewMs: 30_000,
  heldRecheckMs: 5 * 60_000,
  offlineRecheckMs: 5_000,
  concurrency: 32,
  backoff: defaultBackoff,
  retryLimitMs: 24 * 60 * 60_000,
};

export interface SchedulerDeps {
  db: Kysely<Schema>;
  publisher: Publisher;
  events: EventBus;
  clock: Clock;
  logger: Logger;
  timers: Timers;
  network: NetworkStatus;
  /** Names this process's leases. */
  owner: string;
  /** Where Pause publishing is remembered, so a paused app stays paused after a restart. */
  store?: KeyValueStore;
  random?: () => number;
  tuning?: Partial<SchedulerTuning>;
}

export interface SchedulerStatus {
  state: SchedulerState;
  paused: boolean;
  started: boolean;
  offline: boolean;
  inFlight: number;
  /** Jobs waiting for their account to be reconnected, or for their client's approval. */
  held: number;
}

export interface Scheduler {
  /** Starts claiming: checks at once, then on its timer. */
  start(): Promise<void>;
  /**
   * Stops claiming and waits up to `deadlineMs` (default 20 s) for jobs in flight; the
   * leases of those still running are released so another process can take them.
   */
  stop(options?: { deadlineMs?: number }): Promise<{ finished: number; released: number }>;
  /** Checks the clock now (start, resume from sleep, unlock) and publishes what is due. */
  checkNow(): Promise<void>;
  pause(): void;
  resume(): void;
  state(): SchedulerStatus;
  /** The next posts due, soonest first. */
  upcoming(limit?: number): Promise<PostSummary[]>;
  /** Every post event committed while publishing (the publisher's and the engine's). */
  onPostEvent(listener: (event: SchedulerEvent) => void): () => void;
  /** For the publisher's onEvent: relays its committed events. */
  notePublishEvent(event: SchedulerEvent): void;
}

export function createScheduler(deps: SchedulerDeps): Scheduler {
  const tuning = { ...defaultTuning, ...deps.tuning };
  const { db, clock, logger, timers } = deps;
  const random = deps.random ?? Math.random;
  const now = () => clock.now();
  const jobs = createJobStore(db);
  const inFlight = new Map<string, Promise<void>>();
  let started = false;
  let stopping = false;
  const pausedKey = 'scheduler.paused';
  let paused = deps.store?.get(pausedKey) === true;
  let offline = false;
  let held = 0;
  // While a burst drains (each pass fills every free slot), the sweeps that scan all
  // pending jobs run once a second, not once per handful of posts: at thousands due
  // together they, not the networks, would set the pace. Grace windows are minutes long.
  let draining = false;
  let lastSweep = Number.NEGATIVE_INFINITY;
  let timer: unknown = null;
  let loop: Promise<void> | null = null;
  let requested = false;
  let lastEmitted = '';
  let unsubscribe: (() => void) | null = null;

  const postEvents = createPostRelay({ db, events: deps.events, logger });
  const relay = postEvents.relay;
  const holdUnapproved = createApprovalGate({
    db,
    jobs,
    owner: deps.owner,
    now,
    recheckMs: tuning.heldRecheckMs,
    relay,
  });
  const claimReady = createRetryLine({
    db,
    owner: deps.owner,
    gapMs: lineUpGapMs(tuning.backoff),
  });
  const settle = createOutcomeSettler({
    jobs,
    publisher: deps.publisher,
    network: deps.network,
    owner: deps.owner,
    now,
    random,
    tuning,
    wentOffline: () => {
      if (!offline) logger.info('scheduler: offline, holding due posts');
      offline = true;
    },
  });

  function status(): SchedulerStatus {
    const state: SchedulerState =
      inFlight.size > 0 ? 'publishing' : offline || held > 0 ? 'attention' : 'idle';
    return { state, paused, started, offline, inFlight: inFlight.size, held };
  }

  function emitState() {
    const { state } = status();
    const key = `${state}/${String(paused)}`;
    if (key === lastEmitted) return;
    lastEmitted = key;
    deps.events.emit('scheduler:state-changed', { state, paused });
  }

  function arm(delay: number) {
    if (timer !== null) timers.clear(timer);
    timer = null;
    if (!started || stopping) return;
    timer = timers.set(
      () => {
        timer = null;
        void requestCheck();
      },
      Math.max(0, Math.min(delay, tuning.tickMs)),
    );
  }

  function requestCheck(): Promise<void> {
    requested = true;
    loop ??= runLoop().finally(() => {
      loop = null;
    });
    return loop;
  }

  async function runLoop() {
    let delay = tuning.tickMs;
    while (requested && started && !stopping) {
      requested = false;
      try {
        delay = await pass();
      } catch (error) {
        // A busy database or a disk error: the next tick tries again.
        logger.error('scheduler: check failed', { error: String(error) });
        delay = tuning.tickMs;
      }
    }
    arm(delay);
  }

  /** One look at the clock; answers how long to sleep before the next. */
  async function pass(): Promise<number> {
    if (paused) return tuning.tickMs;
    const t = now();
    const sweep = !draining || t - lastSweep >= drainSweepMs;
    if (sweep) {
      lastSweep = t;
      for (const event of await sweepMissed(db, t)) relay(event);
      await jobs.wakeReconnected(t);
    }
    if (offline) {
      if (!(await deps.network.isOnline())) {
        emitState();
        return tuning.offlineRecheckMs;
      }
      offline = false;
      logger.info('scheduler: the network is back');
    }
    const room = tuning.concurrency - inFlight.size;
    // Full: each job that ends asks for the next check.
    if (room <= 0) return tuning.tickMs;
    // Never beside or ahead of a retry of the same account ([Note: one asks at a time]).
    // Nor beside itself: a lease lapsed in sleep stays with its send ([Note: job leases]).
    const { claimed, ready } = await claimReady(t, t + tuning.leaseMs, room, [...inFlight.keys()]);
    for (const job of ready) {
      const run = runJob(job).finally(() => {
        inFlight.delete(job.id);
        emitState();
        if (started && !stopping) void requestCheck();
      });
      inFlight.set(job.id, run);
    }
    draining = claimed === room;
    if (sweep) held = await jobs.countHeld();
    emitState();
    if (draining) return 0;
    // Our own lapsed leases wait for their renewal, not for a check every 50 ms.
    const next = await jobs.nextWake([...inFlight.keys()]);
    return next === null ? tuning.tickMs : Math.max(next - now(), 0) || 50;
  }

  async function runJob(job: ClaimedJob) {
    let renewal: unknown = null;
    const renewNow = jobs.keeper(job.id, deps.owner, tuning.leaseMs, now);
    const renew = () => {
      renewal = timers.set(() => {
        void renewNow().then(
          (kept) => {
            if (!kept) logger.warn('scheduler: lost the lease of a running job', { jobId: job.id });
            if (inFlight.has(job.id)) renew();
          },
          (error: unknown) => {
            logger.warn('scheduler: lease renewal failed', { error: String(error) });
            if (inFlight.has(job.id)) renew();
          },
        );
      }, tuning.renewMs);
    };
    renew();
    try {
      // Never past the publisher while the post needs an approval it lacks.
      if (await holdUnapproved(job)) return;
      const lateBy = now() - job.runAt;
      if (job.attempts === 0 && lateBy > lateNoticeMs) {
        const event = await recordLate(db, job.targetId, job.runAt, now());
        if (event !== null) relay(event);
      }
      const options = { ...graceOf(db, job, now), stillOurs: renewNow };
      const outcome = await deps.publisher.publishTarget(job.targetId, options);
      await settle(job, outcome);
      if (outcome.kind === 'missed')
        for (const e of await sweepMissed(db, now(), [job.id])) relay(e);
    } catch (error) {
      logger.error('scheduler: a job failed unexpectedly', { jobId: job.id, error: String(error) });
      const t = now();
      await jobs
        .requeue(
          job.id,
          deps.owner,
          {
            runAt: nextRunAt(t, job.attempts + 1, null, random, tuning.backoff),
            spent: false,
            lastError: `INTERNAL: ${String(error)}`,
            held: false,
          },
          t,
        )
        .catch(() => undefined);
    } finally {
      if (renewal !== null) timers.clear(renewal);
    }
  }

  async function drain() {
    while (loop !== null || inFlight.size > 0) {
      await loop;
      await Promise.all(inFlight.values());
    }
  }

  return {
    async start() {
      if (started) return;
      started = true;
      stopping = false;
      unsubscribe = deps.events.subscribe((name, payload) => {
        // A post scheduled, rescheduled or retried in this process: look at once.
        if (name === 'post:saved' && !postEvents.relaying()) void requestCheck();
        if (name !== 'account:connected' && name !== 'account:saved') return;
        const { account } = payload;
        if (account.status !== 'active') return;
        void jobs.wakeHeld(account.id, now()).then((woken) => {
          if (woken > 0) void requestCheck();
        });
      });
      emitState();
      await requestCheck();
    },

    async stop(options = {}) {
      if (!started) return { finished: 0, released: 0 };
      stopping = true;
      unsubscribe?.();
      if (timer !== null) timers.clear(timer);
      timer = null;
      await loop;
      const running = [...inFlight.keys()];
      let deadline: unknown = null;
      const timedOut = await Promise.race([
        Promise.all(inFlight.values()).then(() => false),
        new Promise<boolean>((resolve) => {
          deadline = timers.set(() => {
            resolve(true);
          }, options.deadlineMs ?? 20_000);
        }),
      ]);
      timers.clear(deadline);
      const left = timedOut ? [...inFlight.keys()] : [];
      await jobs.release(left, deps.owner, now(), true);
      started = false;
      emitState();
      return { finished: running.length - left.length, released: left.length };
    },

    async checkNow() {
      if (!started || stopping) return;
      await requestCheck();
      await drain();
    },

    pause() {
      paused = true;
      deps.store?.set(pausedKey, true);
      emitState();
    },

    resume() {
      paused = false;
      deps.store?.set(pausedKey, false);
      emitState();
      void requestCheck();
    },

    state: status,

    async upcoming(limit = 5) {
      const rows = await db
        .selectFrom('publish_jobs as j')
        .innerJoin('post_targets as t', 't.id', 'j.target_id')
        .innerJoin('posts as p', 'p.seq', 't.post_seq')
        .select(['p.id as post_id', (eb) => eb.fn.min('j.run_at').as('due')])
        .where('j.status', '=', 'pending')
        .where('j.kind', '=', 'publish')
        .groupBy('t.post_seq')
        .orderBy('due')
        .limit(limit)
        .execute();
      return findSummaries(
        db,
        rows.map((r) => r.post_id),
      );
    },

    onPostEvent: postEvents.onPostEvent,

    notePublishEvent: relay,
  };
}
