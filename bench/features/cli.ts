// The CLI's start-up (see ../types.ts); joined in ../benchmarks.ts. Wall time of the whole
// `starling` process as a script sees it, run from the bundle that ships (out/cli, built
// here when stale), with Node's own start beside it as the floor no command can go under.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { freshCliBundle } from '../../bin/cli-bundle.js';
import type { Benchmark } from '../types.ts';

const runs = 15;

/** Milliseconds from spawn to exit of `node args`, `runs` times after two warm-ups. */
function timed(args: string[]): number[] {
  const once = () => {
    const started = performance.now();
    execFileSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    return performance.now() - started;
  };
  // The OS file cache and V8's compile cache (bin/starling.js) warm, as on a second use.
  once();
  once();
  return Array.from({ length: runs }, once);
}

export const cliBenchmarks: Benchmark[] = [
  {
    name: 'cli-startup',
    description:
      '`starling --json clients list` on a 100,000-post database, whole process from the bundle; `--version` and bare Node beside it',
    async run(context) {
      const { dataDir, start } = await context.dataset();
      if (freshCliBundle(context.root) === null) {
        const { build } = await import('vite');
        await build({
          configFile: path.join(context.root, 'vite.cli.config.ts'),
          logLevel: 'silent',
        });
      }
      const bin = path.join(context.root, 'bin', 'starling.js');
      const list = timed([bin, '--data-dir', dataDir, '--json', 'clients', 'list']);
      const version = timed([bin, '--version']);
      // One week early in the dataset, every post of it printed as JSON.
      const week = (offsetDays: number) =>
        new Date(start + (7 + offsetDays) * 86_400_000).toISOString().slice(0, 10);
      const posts = timed([
        ...[bin, '--data-dir', dataDir, '--json', 'posts', 'list'],
        ...['--from', week(0), '--to', week(6)],
      ]);
      const floor = timed(['-e', '0']);
      return {
        unit: 'ms',
        samples: list,
        target: { stat: 'median', atMost: 150 },
        extra: [
          {
            name: '--version',
            unit: 'ms',
            samples: version,
            target: { stat: 'median', atMost: 150 },
          },
          { name: 'posts list, one week', unit: 'ms', samples: posts },
          { name: 'floor: node -e 0', unit: 'ms', samples: floor },
        ],
      };
    },
  },
];
