// Builds the renderer once per test run, so browser tests always drive the current UI.
// STARLING_SKIP_UI_BUILD=1 skips it for quick runs of the Node-only suites.
import path from 'node:path';
import { build } from 'vite';

export default async function setup(): Promise<void> {
  if (process.env.STARLING_SKIP_UI_BUILD === '1') return;
  await build({
    configFile: path.resolve(import.meta.dirname, '../../vite.renderer.config.ts'),
    logLevel: 'warn',
  });
}
