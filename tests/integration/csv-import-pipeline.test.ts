// The CSV import's two threads ([Note: import pipeline] in
// main/core/data/csv-import-protocol.ts): one checks while the other writes. A malformed
// line or a cancel while batches are on their way rolls everything back, frees the write
// lock and leaves no writing thread behind; an import writes, post by post and in file
// order, exactly what its dry run reports, with rows without a time in queue slots chosen
// after the whole file was read.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { ImportReport } from '../../shared/data.ts';
import { importsSettled } from '../../main/core/data/csv-import-thread.ts';
import { buildCsvImport } from '../../main/core/ipc/data-feature.ts';
import { createQueueSlots } from '../../main/core/services/queue-slots.ts';
import { dumpDatabase, expectOk, makeCore, type TestCore } from '../helpers/core.ts';
import { makeAccount, makeClient } from '../helpers/post-factories.ts';

async function setup() {
  // Every batch reports, so a cancel lands where the test means it to.
  const core = await makeCore({ tuning: { progressIntervalMs: 0 } });
  const client = await makeClient(core.database.db, { name: 'Bakery', timezone: 'Europe/Berlin' });
  const bakery = await makeAccount(core.database.db, client, { handle: 'bakery' });
  const news = await makeAccount(core.database.db, client, { handle: 'bakery_news' });
  return { core, bakery, news };
}

const start = Date.UTC(2027, 0, 1);
const instantOf = (i: number) => start + i * 15 * 60_000;
const isoOf = (i: number) => new Date(instantOf(i)).toISOString().slice(0, 16);

/** Row i of a file: a thread every 7th row, both accounts every 5th, a unique word. */
function rowOf(i: number) {
  const parts =
    i % 7 === 0 ? [`Loaf w${String(i)}x`, `Crumb ${String(i)}`] : [`Loaf w${String(i)}x`];
  const handles = i % 5 === 0 ? ['bakery', 'bakery_news'] : ['bakery'];
  return {
    parts,
    handles,
    line: `"${parts.join('\n---\n')}",${handles.map((h) => `@${h}`).join(' ')},${isoOf(i)}Z`,
  };
}

function csvOf(rows: number, extra: { at: number; line: string }[] = []): string {
  const lines = ['text,account,when'];
  for (let i = 0; i < rows; i += 1) {
    for (const e of extra) if (e.at === i) lines.push(e.line);
    lines.push(rowOf(i).line);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The OS threads of this process: a writing thread left behind would be one more. Linux
 * lists them in /proc; elsewhere this is null and only the write lock shows a thread left.
 */
const threads = () =>
  fs.existsSync('/proc/self/task') ? fs.readdirSync('/proc/self/task').length : null;

/** Whether another connection can take the write lock at once. */
function writeLockFree(core: TestCore): boolean {
  const other = new Database(core.database.file, { timeout: 0 });
  try {
    other.exec('BEGIN IMMEDIATE');
    other.exec('ROLLBACK');
    return true;
  } catch {
    return false;
  } finally {
    other.close();
  }
}

/**
 * Runs a small import first: the import thread and the I/O threads then exist already. Its
 * writing thread ends by itself once it has copied the WAL back, after the import answered
 * ([Note: checkpoint after the answer] in main/core/data/csv-import-writer.ts): three rows
 * take it a millisecond or so, so the count is taken once it has held for 100 ms.
 */
async function warmedUp(core: TestCore): Promise<number | null> {
  expectOk(await core.invoke('data:import-csv', { csv: csvOf(3), dryRun: false }));
  let count = threads();
  for (let held = 0; held < 100; held += 10) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    const now = threads();
    if (now !== count) held = -10;
    count = now;
  }
  return count;
}

function watchWriting(core: TestCore, operation: string, atLeast: number, then: () => void) {
  let fired = false;
  core.events.on('operation:progressed', (p) => {
    if (fired || p.operation !== operation || p.phase !== 'writing' || p.done < atLeast) return;
    fired = true;
    then();
  });
  return () => fired;
}

describe('CSV import on two threads', () => {
  it('rolls back and ends the writing thread on a malformed line after batches were written', async () => {
    const { core } = await setup();
    const idle = await warmedUp(core);
    const before = dumpDatabase(core);
    const wrote = watchWriting(core, 'broken', 3000, () => undefined);
    const result = await core.invoke('data:import-csv', {
      csv: csvOf(10_000, [{ at: 9000, line: '"Unclosed "quote,@bakery,2027-06-01T09:00Z' }]),
      dryRun: false,
      operation: 'broken',
    });
    expect(wrote()).toBe(true);
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(result.ok ? '' : result.error.message).toMatch(/^The file is not valid CSV/);
    expect(dumpDatabase(core)).toEqual(before);
    expect(writeLockFree(core)).toBe(true);
    expect(threads()).toBe(idle);
  });

  it('rolls back and ends the writing thread on a cancel while batches are on their way', async () => {
    const { core } = await setup();
    const idle = await warmedUp(core);
    const before = dumpDatabase(core);
    const asked = watchWriting(core, 'stop', 4000, () => {
      void core.invoke('operations:cancel', { operation: 'stop' });
    });
    const result = await core.invoke('data:import-csv', {
      csv: csvOf(20_000),
      dryRun: false,
      operation: 'stop',
    });
    expect(asked()).toBe(true);
    expect(result).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(dumpDatabase(core)).toEqual(before);
    expect(writeLockFree(core)).toBe(true);
    expect(threads()).toBe(idle);
    // The next import starts clean.
    expect(
      expectOk(await core.invoke('data:import-csv', { csv: csvOf(50), dryRun: false })),
    ).toMatchObject({ imported: 50 });
  });

  it('settles once its writing thread has ended, after the answer and the checkpoint', async () => {
    const { core } = await setup();
    const idle = await warmedUp(core);
    expectOk(await core.invoke('data:import-csv', { csv: csvOf(3000), dryRun: false }));
    // What the core waits for when it closes (the data feature's stop): the writing thread,
    // which checkpoints after the answer, has ended with it.
    await importsSettled();
    expect(threads()).toBe(idle);
    expect(writeLockFree(core)).toBe(true);
  });

  it('keeps its thread for an import queued behind one that is still checkpointing', async () => {
    const { core } = await setup();
    // [Note: a thread held while it works] The next import starts once the one before has
    // answered; the one before settles later, after its checkpoint. That must not start the
    // thread's idle timer (1 ms here) while the next one runs on it.
    const csvImport = buildCsvImport({ ...core, ports: { clock: core.clock }, threadIdleMs: 1 });
    const first = csvImport.run({ csv: csvOf(2000), baseDir: null, dryRun: false });
    const second = csvImport.run({ csv: csvOf(3000), baseDir: null, dryRun: true });
    expect((await first).imported).toBe(2000);
    expect((await second).valid).toBe(3000);
    await importsSettled();
  });

  it('writes, post by post in file order, what its dry run reports', async () => {
    const { core, bakery, news } = await setup();
    // 24 Nov 2026 (the test clock) is a Tuesday; slots every weekday at 08:00 and 12:00.
    await createQueueSlots(core.database.db, {
      clock: core.clock,
      newId: () => crypto.randomUUID(),
    }).replace(
      bakery,
      [0, 1, 2, 3, 4].flatMap((weekday) => [
        { weekday, minuteOfDay: 480 },
        { weekday, minuteOfDay: 720 },
      ]),
    );
    // 40 rows without a time first (so the report lists their slots), then 2,500 with one.
    const queuedRows = Array.from({ length: 40 }, (_, q) => `Queued q${String(q)}z,@bakery,`);
    const timed = csvOf(2500).split('\n');
    const csv = [timed[0], ...queuedRows, ...timed.slice(1)].join('\n');

    const dry = expectOk(await core.invoke('data:import-csv', { csv, dryRun: true }));
    const done = expectOk(await core.invoke('data:import-csv', { csv, dryRun: false }));
    const strip = (r: ImportReport) => ({
      ...r,
      dryRun: null,
      imported: null,
      postIds: null,
      rows: r.rows.map(({ postId: _, ...row }) => row),
    });
    expect(strip(done)).toEqual(strip(dry));
    expect(done).toMatchObject({ total: 2540, valid: 2540, imported: 2540 });
    expect(done.accepted.queued).toBe(40);

    const posts = core.database.sqlite
      .prepare(
        `SELECT p.id, p.scheduled_at AS at,
           (SELECT group_concat(text, '|') FROM (SELECT text FROM post_parts WHERE post_seq = p.seq ORDER BY position)) AS parts,
           (SELECT group_concat(a.id, ' ' ORDER BY a.id) FROM post_targets t JOIN social_accounts a ON a.seq = t.account_seq WHERE t.post_seq = p.seq) AS accounts,
           (SELECT count(*) FROM publish_jobs j JOIN post_targets t ON t.id = j.target_id WHERE t.post_seq = p.seq AND j.run_at = p.scheduled_at) AS jobs
         FROM posts p`,
      )
      .all() as { id: string; at: number; parts: string; accounts: string; jobs: number }[];
    const byId = new Map(posts.map((p) => [p.id, p]));
    expect(byId.size).toBe(2540);
    const accountIds = { bakery, bakery_news: news } as Record<string, string>;
    done.postIds.forEach((id, index) => {
      const post = byId.get(id);
      if (index < 40) {
        // Placed as the dry run placed it: the report lists these rows in full.
        expect(post).toMatchObject({
          at: dry.rows[index]?.scheduledAt,
          parts: `Queued q${String(index)}z`,
          accounts: bakery,
          jobs: 1,
        });
        return;
      }
      const i = index - 40;
      const row = rowOf(i);
      const expected = row.handles.map((h) => accountIds[h] ?? '').sort();
      expect(post).toEqual({
        id,
        at: instantOf(i),
        parts: row.parts.join('|'),
        accounts: [...expected].sort((a, b) => (a < b ? -1 : 1)).join(' '),
        jobs: expected.length,
      });
    });
    // The search index took every part, the last batch's too.
    const found = core.database.sqlite
      .prepare("SELECT rowid FROM post_search WHERE post_search MATCH 'w2499x'")
      .all();
    expect(found).toHaveLength(1);
    core.database.sqlite.exec(
      "INSERT INTO post_search (post_search, rank) VALUES ('integrity-check', 1)",
    );
  });
});
