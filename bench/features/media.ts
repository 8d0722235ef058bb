// The media feature's benchmarks (see ../types.ts); joined in ../benchmarks.ts.
import type { Benchmark } from '../types.ts';

export const mediaBenchmarks: Benchmark[] = [];
