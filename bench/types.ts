// What a benchmark is and what it reports; shared by bench/benchmarks.ts and the
// features' benchmark files in bench/features/.
import type { Dataset } from './dataset.ts';

export interface Target {
  /** The figure that is compared: median unless stated. */
  stat: 'median' | 'max' | 'p99';
  atMost: number;
}

export interface Measured {
  unit: string;
  samples: number[];
  target?: Target;
  /** Extra figures shown beside the main one (e.g. memory). */
  extra?: { name: string; unit: string; samples: number[]; target?: Target }[];
}

export interface Benchmark {
  name: string;
  description: string;
  run(context: Context): Promise<Measured>;
}

export interface Context {
  root: string;
  /** A 100,000-post database, built once per run and shared. */
  dataset(): Promise<Dataset>;
}
