// Builds the renderer once per test run, so browser tests always drive the current UI, and
// the CLI bundle when its sources changed, so every test that runs `starling` runs what
// ships (bin/starling.js falls back to the sources only for a stale bundle).
// STARLING_SKIP_UI_BUILD=1 skips the renderer for quick runs of the Node-only suites.
import path from 'node:path';
import { build } from 'vite';
import { freshCliBundle } from '../../bin/cli-bundle.js';

const root = path.resolve(import.meta.dirname, '../..');

export default async function setup(): Promise<void> {
  if (freshCliBundle(root) === null) {
    await build({ configFile: path.join(root, 'vite.cli.config.ts'), logLevel: 'warn' });
  }
  if (process.env.STARLING_SKIP_UI_BUILD === '1') return;
  await build({ configFile: path.join(root, 'vite.renderer.config.ts'), logLevel: 'warn' });
}
