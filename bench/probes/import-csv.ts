// Probe run in a fresh process (bundled as the app ships, by bench/features/data.ts):
//   import DATA_DIR CSV NOW       the CSV import as the app runs it, with the thread that
//                                 serves the UI sampled every 10 ms (resident memory, and
//                                 how late its timer fires: the event loop's worst stall)
//   write-floor DATA_DIR CSV NOW  the same posts' rows written alone, in one transaction,
//                                 after every row was read, checked and built untimed: the
//                                 writing thread's work, the floor SQLite sets here
//   spin MS                       the same sampling beside a thread that only spins for MS:
//                                 the stalls this machine's scheduler causes by itself
// Prints one JSON document.
import { Worker } from 'node:worker_threads';
import { bufferedUuidv7 } from '../../main/core/adapters/buffered-uuidv7.ts';
import { createNodePorts } from '../../main/core/adapters/node-ports.ts';
import { createCore } from '../../main/core/create-core.ts';
import { mapColumns } from '../../main/core/data/csv-columns.ts';
import { postsPerHandOver, postsPerMessage } from '../../main/core/data/csv-import-protocol.ts';
import {
  buildImportRows,
  rowNumbers,
  timeOrder,
  type ImportRows,
  type PlannedPost,
} from '../../main/core/data/csv-import-rows.ts';
import { unpackRows } from '../../main/core/data/packed-rows.ts';
import { createImportWriter } from '../../main/core/data/csv-import-writer.ts';
import { loadLookups } from '../../main/core/data/csv-lookups.ts';
import { recordBatches } from '../../main/core/data/csv-records.ts';
import { readRow } from '../../main/core/data/csv-rows.ts';
import { openSecondConnection } from '../../main/core/db/second-connection.ts';
import { buildCsvImport } from '../../main/core/ipc/data-feature.ts';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const intervalMs = 10;
const mebibyte = 1024 * 1024;

/** Samples this thread until stopped: peak RSS growth and the worst lateness of its timer. */
function sampleThread() {
  (globalThis as { gc?: () => void }).gc?.();
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - intervalMs);
    last = now;
    peak = Math.max(peak, process.memoryUsage.rss());
  }, intervalMs);
  return () => {
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage.rss());
    return { peakGrowthMb: (peak - baseline) / mebibyte, worstStallMs: worst };
  };
}

/**
 * CPU time of every thread of this process since `from`: steadier than wall time on a
 * machine others are loading, where a run waits for a core as much as it works.
 */
function cpuMsSince(from: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
}

async function importCsv(dataDir: string, file: string, now: number) {
  const ports = createNodePorts(dataDir, { logger: silent, clock: { now: () => now } });
  const core = await createCore({ dataDir, host: 'cli', ports });
  const csvImport = buildCsvImport({
    dataDir,
    database: core.database,
    events: core.events,
    ports,
  });
  const stop = sampleThread();
  const started = performance.now();
  const cpu = process.cpuUsage();
  const report = await csvImport.run({ file, baseDir: null, dryRun: false });
  const ms = performance.now() - started;
  const cpuMs = cpuMsSince(cpu);
  const sampled = stop();
  await core.close();
  return {
    ms,
    cpuMs,
    imported: report.imported,
    firstRefused: report.rows.find((r) => !r.ok),
    ...sampled,
  };
}

async function writeFloor(dataDir: string, file: string, now: number) {
  const ports = createNodePorts(dataDir, { logger: silent, clock: { now: () => now } });
  const core = await createCore({ dataDir, host: 'cli', ports });
  const connection = openSecondConnection(core.database.file, { readonly: false });
  const planned: PlannedPost[] = [];
  let columns = null;
  let lookups = null;
  const newId = bufferedUuidv7();
  for await (const batch of recordBatches({ file }, 1000)) {
    let records = batch;
    if (columns === null || lookups === null) {
      columns = mapColumns(batch[0] ?? []);
      lookups = await loadLookups(connection.db, undefined, now, null);
      records = batch.slice(1);
    }
    for (const record of records) {
      const row = readRow(record, columns, lookups);
      if (row.ok && row.plan.time !== null) planned.push({ plan: row.plan, time: row.plan.time });
    }
  }
  if (lookups === null) throw new Error('The CSV has no rows.');
  const numbers = rowNumbers(lookups);
  // Handed over, built and split as the import thread does it, and unpacked as the writing
  // thread unpacks them (each text a slice of one flat string), untimed: the floor is the
  // writing thread's work.
  const batches: ImportRows[] = [];
  for (let from = 0; from < planned.length; from += postsPerHandOver) {
    const handedOver = planned.slice(from, from + postsPerHandOver);
    const order = timeOrder(handedOver);
    for (let start = 0; start < order.length; start += postsPerMessage) {
      const chunk = order
        .slice(start, start + postsPerMessage)
        .map((i) => handedOver[i] as PlannedPost);
      const built = buildImportRows(chunk, { newId, at: now, numbers });
      batches.push({ rows: unpackRows(built.rows), media: built.media });
    }
  }
  const posts = planned.length;
  const writer = createImportWriter({
    connection,
    dataDir,
    ports,
    signal: new AbortController().signal,
    onMedia: () => undefined,
  });
  const started = performance.now();
  const cpu = process.cpuUsage();
  writer.begin();
  for (const batch of batches) await writer.write(batch);
  writer.commit();
  const ms = performance.now() - started;
  const cpuMs = cpuMsSince(cpu);
  await connection.db.destroy();
  await core.close();
  return { ms, cpuMs, posts };
}

async function spin(ms: number) {
  const stop = sampleThread();
  const worker = new Worker(
    `const end = Date.now() + ${String(ms)}; let x = 0; while (Date.now() < end) x += Math.sqrt(x + 1);`,
    { eval: true },
  );
  await new Promise((resolve) => worker.once('exit', resolve));
  return stop();
}

const [mode = '', ...args] = process.argv.slice(2);
const [dataDir = '', file = '', now = '0'] = args;
const result =
  mode === 'import'
    ? await importCsv(dataDir, file, Number(now))
    : mode === 'write-floor'
      ? await writeFloor(dataDir, file, Number(now))
      : mode === 'spin'
        ? await spin(Number(args[0]))
        : null;
if (result === null)
  throw new Error('usage: import-csv.ts import|write-floor DATA_DIR CSV NOW, or spin MS');
process.stdout.write(JSON.stringify(result));
