// The data feature's benchmarks (see ../types.ts); joined in ../benchmarks.ts.
// csv-import-100k: a seeded, realistic 100,000-row CSV (6 clients in different zones,
// 3 accounts each, morning/lunch/evening times over a year, threads, quoted text with
// commas and newlines, some rows naming their own zone) imported for real: parse, check
// every row, write every post in one transaction.
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { createNodePorts } from '../../main/core/adapters/node-ports.ts';
import { createCore } from '../../main/core/create-core.ts';
import { buildCsvImport } from '../../main/core/ipc/data-feature.ts';
import { seededRandom } from '../random.ts';
import type { Benchmark } from '../types.ts';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const zones = [
  'Europe/Berlin',
  'America/New_York',
  'Asia/Tokyo',
  'Australia/Sydney',
  'America/Los_Angeles',
  'Europe/London',
];
const words =
  'launch new today coffee team design update event tips guide behind scenes offer week story customers thanks join live, "quoted"'.split(
    ' ',
  );
const now = Date.UTC(2026, 10, 24, 9, 0);
const dayMs = 86_400_000;

function sentence(rng: ReturnType<typeof seededRandom>, count: number): string {
  return Array.from({ length: count }, () => rng.pick(words)).join(' ');
}

/** The CSV text and the handles it names, seeded so every run imports the same file. */
export function benchCsv(rows: number, handles: string[][], seed = 8): string {
  const rng = seededRandom(seed);
  const records: string[][] = [];
  for (let i = 0; i < rows; i += 1) {
    const client = rng.int(0, handles.length - 1);
    const own = handles[client] ?? [];
    const day = new Date(now + rng.int(2, 365) * dayMs).toISOString().slice(0, 10);
    const minute = rng.weighted([
      [rng.int(7 * 60, 10 * 60), 5],
      [rng.int(11 * 60 + 30, 13 * 60 + 30), 3],
      [rng.int(17 * 60, 21 * 60), 4],
    ]);
    const time = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
    const parts = rng.weighted([
      [1, 8],
      [2, 1],
      [3, 1],
    ]);
    const text = Array.from({ length: parts }, () =>
      rng.next() < 0.2 ? `${sentence(rng, 6)}\n${sentence(rng, 8)}` : sentence(rng, rng.int(5, 25)),
    ).join('\n---\n');
    const accounts = rng.next() < 0.15 ? own.slice(0, 2) : [rng.pick(own)];
    records.push([
      text,
      accounts.map((h) => `@${h}`).join(' '),
      day,
      time,
      // Most rows use the client's zone; some name it (or a DST-stable one) themselves.
      rng.next() < 0.1 ? 'UTC' : '',
    ]);
  }
  return stringify(records, {
    header: true,
    columns: ['text', 'account', 'date', 'time', 'time zone'],
    record_delimiter: 'windows',
  });
}

async function seededDataDir(root: string): Promise<{ dataDir: string; handles: string[][] }> {
  const dataDir = fs.mkdtempSync(path.join(root, 'csv-import-'));
  const core = await createCore({
    dataDir,
    host: 'cli',
    ports: createNodePorts(dataDir, { logger: silent, clock: { now: () => now } }),
  });
  const handles: string[][] = [];
  for (const [c, zone] of zones.entries()) {
    const created = await core.invoke('clients:create', {
      name: `Bench ${String(c)}`,
      timezone: zone,
    });
    if (!created.ok) throw new Error(created.error.message);
    const clientId = created.value.id;
    const own: string[] = [];
    for (let a = 0; a < 3; a += 1) {
      const handle = `bench_${String(c)}_${String(a)}`;
      core.database.sqlite
        .prepare(
          `INSERT INTO social_accounts (id, client_id, platform, platform_user_id, handle, created_at, updated_at)
           VALUES (?, ?, 'x', ?, ?, ?, ?)`,
        )
        .run(`acc-${handle}`, clientId, String(7_000_000 + c * 10 + a), handle, now, now);
      own.push(handle);
    }
    handles.push(own);
  }
  await core.close();
  return { dataDir, handles };
}

export const dataBenchmarks: Benchmark[] = [
  {
    name: 'csv-import-100k',
    description:
      '100,000-row CSV imported for real (parse, per-row checks incl. X counting and DST, one transaction), 6 clients in 6 zones, threads',
    async run(context) {
      const root = fs.mkdtempSync(path.join(context.root, 'bench-data-'));
      try {
        const template = await seededDataDir(root);
        const csv = benchCsv(100_000, template.handles);
        const samples: number[] = [];
        const memory: number[] = [];
        for (let run = 0; run < 3; run += 1) {
          const dataDir = fs.mkdtempSync(path.join(root, 'run-'));
          fs.copyFileSync(
            path.join(template.dataDir, 'starling.db'),
            path.join(dataDir, 'starling.db'),
          );
          const ports = createNodePorts(dataDir, { logger: silent, clock: { now: () => now } });
          const core = await createCore({ dataDir, host: 'cli', ports });
          const csvImport = buildCsvImport({
            dataDir,
            database: core.database,
            events: core.events,
            ports,
          });
          const started = performance.now();
          const report = await csvImport.run({ csv, baseDir: null, dryRun: false });
          samples.push(performance.now() - started);
          memory.push(process.memoryUsage().rss / 1024 / 1024);
          if (report.imported !== 100_000) {
            throw new Error(
              `imported ${String(report.imported)} of 100,000 rows: ${JSON.stringify(report.rows.find((r) => !r.ok))}`,
            );
          }
          await core.close();
          fs.rmSync(dataDir, { recursive: true, force: true });
        }
        return {
          unit: 'ms',
          samples,
          target: { stat: 'median', atMost: 10_000 },
          extra: [{ name: 'rss after', unit: 'MB', samples: memory }],
        };
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    },
  },
];
