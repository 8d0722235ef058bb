// Summary statistics of repeated measurements: medians over means, because a benchmark
// on a shared 2-core machine has a long tail.
export interface Summary {
  median: number;
  min: number;
  max: number;
  p99: number;
  runs: number;
}

export function summarize(samples: number[]): Summary {
  if (samples.length === 0) throw new Error('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1
      ? (sorted[mid] ?? 0)
      : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return {
    median,
    min: sorted[0] ?? 0,
    max: sorted.at(-1) ?? 0,
    p99: at(0.99),
    runs: sorted.length,
  };
}
