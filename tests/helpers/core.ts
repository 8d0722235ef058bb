// Builds a real core on a real SQLite file in a fresh folder, with a fake clock and a
// logger that records instead of writing files.
import type Database from 'better-sqlite3';
import { onTestFinished } from 'vitest';
import { createNodePorts } from '../../main/core/adapters/node-ports.ts';
import { createCore, type Core, type CoreOptions } from '../../main/core/create-core.ts';
import type { Logger, Ports } from '../../main/core/ports.ts';
import type { EventBus } from '../../main/core/events.ts';
import type { EventName, Events } from '../../shared/ipc/events.ts';
import type { Result } from '../../shared/result.ts';
import { tempDataDir } from './temp-dir.ts';

export interface FakeClock {
  now(): number;
  set(ms: number): void;
  advance(ms: number): void;
}

export function fakeClock(start = Date.UTC(2026, 10, 24, 9, 0)): FakeClock {
  let current = start;
  return {
    now: () => current,
    set: (ms) => {
      current = ms;
    },
    advance: (ms) => {
      current += ms;
    },
  };
}

export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  message: string;
  fields: Record<string, unknown> | undefined;
}

export function recordingLogger(): Logger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at = (level: LogEntry['level']) => (message: string, fields?: Record<string, unknown>) => {
    entries.push({ level, message, fields });
  };
  return { entries, info: at('info'), warn: at('warn'), error: at('error') };
}

export interface TestCore extends Core {
  dataDir: string;
  clock: FakeClock;
  logger: ReturnType<typeof recordingLogger>;
}

export async function makeCore(
  options: { dataDir?: string; ports?: Partial<Ports>; tuning?: CoreOptions['tuning'] } = {},
): Promise<TestCore> {
  const dataDir = options.dataDir ?? tempDataDir();
  const clock = fakeClock();
  const logger = recordingLogger();
  const ports = createNodePorts(dataDir, {
    clock,
    logger,
    localTimeZone: 'Europe/Berlin',
    ...options.ports,
  });
  const core = await createCore({
    dataDir,
    host: 'cli',
    ports,
    ...(options.tuning !== undefined && { tuning: options.tuning }),
  });
  onTestFinished(() => core.close());
  return { ...core, dataDir, clock, logger };
}

/** Every row of every user table, for "nothing changed" assertions. */
export function dumpDatabase(core: Core): Record<string, unknown[]> {
  return dumpSqlite(core.database.sqlite);
}

/** The same for any open connection (e.g. a read-only one to another process's file). */
export function dumpSqlite(sqlite: Database.Database): Record<string, unknown[]> {
  // Ordinary tables only: a full-text index's own tables (virtual and shadow) follow the
  // rows they index, and some of them have no rowid to order by.
  const tables = sqlite
    .prepare(
      "SELECT name, wr FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all() as { name: string; wr: number }[];
  return Object.fromEntries(
    tables.map(({ name, wr }) => [
      name,
      sqlite.prepare(`SELECT * FROM "${name}" ORDER BY ${wr ? 1 : 'rowid'}`).all(),
    ]),
  );
}

/**
 * The value of a successful call, typed from the contract by `core.invoke`; a failure
 * fails the test with the error's code and message.
 */
export function expectOk<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** A push event as a test records it; checking `event` narrows `payload`. */
export type SeenEvent = { [E in EventName]: { event: E; payload: Events[E] } }[EventName];

/** Records every push event of `events`, in order, into the returned array. */
export function recordEvents(events: Pick<EventBus, 'subscribe'>): SeenEvent[] {
  const seen: SeenEvent[] = [];
  events.subscribe((...[event, payload]) => {
    seen.push({ event, payload } as SeenEvent);
  });
  return seen;
}

/** The payloads of one event among those recorded, in the order they were pushed. */
export function payloadsOf<E extends EventName>(seen: readonly SeenEvent[], event: E): Events[E][] {
  return seen.flatMap((s) => (s.event === event ? [s.payload as Events[E]] : []));
}
