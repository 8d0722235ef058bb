// The progress mechanism on its own: events throttled to the interval (new phases and the
// end always go out), a last event with done = total, cancels honoured only while the work
// says stopping is safe, and CANCELLED as the answer of cancelled work.
import { describe, expect, it } from 'vitest';
import { createEventBus } from '../../main/core/events.ts';
import { createOperations } from '../../main/core/progress/operations.ts';
import type { OperationProgress } from '../../shared/progress.ts';
import { AppFailure } from '../../shared/result.ts';

function setup() {
  const events = createEventBus();
  let now = 0;
  const operations = createOperations({
    events,
    newId: () => 'generated',
    now: () => now,
    minIntervalMs: 100,
  });
  const seen: OperationProgress[] = [];
  events.on('operation:progressed', (p) => seen.push(p));
  return { operations, seen, tick: (ms: number) => (now += ms) };
}

const opts = {
  kind: 'csv-import',
  unit: 'rows',
  cancelledMessage: 'Cancelled; nothing was imported.',
} as const;

describe('operations', () => {
  it('sends at most one event per interval, new phases at once, and ends with done = total', async () => {
    const { operations, seen, tick } = setup();
    await operations.run({ ...opts, id: 'op-1' }, async (op) => {
      for (let i = 0; i <= 1000; i += 10) {
        op.report('checking', i, 1000);
        tick(5); // 101 reports over 505 ms: about one in twenty goes out
      }
      op.report('writing', 0, 1000);
      op.report('writing', 400, 1000); // within the interval: held back
      await Promise.resolve();
    });
    const checking = seen.filter((e) => e.phase === 'checking');
    expect(checking.length).toBeGreaterThanOrEqual(5);
    expect(checking.length).toBeLessThanOrEqual(7);
    const counts = checking.map((e) => e.done);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(seen.map((e) => e.phase)).toContain('writing');
    expect(seen.at(-1)).toEqual({
      operation: 'op-1',
      kind: 'csv-import',
      phase: 'writing',
      done: 1000,
      total: 1000,
      unit: 'rows',
      cancellable: false,
      state: 'done',
    });
  });

  it('aborts the signal on cancel and answers CANCELLED with the kind’s message', async () => {
    const { operations, seen } = setup();
    const running = operations.run({ ...opts, id: 'op-2' }, async (op) => {
      op.report('writing', 5, 10);
      await new Promise<void>((resolve) => {
        op.signal.addEventListener('abort', () => {
          resolve();
        });
      });
      op.throwIfCancelled();
      return 'finished anyway';
    });
    expect(operations.running()).toEqual(['op-2']);
    expect(operations.cancel('op-2')).toEqual({ operation: 'op-2', cancelled: true });
    await expect(running).rejects.toMatchObject({
      error: { code: 'CANCELLED', message: 'Cancelled; nothing was imported.' },
    });
    expect(seen.at(-1)).toMatchObject({ state: 'cancelled', done: 5, total: 10 });
    expect(operations.running()).toEqual([]);
  });

  it('refuses a cancel once the work is past the safe point, and finishes', async () => {
    const { operations, seen } = setup();
    let release: () => void = () => undefined;
    const running = operations.run({ ...opts, id: 'op-3' }, async (op) => {
      op.setCancellable(false);
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      op.throwIfCancelled();
      return 42;
    });
    expect(seen.at(-1)).toMatchObject({ cancellable: false, state: 'running' });
    expect(operations.cancel('op-3')).toEqual({ operation: 'op-3', cancelled: false });
    release();
    expect(await running).toBe(42);
  });

  it('reports failures as failed, keeps their error, and frees the id', async () => {
    const { operations, seen } = setup();
    await expect(
      operations.run({ ...opts, id: 'op-4' }, () => Promise.reject(new Error('disk full'))),
    ).rejects.toThrow('disk full');
    expect(seen.at(-1)).toMatchObject({ state: 'failed' });
    expect(() => operations.cancel('op-4')).toThrow(AppFailure);
    // A generated id when the caller named none.
    await operations.run(opts, () => Promise.resolve());
    expect(seen.at(-1)).toMatchObject({ operation: 'generated', state: 'done' });
  });

  it('refuses a second operation under a running id', async () => {
    const { operations } = setup();
    const first = operations.run({ ...opts, id: 'twice' }, async (op) => {
      await new Promise<void>((resolve) => {
        op.signal.addEventListener('abort', () => {
          resolve();
        });
      });
    });
    await expect(
      operations.run({ ...opts, id: 'twice' }, () => Promise.resolve()),
    ).rejects.toMatchObject({
      error: { code: 'CONFLICT' },
    });
    operations.cancel('twice');
    await first;
  });
});
