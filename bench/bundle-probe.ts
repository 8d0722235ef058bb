// Bundles a probe the way vite.electron.config.ts bundles the app's main process (every
// JavaScript dependency inlined, native ones left out, worker threads as entries of their
// own), so a figure is measured on what ships rather than on hundreds of separately loaded
// modules whose types Node strips on the fly.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

/** The bundled probe's path; its folder (under out/) is the caller's to remove. */
export async function bundleProbe(entry: string): Promise<string> {
  const { build } = await import('vite');
  const { mainAliases, mainExternal, mainMinify, withoutPolyfills, workerEntryChunks } =
    await import('../vite.electron.config.ts');
  // Inside the project, so the bundle resolves better-sqlite3 from node_modules.
  fs.mkdirSync(path.join(root, 'out'), { recursive: true });
  const outDir = fs.mkdtempSync(path.join(root, 'out', 'bench-probe-'));
  await build({
    configFile: false,
    logLevel: 'silent',
    resolve: { alias: mainAliases },
    plugins: [withoutPolyfills(), workerEntryChunks()],
    ssr: { noExternal: true },
    build: {
      ssr: entry,
      outDir,
      target: 'node22',
      rolldownOptions: {
        external: mainExternal,
        output: { format: 'es', entryFileNames: 'probe.js', minify: mainMinify },
      },
    },
  });
  return path.join(outDir, 'probe.js');
}

/**
 * Runs a bundled probe in a fresh Node with a compile cache of its own ([Note: compile
 * cache]): its first run finds the cache empty, as the first launch after an install does.
 */
export function probeRunner(bundled: string): (args: string[]) => string {
  const cache = fs.mkdtempSync(path.join(path.dirname(bundled), 'compile-cache-'));
  return (args) =>
    execFileSync(process.execPath, [bundled, ...args], {
      encoding: 'utf8',
      env: { ...process.env, NODE_COMPILE_CACHE: cache },
    });
}
