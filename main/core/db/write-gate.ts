// [Note: held writes] Work on a second connection to the database (the CSV import's worker
// thread) may hold SQLite's write lock for seconds inside one transaction. A write on the
// core's own connection meanwhile would wait in SQLite's busy handler, which sleeps on the
// thread that serves the UI (up to busy_timeout, 5 s, then fails with SQLITE_BUSY). While
// such work holds this gate, the core's writes wait for it asynchronously instead (the
// dialect asks it before each write outside a transaction and before each BEGIN), and
// reads go on: WAL readers never wait for a writer.

export interface WriteGate {
  /** Resolves once no work holds the gate (at once when none does). */
  ready(): Promise<void>;
  /** Whether some work holds the gate now. */
  held(): boolean;
  /** Holds the gate until the returned function is called (once; later calls do nothing). */
  hold(): () => void;
}

export function createWriteGate(): WriteGate {
  let holders = 0;
  let opened: (() => void) | null = null;
  let closed: Promise<void> | null = null;
  return {
    ready: () => closed ?? Promise.resolve(),
    held: () => holders > 0,
    hold() {
      holders += 1;
      closed ??= new Promise<void>((resolve) => {
        opened = resolve;
      });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        holders -= 1;
        if (holders > 0) return;
        const open = opened;
        closed = null;
        opened = null;
        open?.();
      };
    },
  };
}
