// Long work on the command line: the same progress events the app draws as a bar, shown
// as one line on stderr redrawn in place, only on a terminal and never with --json (so
// stdout stays one document and logs stay clean). Ctrl+C asks the operation to stop where
// that is safe; a second Ctrl+C leaves at once.
import { randomUUID } from 'node:crypto';
import {
  progressCount,
  progressLabel,
  progressPercent,
  type OperationProgress,
} from '../../shared/progress.ts';
import {
  upgradePercent,
  upgradePhaseText,
  type UpgradeProgress,
} from '../../shared/upgrade-progress.ts';
import type { EventBus } from '../core/events.ts';
import type { Operations } from '../core/progress/operations.ts';

/** The part of a stream the progress line needs (process.stderr in use). */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

const barWidth = 20;

/**
 * One line for a terminal `columns` wide: "Importing posts: writing [#####-----] 1,204 of
 * 5,000 rows 24%". The bar is dropped on a narrow terminal, and the line is cut to fit
 * (a wrapped line cannot be redrawn with \r).
 */
export function progressLine(p: OperationProgress, columns = 80): string {
  const label = progressLabel(p);
  if (p.phase === 'starting') return label;
  const percent = progressPercent(p);
  const tail = `${progressCount(p, 'en-US')}${percent === null ? '' : `  ${String(percent)}%`}`;
  const bar = textBar(percent);
  const hint = p.cancellable ? '  (Ctrl+C to cancel)' : '';
  const width = Math.max(20, columns - 1);
  // What is left out first as the terminal narrows: the hint, then the bar.
  const fits = [
    `${label}  ${bar}  ${tail}${hint}`,
    `${label}  ${bar}  ${tail}`,
    `${label}  ${tail}`,
  ];
  const line = fits.find((l) => l.length <= width);
  if (line !== undefined) return line;
  const last = fits[fits.length - 1] ?? label;
  return `${last.slice(0, width - 1)}…`;
}

/** `[#####---------------]` for a percent; empty when it is not known. */
function textBar(percent: number | null): string {
  const filled = percent === null ? 0 : Math.round((percent / 100) * barWidth);
  return `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]`;
}

/**
 * What an upgrade of the database does while a command opens it ([Note: upgrade
 * progress]), on stderr: a line for each step, even with --json or into a log (an upgrade
 * takes minutes and says nothing otherwise; stdout stays one document), and on a terminal
 * the share done redrawn in place. `end` finishes the last line once the core is open.
 */
export function upgradeProgressLines(stream: ProgressStream = process.stderr) {
  let shown: string | null = null;
  let inPlace = false;
  return {
    show(p: UpgradeProgress): void {
      const text = upgradePhaseText(p);
      const percent = upgradePercent(p);
      if (shown === null) {
        stream.write(
          'Upgrading your Starling data before going on. This may take several minutes for a big archive; do not stop it meanwhile.\n',
        );
      }
      if (stream.isTTY === true) {
        if (text !== shown && inPlace) stream.write('\n');
        const tail = percent === null ? '' : `  ${textBar(percent)}  ${String(percent)}%`;
        stream.write(`\r\u001b[2K${text}${tail}`);
        inPlace = true;
      } else if (text !== shown) {
        stream.write(`${text}\n`);
      }
      shown = text;
    },
    end(): void {
      if (inPlace) stream.write('\n');
      inPlace = false;
    },
  };
}

/** Draws progress on `stream`, or null when nothing may be drawn (--json, not a terminal). */
export function terminalProgress(stream: ProgressStream, json: boolean) {
  if (json || stream.isTTY !== true) return null;
  let drawn = false;
  return {
    show(p: OperationProgress): void {
      // A terminal that does not say its width (0) gets the usual 80.
      const columns = stream.columns !== undefined && stream.columns > 0 ? stream.columns : 80;
      stream.write(`\r\u001b[2K${progressLine(p, columns)}`);
      drawn = true;
    },
    /** Removes the line, so what the command prints next starts on a clean line. */
    clear(): void {
      if (drawn) stream.write('\r\u001b[2K');
      drawn = false;
    },
  };
}

export interface ProgressCore {
  events: EventBus;
  operations: Operations;
}

/**
 * Runs `work` under a fresh operation id: its progress is drawn (where allowed), and
 * Ctrl+C cancels it while it is cancellable. `work` passes the id to the core.
 */
export async function withProgress<T>(
  core: ProgressCore,
  options: { json: boolean; stream?: ProgressStream; signals?: NodeJS.EventEmitter },
  work: (operation: string) => Promise<T>,
): Promise<T> {
  const operation = randomUUID();
  const stream = options.stream ?? process.stderr;
  const signals = options.signals ?? process;
  const line = terminalProgress(stream, options.json);
  const unsubscribe = core.events.on('operation:progressed', (p) => {
    if (p.operation !== operation || line === null) return;
    if (p.state === 'running') line.show(p);
    else line.clear();
  });
  let interrupts = 0;
  const onInterrupt = () => {
    interrupts += 1;
    if (interrupts > 1) {
      line?.clear();
      process.exit(130);
    }
    let stopping = false;
    try {
      stopping = core.operations.cancel(operation).cancelled;
    } catch {
      // Not running (yet, or any more): the command ends on its own.
    }
    line?.clear();
    stream.write(
      stopping
        ? 'Cancelling… (Ctrl+C again to quit at once)\n'
        : 'This step can no longer be stopped safely; it finishes first. (Ctrl+C again to quit at once)\n',
    );
  };
  signals.on('SIGINT', onInterrupt);
  try {
    return await work(operation);
  } finally {
    signals.off('SIGINT', onInterrupt);
    unsubscribe();
    line?.clear();
  }
}
