// The CLI's progress line: its text, drawn only on a terminal and never with --json, one
// line redrawn with \r and cleared at the end; Ctrl+C cancels the running operation.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import {
  progressLine,
  terminalProgress,
  upgradeProgressLines,
  withProgress,
} from '../../main/cli/progress.ts';
import { createEventBus } from '../../main/core/events.ts';
import { createOperations } from '../../main/core/progress/operations.ts';
import type { OperationProgress } from '../../shared/progress.ts';
import type { UpgradeProgress } from '../../shared/upgrade-progress.ts';

const p = (over: Partial<OperationProgress> = {}): OperationProgress => ({
  operation: 'op',
  kind: 'csv-import',
  phase: 'writing',
  done: 1204,
  total: 5000,
  unit: 'rows',
  cancellable: true,
  state: 'running',
  ...over,
});

function fakeStream(isTTY: boolean, columns = 100) {
  const written: string[] = [];
  return { isTTY, columns, written, write: (text: string) => written.push(text) };
}

describe('progressLine', () => {
  it('shows the work, a bar, the count with its unit and the share', () => {
    expect(progressLine(p(), 100)).toBe(
      'Importing posts: writing  [#####---------------]  1,204 of 5,000 rows  24%  (Ctrl+C to cancel)',
    );
    // On 80 columns the hint goes first, the bar stays.
    expect(progressLine(p(), 80)).toBe(
      'Importing posts: writing  [#####---------------]  1,204 of 5,000 rows  24%',
    );
    expect(
      progressLine(
        p({
          kind: 'media-import',
          phase: 'copying',
          done: 3 * 1024 * 1024,
          total: 12 * 1024 * 1024,
          unit: 'bytes',
          cancellable: false,
        }),
        100,
      ),
    ).toBe('Importing media: copying  [#####---------------]  3.0 MB of 12.0 MB  25%');
    expect(
      progressLine(p({ kind: 'metric-sync', phase: 'reading', done: 1, total: 1, unit: 'posts' })),
    ).toContain('1 of 1 post  100%');
    expect(progressLine(p({ total: null, done: 37 }))).toContain('37 rows');
  });

  it('fits a narrow terminal on one line', () => {
    const line = progressLine(p(), 40);
    expect(line.length).toBeLessThanOrEqual(39);
    expect(line).not.toContain('[');
  });
});

describe('terminalProgress', () => {
  it('draws only on a terminal, and not with --json', () => {
    expect(terminalProgress(fakeStream(false), false)).toBeNull();
    expect(terminalProgress(fakeStream(true), true)).toBeNull();
    const stream = fakeStream(true);
    const line = terminalProgress(stream, false);
    line?.show(p({ done: 10 }));
    line?.show(p({ done: 20 }));
    line?.clear();
    expect(stream.written).toHaveLength(3);
    expect(stream.written.slice(0, 2).every((w) => w.startsWith('\r\u001b[2K'))).toBe(true);
    expect(stream.written.join('')).not.toContain('\n');
    expect(stream.written[2]).toBe('\r\u001b[2K');
  });
});

describe('withProgress', () => {
  function core() {
    const events = createEventBus();
    return { events, operations: createOperations({ events, newId: () => 'x', minIntervalMs: 0 }) };
  }

  it('draws the operation’s events on a terminal and leaves a clean line', async () => {
    const c = core();
    const stream = fakeStream(true);
    const value = await withProgress(
      c,
      { json: false, stream, signals: new EventEmitter() },
      (id) =>
        c.operations.run({ id, kind: 'backup', unit: 'bytes', cancelledMessage: '-' }, (op) => {
          op.report('copying', 1024 * 1024, 2 * 1024 * 1024);
          return Promise.resolve('ok');
        }),
    );
    expect(value).toBe('ok');
    const text = stream.written.join('');
    expect(text).toContain('Backing up: copying');
    expect(text).toContain('1.0 MB of 2.0 MB  50%');
    expect(stream.written.at(-1)).toBe('\r\u001b[2K');
  });

  it('prints nothing when stderr is not a terminal or with --json', async () => {
    for (const [isTTY, json] of [
      [false, false],
      [true, true],
    ] as const) {
      const c = core();
      const stream = fakeStream(isTTY);
      await withProgress(c, { json, stream, signals: new EventEmitter() }, (id) =>
        c.operations.run({ id, kind: 'backup', unit: 'bytes', cancelledMessage: '-' }, (op) => {
          op.report('copying', 1, 2);
          return Promise.resolve();
        }),
      );
      expect(stream.written).toEqual([]);
    }
  });

  it('cancels the operation on Ctrl+C and stops listening afterwards', async () => {
    const c = core();
    const signals = new EventEmitter();
    const stream = fakeStream(false);
    const running = withProgress(c, { json: false, stream, signals }, (id) =>
      c.operations.run(
        { id, kind: 'csv-import', unit: 'rows', cancelledMessage: 'Nothing was imported.' },
        async (op) => {
          op.report('writing', 1, 10);
          await new Promise<void>((resolve) => {
            op.signal.addEventListener('abort', () => {
              resolve();
            });
          });
          op.throwIfCancelled();
        },
      ),
    );
    await Promise.resolve();
    signals.emit('SIGINT');
    await expect(running).rejects.toMatchObject({ error: { code: 'CANCELLED' } });
    expect(stream.written.join('')).toContain('Cancelling…');
    expect(signals.listenerCount('SIGINT')).toBe(0);
  });
});

describe('upgradeProgressLines', () => {
  const backup = (fraction: number) =>
    ({ phase: 'backing-up', step: null, fraction }) satisfies UpgradeProgress;
  const step: UpgradeProgress = {
    phase: 'migrating',
    step: { index: 1, count: 2, description: 'Building the search index' },
    fraction: 0,
  };

  it('redraws the share done in place on a terminal and starts a line for each step', () => {
    let written = '';
    const lines = upgradeProgressLines({ isTTY: true, write: (t: string) => (written += t) });
    lines.show(backup(0));
    lines.show(backup(0.5));
    lines.show(step);
    lines.end();
    expect(written.split('\n').slice(1)).toEqual([
      '\r\u001b[2KBacking up your data before changing it  [--------------------]  0%' +
        '\r\u001b[2KBacking up your data before changing it  [##########----------]  50%',
      '\r\u001b[2KStep 1 of 2: Building the search index  [--------------------]  0%',
      '',
    ]);
  });
});
