// The composition root of the core: opens the database, builds the services from the
// injected ports and returns the single dispatch every host uses.
import type { HostKind } from '../../shared/app.ts';
import type { RestoreSummary } from '../../shared/data.ts';
import type { Channel, ChannelInput, ChannelOutput, Invoke } from '../../shared/ipc/contract.ts';
import { AppFailure, fail, type Result } from '../../shared/result.ts';
import { openDatabase } from './db/open-database.ts';
import { reconcileRestore } from './data/restore-reconcile.ts';
import { loadSummary } from './services/posts-read.ts';
import type { UpgradeProgress } from '../../shared/upgrade-progress.ts';
import { createEventBus } from './events.ts';
import { createDispatch, type Dispatch } from './ipc/dispatch.ts';
import { createXClients } from './platforms/x/create-x-clients.ts';
import { createPlatforms, realSleep, type Platforms } from './platforms/registry.ts';
import { createTargetPublisher } from './publishing/publish-target.ts';
import { createUnpublisher } from './publishing/unpublish.ts';
import { createRefreshGate } from './vault/refresh-gate.ts';
import { createRevocations, type Revocations } from './services/revocations.ts';
import type { XClients } from './platforms/x/x-clients.ts';
import type { Clock, Ports } from './ports.ts';
import { createAccountsService } from './services/accounts.ts';
import { createConnectFlows } from './services/accounts-connect.ts';
import { createPostsService } from './services/posts.ts';
import { createPreferencesService } from './services/preferences.ts';
import { createMediaLibrary, type MediaLibrary } from './media/library.ts';
import { createLocalFiles, type LocalFiles } from './data/local-files.ts';
import { createScheduler, type Scheduler, type SchedulerTuning } from './scheduler/engine.ts';
import { createNetworkProbe } from './scheduler/network-probe.ts';
import { realTimers } from './scheduler/timers.ts';
import { createCredentialStore } from './vault/credential-store.ts';
import { appName, appVersion } from './version.ts';
import type { OpenDatabase } from './db/open-database.ts';
import type { EventBus } from './events.ts';
import { mergeHandlers, type CoreContext } from './feature.ts';
import type { Handlers } from './ipc/dispatch.ts';
import { createAccountsFeature } from './ipc/accounts-feature.ts';
import { createAnalyticsFeature } from './ipc/analytics-feature.ts';
import { createAppFeature } from './ipc/app-feature.ts';
import { createCalendarFeature } from './ipc/calendar-feature.ts';
import { createClientsFeature } from './ipc/clients-feature.ts';
import { createComposerFeature } from './ipc/composer-feature.ts';
import { createDataFeature } from './ipc/data-feature.ts';
import { createMediaFeature } from './ipc/media-feature.ts';
import { createPostsFeature } from './ipc/posts-feature.ts';
import { createProgressFeature } from './ipc/progress-feature.ts';
import { createReviewFeature } from './ipc/review-feature.ts';
import { createSearchFeature } from './ipc/search-feature.ts';
import { createVaultFeature } from './ipc/vault-feature.ts';
import { createOperations, type Operations } from './progress/operations.ts';
import { createRelayFeature } from './ipc/relay-feature.ts';
import { createMediaRelay, type MediaRelay } from './relay/media-relay.ts';

export interface CoreOptions {
  dataDir: string;
  host: HostKind;
  ports: Ports;
  /**
   * False for a one-off command that only reads: no full database check after start
   * ([Note: start-up check] in db/open-database.ts). Default true.
   */
  fullCheck?: boolean;
  /**
   * Told what an upgrade of the user's database is doing while the core opens
   * ([Note: upgrade progress]); the upgrade then runs on a worker thread so the host keeps
   * answering. Never called when nothing is to migrate.
   */
  onUpgradeProgress?: (progress: UpgradeProgress) => void;
  /** Shorter waits for tests; production uses the defaults. */
  tuning?: {
    /** Per-request timeout of every X call (default 30 s). */
    xRequestTimeoutMs?: number;
    /** How long a connect flow waits for the browser (default 10 min). */
    connectFlowTimeoutMs?: number;
    /** Waits between media-processing checks; tests pass one that moves a fake clock. */
    sleep?: (ms: number) => Promise<void>;
    scheduler?: Partial<SchedulerTuning>;
    /**
     * The shortest gap between two progress events of one operation (default 100 ms).
     * Tests that cancel mid-way pass 0, so a fast disk cannot finish between two events.
     */
    progressIntervalMs?: number;
  };
}

export interface Core {
  /**
   * The untyped entry for input from outside (the preload's IPC, the browser host's
   * socket): anything may arrive, and it is validated against the contract.
   */
  dispatch: Dispatch;
  /** The same dispatch, typed from the contract: the CLI, tests and benches call this. */
  invoke: Invoke;
  /** Push events: `on(event, listener)` typed per event, `subscribe` for all of them. */
  events: EventBus;
  /**
   * The clock the core runs on. Hosts read "now" from it rather than the wall clock, so a
   * test's fake clock governs what they print and ask for as well.
   */
  clock: Clock;
  database: OpenDatabase;
  /** X API clients with fresh tokens, for X's connect flows. */
  xClients: XClients;
  /** Every network's module: publishing, metrics, revocation (platforms/registry.ts). */
  platforms: Platforms;
  /** The media library, for `posts schedule --media` (files named on the command line). */
  media: MediaLibrary;
  /** CSV import beside its media and client archives, for files named on the command line. */
  files: LocalFiles;
  /** The publishing engine; idle until a host starts it (the desktop app, `starling daemon`). */
  scheduler: Scheduler;
  /** Revocations of removed accounts' credentials still to be tried (services/revocations.ts). */
  revocations: Revocations;
  /** Long work's progress and cancels, for the CLI's progress line and Ctrl+C. */
  operations: Operations;
  /** The user's bucket for networks that fetch media from a URL (relay/media-relay.ts). */
  relay: MediaRelay;
  /**
   * Starts the scheduler and the features' background work (backups, metric sync): the
   * desktop app, `starling daemon` and `serve --publish` call it once.
   */
  startBackground(): Promise<void>;
  close(): Promise<void>;
}

export async function createCore(options: CoreOptions): Promise<Core> {
  const { dataDir, host, ports, tuning } = options;
  const database = await openDatabase({
    dataDir,
    fullCheck: options.fullCheck ?? true,
    now: () => ports.clock.now(),
    logger: ports.logger,
    ...(options.onUpgradeProgress !== undefined && {
      onProgress: options.onUpgradeProgress,
      upgradeOnWorker: true,
    }),
  });
  const events = createEventBus();
  const preferences = createPreferencesService(ports.preferences);
  const credentials = createCredentialStore(database.db, ports.cipher, ports.clock);
  const accounts = createAccountsService(database.db, ports, credentials);
  // This process's name in lease rows: the scheduler's job leases and token refreshes.
  const owner = `${host}:${String(process.pid)}:${ports.newId()}`;
  const refreshGate = createRefreshGate({
    db: database.db,
    clock: ports.clock,
    logger: ports.logger,
    owner,
  });
  const xClients = createXClients({
    route: ports.xRoute,
    credentials,
    refreshGate,
    accounts,
    events,
    clock: ports.clock,
    logger: ports.logger,
    ...(tuning?.xRequestTimeoutMs !== undefined && { timeoutMs: tuning.xRequestTimeoutMs }),
  });
  const relay = createMediaRelay({
    db: database.db,
    cipher: ports.cipher,
    clock: ports.clock,
    logger: ports.logger,
  });
  const platforms = createPlatforms({
    relay,
    db: database.db,
    credentials,
    refreshGate,
    cipher: ports.cipher,
    accounts,
    events,
    clock: ports.clock,
    logger: ports.logger,
    sleep: tuning?.sleep ?? realSleep,
    xClients,
    xRoute: ports.xRoute,
    savedXClientId: () => preferences.get().xClientId,
  });
  const revocations = createRevocations({
    db: database.db,
    cipher: ports.cipher,
    clock: ports.clock,
    logger: ports.logger,
    newId: ports.newId,
    platforms,
  });
  const connect = createConnectFlows({
    ports,
    accounts,
    events,
    revokeUnkept: (profile, credentials) => revocations.revokeUnkept(profile, credentials),
    ...(tuning?.connectFlowTimeoutMs !== undefined && { timeoutMs: tuning.connectFlowTimeoutMs }),
  });
  // The publisher reports its committed events to the scheduler, which pushes them on.
  const publisher = createTargetPublisher({
    db: database.db,
    platformFor: (platform) => platforms.get(platform),
    clock: ports.clock,
    logger: ports.logger,
    dataDir,
    onEvent: (event) => {
      scheduler.notePublishEvent(event);
    },
  });
  const scheduler: Scheduler = createScheduler({
    db: database.db,
    publisher,
    events,
    clock: ports.clock,
    logger: ports.logger,
    timers: ports.timers ?? realTimers,
    network:
      ports.network ??
      createNetworkProbe(platforms.all().flatMap((m) => (m.probe === undefined ? [] : [m.probe]))),
    owner,
    store: ports.preferences,
    ...(tuning?.scheduler !== undefined && { tuning: tuning.scheduler }),
  });
  const posts = createPostsService(database.db, ports, events);
  const unpublisher = createUnpublisher({
    db: database.db,
    platformFor: (platform) => platforms.get(platform),
    clock: ports.clock,
    logger: ports.logger,
    // Pushed on like the publisher's, as post:saved.
    onEvent: (event) => {
      scheduler.notePublishEvent(event);
    },
  });
  const operations = createOperations({
    events,
    newId: ports.newId,
    ...(tuning?.progressIntervalMs !== undefined && { minIntervalMs: tuning.progressIntervalMs }),
  });
  const context: CoreContext = {
    dataDir,
    database,
    ports,
    events,
    platforms,
    posts,
    unpublisher,
    scheduler,
    operations,
  };
  /** What this run's start did after a restore, for a window that opens later. */
  let restoredSummary: RestoreSummary | null = null;
  // Every feature, once. Background work starts in this order and stops in reverse.
  const features = [
    createAppFeature(context, {
      info: { name: appName, version: appVersion, dataDir, migrations: database.applied },
      host,
      restored: () => restoredSummary,
      dismissRestored: () => {
        const had = restoredSummary !== null;
        restoredSummary = null;
        return had;
      },
      preferences,
    }),
    createClientsFeature(context),
    createVaultFeature(context),
    createPostsFeature(context),
    createAccountsFeature({
      accounts,
      connect,
      platforms,
      revocations,
      events,
      ports,
      defaultPort: () => preferences.get().xCallbackPort,
    }),
    createCalendarFeature(context),
    createMediaFeature(context),
    createDataFeature(context),
    createAnalyticsFeature(context),
    createComposerFeature(context),
    createProgressFeature(context),
    createReviewFeature(context),
    createSearchFeature(context),
    createRelayFeature({ relay, clock: ports.clock, logger: ports.logger, timers: ports.timers }),
  ] as const;
  const handlers = mergeHandlers(features) satisfies Handlers;
  let backgroundStarted = false;
  const dispatch = afterVerified(database.verified, createDispatch(handlers, ports.logger));
  return {
    dispatch,
    invoke: typedInvoke(dispatch),
    events,
    clock: ports.clock,
    database,
    xClients,
    platforms,
    media: createMediaLibrary(database.db, dataDir, ports),
    revocations,
    files: createLocalFiles(context),
    scheduler,
    operations,
    relay,
    startBackground: async () => {
      if (backgroundStarted) return;
      // A damaged database found after start: nothing is published into it.
      await database.verified;
      // A restored backup learns what went out since it was taken before anything is sent.
      const restored = await reconcileRestore({
        db: database.db,
        dataDir,
        now: ports.clock.now(),
        logger: ports.logger,
      });
      for (const postId of restored?.posts ?? []) {
        events.emit('post:saved', { post: await loadSummary(database.db, postId) });
      }
      if (restored !== null) {
        restoredSummary = restored.summary;
        events.emit('data:restore-reconciled', { summary: restored.summary });
      }
      backgroundStarted = true;
      await scheduler.start();
      for (const feature of features) await feature.start?.();
    },
    close: async () => {
      for (const feature of [...features].reverse()) await feature.stop?.();
      await scheduler.stop();
      await connect.closeAll();
      platforms.close();
      ports.xRoute.agent.destroy();
      await database.stopChecking();
      // kysely's destroy() closes the better-sqlite3 handle it was given.
      await database.db.destroy();
    },
  };
}

/**
 * [Note: typed invoke] Dispatch answers each channel with that channel's output (the
 * handlers are checked against the contract under `satisfies Handlers`), so narrowing its
 * Result to the channel's output type here, once, is sound.
 */
function typedInvoke(dispatch: Dispatch): Invoke {
  return <C extends Channel>(channel: C, input: ChannelInput<C>) =>
    dispatch(channel, input) as Promise<Result<ChannelOutput<C>>>;
}

/**
 * A dispatch that answers at once while the database's full check runs in the background
 * ([Note: start-up check] in db/open-database.ts: writes wait for it at the write gate),
 * and once it found damage answers every call with DATABASE_CORRUPT and runs no handler
 * (a call still waiting to write gets that answer too).
 */
function afterVerified(verified: Promise<void>, dispatch: Dispatch): Dispatch {
  let failed: ReturnType<typeof fail> | null = null;
  const damaged = verified.then(
    () => new Promise<never>(() => undefined),
    (error: unknown) =>
      (failed =
        error instanceof AppFailure
          ? fail(error.error)
          : fail({ code: 'DATABASE_CORRUPT', message: String(error) })),
  );
  return async (channel, input) => failed ?? Promise.race([dispatch(channel, input), damaged]);
}
