// Builds the `starling` command line: main/cli/main.ts → out/cli/main.js (ESM), with every
// JavaScript dependency inlined and native ones left in node_modules, like the app's main
// bundle ([Note: bundled main] in vite.electron.config.ts). What a command does not need
// stays out of the first chunk: the core, the browser host and the networks' libraries are
// dynamic imports, each a chunk of its own, so `starling --version` parses only commander
// and the command definitions, and `clients list` never parses twitter-api-v2. Each chunk's
// source map names the files it was built from (tests/integration/cli-startup.test.ts).
// bin/starling.js runs this bundle while it is newer than every file it was built from
// (out/cli/inputs.json, written here), else the sources: a stale bundle never runs.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import {
  mainAliases,
  mainExternal,
  withoutPolyfills,
  workerEntryChunks,
} from './vite.electron.config.ts';

const fromRoot = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const root = fromRoot('.');

/** The project files the bundle was built from, plus the lock file for its packages. */
function inputsList(): Plugin {
  return {
    name: 'starling:cli-inputs',
    generateBundle(_options, bundle) {
      const files = new Set(['package.json', 'package-lock.json']);
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue;
        for (const id of output.moduleIds) {
          // Virtual modules (no path) and packages (covered by the lock file) are left out.
          if (!path.isAbsolute(id)) continue;
          const file = path.relative(root, id);
          if (!file.startsWith('..') && !file.startsWith('node_modules')) {
            files.add(file.split(path.sep).join('/'));
          }
        }
      }
      this.emitFile({
        type: 'asset',
        fileName: 'inputs.json',
        source: JSON.stringify([...files].sort(), null, 1),
      });
    },
  };
}

export default defineConfig({
  root,
  publicDir: false,
  resolve: { alias: mainAliases },
  logLevel: 'warn',
  plugins: [inputsList(), withoutPolyfills(), workerEntryChunks()],
  ssr: { noExternal: true },
  build: {
    ssr: fromRoot('./main/cli/main.ts'),
    outDir: fromRoot('./out/cli'),
    emptyOutDir: true,
    target: 'node22',
    // Minified, a third less to read and compile at each start (about 30 ms here); names
    // kept, because error messages and logs name error classes by their `name`.
    minify: true,
    sourcemap: true,
    rolldownOptions: {
      // vite builds the renderer for `serve` in a checkout that lacks it; it stays a package.
      external: (id) => mainExternal(id) || id === 'vite' || id.startsWith('vite/'),
      output: {
        format: 'es',
        keepNames: true,
        entryFileNames: 'main.js',
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
});
