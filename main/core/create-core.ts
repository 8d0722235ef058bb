// The composition root of the core: opens the database, builds the services from the
// injected ports and returns the single dispatch every host uses.
import type { HostKind } from '../../shared/app.ts';
import { openDatabase } from './db/open-database.ts';
import { createEventBus } from './events.ts';
import { createDispatch, type Dispatch } from './ipc/dispatch.ts';
import { createHandlers } from './ipc/handlers.ts';
import type { Ports } from './ports.ts';
import { createClientsService } from './services/clients.ts';
import { createPreferencesService } from './services/preferences.ts';
import { appName, appVersion } from './version.ts';
import type { OpenDatabase } from './db/open-database.ts';
import type { EventBus } from './events.ts';

export interface CoreOptions {
  dataDir: string;
  host: HostKind;
  ports: Ports;
}

export interface Core {
  dispatch: Dispatch;
  events: EventBus;
  database: OpenDatabase;
  close(): Promise<void>;
}

export async function createCore({ dataDir, host, ports }: CoreOptions): Promise<Core> {
  const database = await openDatabase({
    dataDir,
    now: () => ports.clock.now(),
    logger: ports.logger,
  });
  const events = createEventBus();
  const handlers = createHandlers({
    info: { name: appName, version: appVersion, dataDir, migrations: database.applied },
    host,
    clients: createClientsService(database.db, ports),
    preferences: createPreferencesService(ports.preferences),
    events,
  });
  return {
    dispatch: createDispatch(handlers, ports.logger),
    events,
    database,
    // kysely's destroy() closes the better-sqlite3 handle it was given.
    close: () => database.db.destroy(),
  };
}
