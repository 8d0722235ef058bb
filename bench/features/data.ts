// The data feature's benchmarks (see ../types.ts); joined in ../benchmarks.ts.
// csv-import-100k: a seeded, realistic 100,000-row CSV (6 clients in different zones,
// 3 accounts each, morning/lunch/evening times over a year, threads, quoted text with
// commas and newlines, some rows naming their own zone) imported for real from a file, as
// the CLI and the desktop dialog do: streamed and checked on one worker thread, written on
// another in one transaction. Each run is a fresh process running the bundled probe
// (probes/import-csv.ts), so memory is the import's own; the floors beside it say what
// this machine allows (see README, Performance).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { createNodePorts } from '../../main/core/adapters/node-ports.ts';
import { createCore } from '../../main/core/create-core.ts';
import { bundleProbe } from '../bundle-probe.ts';
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

/** One probe run's JSON (bench/probes/import-csv.ts), as the caller knows its mode prints. */
function probe(bundled: string, args: string[]): unknown {
  return JSON.parse(
    execFileSync(process.execPath, ['--expose-gc', bundled, ...args], {
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    }),
  );
}

interface ImportRun {
  ms: number;
  cpuMs: number;
  imported: number;
  firstRefused: unknown;
  peakGrowthMb: number;
  worstStallMs: number;
}

export const dataBenchmarks: Benchmark[] = [
  {
    name: 'csv-import-100k',
    description:
      '100,000-row CSV file imported for real, checked on one worker thread and written on another (streamed parse, per-row checks incl. X counting and DST, one transaction), 6 clients in 6 zones, threads; bundled as the app ships; the main thread sampled every 10 ms for RSS and timer lateness',
    async run(context) {
      const root = fs.mkdtempSync(path.join(context.root, 'bench-data-'));
      const bundled = await bundleProbe(
        path.join(context.root, 'bench', 'probes', 'import-csv.ts'),
      );
      try {
        const template = await seededDataDir(root);
        const csv = path.join(root, 'posts.csv');
        fs.writeFileSync(csv, benchCsv(100_000, template.handles));
        const freshCopy = () => {
          const dataDir = fs.mkdtempSync(path.join(root, 'run-'));
          fs.copyFileSync(
            path.join(template.dataDir, 'starling.db'),
            path.join(dataDir, 'starling.db'),
          );
          return dataDir;
        };
        // Each import is paired with the floor the machine sets just after it: SQLite writing
        // the same posts' built rows alone. This host's speed drifts by half within the hour,
        // so one floor for three imports can belong to another speed; the pair's ratio holds.
        const runs: ImportRun[] = [];
        const floors: { ms: number; cpuMs: number; posts: number }[] = [];
        for (let run = 0; run < 3; run += 1) {
          const dataDir = freshCopy();
          const result = probe(bundled, ['import', dataDir, csv, String(now)]) as ImportRun;
          if (result.imported !== 100_000) {
            throw new Error(
              `imported ${String(result.imported)} of 100,000 rows: ${JSON.stringify(result.firstRefused)}`,
            );
          }
          runs.push(result);
          fs.rmSync(dataDir, { recursive: true, force: true });
          const floorDir = freshCopy();
          floors.push(
            probe(bundled, ['write-floor', floorDir, csv, String(now)]) as (typeof floors)[number],
          );
          fs.rmSync(floorDir, { recursive: true, force: true });
        }
        const posts = floors[0]?.posts ?? 0;
        const spinMs = Math.round(runs.map((r) => r.ms).sort((a, b) => a - b)[1] ?? 5000);
        const spin = probe(bundled, ['spin', String(spinMs)]) as { worstStallMs: number };
        return {
          unit: 'ms',
          samples: runs.map((r) => r.ms),
          target: { stat: 'median', atMost: 5_000 },
          extra: [
            {
              name: 'peak RSS growth',
              unit: 'MB',
              samples: runs.map((r) => r.peakGrowthMb),
              target: { stat: 'max', atMost: 200 },
            },
            {
              name: 'worst event-loop stall',
              unit: 'ms',
              samples: runs.map((r) => r.worstStallMs),
              target: { stat: 'max', atMost: 50 },
            },
            {
              name: 'CPU time, every thread (steadier than wall time under load)',
              unit: 'ms',
              samples: runs.map((r) => r.cpuMs),
            },
            {
              name: `floor: the ${String(posts)} posts' rows written alone, after each import`,
              unit: 'ms',
              samples: floors.map((f) => f.ms),
            },
            {
              name: 'floor: its CPU time',
              unit: 'ms',
              samples: floors.map((f) => f.cpuMs),
            },
            {
              name: 'import ÷ its floor (the part of the time this machine does not set)',
              unit: '×',
              samples: runs.map((r, i) => r.ms / (floors[i]?.ms ?? Number.NaN)),
            },
            {
              // The stalls the scheduler causes beside any busy thread for as long as an import takes.
              name: 'floor: stall beside a thread that only spins',
              unit: 'ms',
              samples: [spin.worstStallMs],
            },
          ],
        };
      } finally {
        fs.rmSync(path.dirname(bundled), { recursive: true, force: true });
        fs.rmSync(root, { recursive: true, force: true });
      }
    },
  },
];
