// `npm run bench [-- --only NAME] [-- --json FILE] [-- --scale 1m]`: runs each benchmark
// (each does its own warm-up and repeated runs), prints median, min, p99 and max against the
// target, and optionally writes the results as JSON. `--scale 1m` runs issue 19's targets
// on the 1,000,000-post dataset instead (features/million.ts; built once, cached outside
// the repository). Not part of `npm test`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  benchmarks,
  calendarMillionBenchmarks,
  sharedDataset,
  type Measured,
  type Target,
} from './benchmarks.ts';
import { disposeMillion, millionBenchmarks } from './features/million.ts';
import { summarize } from './stats.ts';

interface ResultRow {
  name: string;
  unit: string;
  median: number;
  min: number;
  max: number;
  p99: number;
  runs: number;
  target: string | null;
  pass: boolean | null;
}

const { values } = parseArgs({
  options: { only: { type: 'string' }, json: { type: 'string' }, scale: { type: 'string' } },
});
if (values.scale !== undefined && values.scale !== '1m') {
  process.stderr.write(`bench: --scale takes 1m (the 1,000,000-post dataset).\n`);
  process.exit(2);
}
const million = values.scale === '1m';
const known = million ? [...millionBenchmarks, ...calendarMillionBenchmarks] : benchmarks;
const selected = known.filter((b) => values.only === undefined || b.name === values.only);
if (selected.length === 0) {
  process.stderr.write(
    `bench: no benchmark named ${values.only ?? ''}. Known: ${known.map((b) => b.name).join(', ')}\n`,
  );
  process.exit(2);
}

const describeTarget = (t: Target, unit: string) => `${t.stat} ≤ ${String(t.atMost)} ${unit}`;
const rows: ResultRow[] = [];
const failed: string[] = [];
const toRow = (
  name: string,
  unit: string,
  samples: number[],
  target: Target | undefined,
): ResultRow => {
  const s = summarize(samples);
  return {
    name,
    unit,
    ...s,
    target: target === undefined ? null : describeTarget(target, unit),
    pass: target === undefined ? null : s[target.stat] <= target.atMost,
  };
};

/** Other work on the machine skews every figure: shown at the start and at the end. */
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const dataset = sharedDataset();
const context = { root: path.resolve(import.meta.dirname, '..'), dataset };
process.stdout.write(
  `Starling benchmarks on ${os.cpus().length.toString()}× ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average ${load()}\n\n`,
);
try {
  for (const bench of selected) {
    process.stdout.write(`${bench.name}: ${bench.description}\n`);
    let measured: Measured;
    try {
      measured = await bench.run(context);
    } catch (error) {
      // One broken benchmark must not lose the others' figures.
      failed.push(bench.name);
      process.stdout.write(
        `  FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      continue;
    }
    rows.push(toRow(bench.name, measured.unit, measured.samples, measured.target));
    for (const extra of measured.extra ?? [])
      rows.push(toRow(`${bench.name}.${extra.name}`, extra.unit, extra.samples, extra.target));
  }
} finally {
  dataset.dispose();
  disposeMillion();
}

const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const table = [
  ['benchmark', 'median', 'min', 'p99', 'max', 'runs', 'target', 'result'],
  ...rows.map((r) => [
    r.name,
    `${fmt(r.median)} ${r.unit}`,
    fmt(r.min),
    fmt(r.p99),
    fmt(r.max),
    String(r.runs),
    r.target ?? '—',
    r.pass === null ? '' : r.pass ? 'pass' : 'FAIL',
  ]),
];
const widths =
  table[0]?.map((_, i) => Math.max(...table.map((row) => (row[i] ?? '').length))) ?? [];
process.stdout.write(
  `\n${table
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')}\n`,
);
process.stdout.write(`\nload average at the end: ${load()}\n`);
if (failed.length > 0) {
  process.stdout.write(`\nFailed to run: ${failed.join(', ')}\n`);
  process.exitCode = 1;
}
if (values.json !== undefined) {
  fs.writeFileSync(
    values.json,
    `${JSON.stringify({ machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memGiB: os.totalmem() / 2 ** 30, node: process.version }, results: rows }, null, 2)}\n`,
  );
}
