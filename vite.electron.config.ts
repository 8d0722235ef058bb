// Builds the Electron side: main/shell/index.ts → out/main/index.js (ESM, the package's
// "main", which loads main/shell/main.ts → out/main/main.js: [Note: compile cache]) and preload/index.ts → out/preload/index.cjs (CommonJS: sandboxed preloads
// cannot load ES modules). Two Vite environments, one `vite build`. The main bundle leaves
// electron, Node built-ins and every package.json dependency to node_modules (native
// better-sqlite3 must stay there); the preload may require only 'electron', so
// everything else it uses is bundled into it, and the contract's channel names are
// inlined as __STARLING_CHANNELS__ (the contract module would bring all of zod along).
// [Note: bundled main] The main bundle carries its JavaScript dependencies: loading one
// file is far faster at start-up than resolving kysely's hundreds of modules. Only
// electron, Node built-ins and native packages stay external.
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { channels } from './shared/ipc/contract.ts';

const fromRoot = (p: string) => fileURLToPath(new URL(p, import.meta.url));

const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const isPackage = (id: string, name: string) => id === name || id.startsWith(`${name}/`);
/** Packages with native code or files they locate at run time: left in node_modules. */
export const nativePackages = ['better-sqlite3'];

/**
 * How the main process's bundle is minified (and the start-up probe's, bench/bundle-probe.ts,
 * so it measures what ships): about 1.7 MB of JavaScript is parsed at every start, and
 * fewer bytes parse faster (about 20 ms of ~190 here, issue 19). Names are kept so that
 * stack traces in the log still say which function failed.
 */
export const mainMinify = {
  compress: true,
  mangle: { keepNames: true },
  codegen: { removeWhitespace: true },
} as const;

/**
 * twitter-text requires the userland `punycode` package, but a bare 'punycode' is also
 * Node's deprecated built-in: resolve it as the package (trailing slash) so the bundle
 * carries the userland one and Node prints no DEP0040 warning at start.
 */
export const mainAliases = [{ find: /^punycode$/, replacement: 'punycode/' }];

/**
 * [Note: without core-js] twitter-text imports core-js 2's ES2015 polyfills, which every
 * runtime Starling runs on has natively. Loading them is not harmless: to decide whether to
 * patch `split`, core-js sets `constructor` on a regular expression, and from then on V8
 * takes its slow, by-the-spec path for every `String#split` and `matchAll` with a regular
 * expression in that thread (measured: splitting 20,000 thread texts went from 40 to 170 ms,
 * and the CSV import's thread split took 0.3 s of its 100,000 rows). Every bundle that can
 * meet twitter-text (main, its workers, the CLI, the renderer) resolves them to nothing.
 * Its imports of them are for their side effects only.
 */
export function withoutPolyfills(): Plugin {
  const empty = '\0starling:no-polyfill';
  return {
    name: 'starling:without-polyfills',
    enforce: 'pre',
    resolveId: (id) => (id.startsWith('core-js/modules/') ? empty : null),
    load: (id) => (id === empty ? 'export {};' : null),
  };
}

export const mainExternal = (id: string) =>
  (builtins.has(id) && id !== 'punycode') ||
  isPackage(id, 'electron') ||
  nativePackages.some((name) => isPackage(id, name));

/** Entries of worker threads the core starts (each `new URL('./NAME.ts', import.meta.url)`). */
export const workerEntries = [
  fromRoot('./main/core/data/backup-copy-worker.ts'),
  fromRoot('./main/core/data/csv-import-worker.ts'),
  fromRoot('./main/core/data/csv-write-worker.ts'),
  fromRoot('./main/core/db/integrity-check-worker.ts'),
  fromRoot('./main/core/db/upgrade-worker.ts'),
];

/**
 * [Note: worker entries] A worker thread runs a file of its own, so each worker entry is
 * emitted as an entry chunk at the top of the output folder (sharing chunks with the rest
 * of the build), and the `'./NAME.ts'` literal that names it next to its source becomes
 * its path relative to the chunk that holds the literal. From the sources the literal
 * already names the right file: Node strips its types.
 */
export function workerEntryChunks(): Plugin {
  const refs = new Map<string, string>();
  return {
    name: 'starling:worker-entries',
    buildStart() {
      for (const entry of workerEntries) {
        const name = path.basename(entry, '.ts');
        refs.set(name, this.emitFile({ type: 'chunk', id: entry, fileName: `${name}.js` }));
      }
    },
    renderChunk(code, chunk) {
      let out = code;
      for (const [name, ref] of refs) {
        const relative = path.posix.relative(
          path.posix.dirname(chunk.fileName),
          this.getFileName(ref),
        );
        const url = relative.startsWith('.') ? relative : `./${relative}`;
        out = out.replace(new RegExp(`(["'\`])\\./${name}\\.ts\\1`, 'g'), `$1${url}$1`);
      }
      return out === code ? null : { code: out, map: null };
    },
  };
}

/** The tray and window icon travel with the main bundle (build/ is not packaged). */
function appIcon(): Plugin {
  return {
    name: 'starling:app-icon',
    applyToEnvironment: (environment) => environment.name === 'main',
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: 'icon.png',
        source: fs.readFileSync(fromRoot('./build/icon.png')),
      });
    },
  };
}

export default defineConfig({
  root: fromRoot('.'),
  // Nothing of the renderer's public/ or index.html belongs to these bundles.
  publicDir: false,
  // Aliases are shared by the environments; only the main bundle meets punycode.
  resolve: { alias: mainAliases },
  logLevel: 'warn',
  plugins: [
    appIcon(),
    withoutPolyfills(),
    { ...workerEntryChunks(), applyToEnvironment: (environment) => environment.name === 'main' },
  ],
  builder: {
    async buildApp(builder) {
      const { main, preload } = builder.environments;
      if (main === undefined || preload === undefined) throw new Error('missing environment');
      await builder.build(main);
      await builder.build(preload);
    },
  },
  environments: {
    main: {
      consumer: 'server',
      resolve: { noExternal: true },
      build: {
        outDir: fromRoot('./out/main'),
        emptyOutDir: true,
        target: 'node22',
        sourcemap: true,
        rolldownOptions: {
          // Both at the top of out/main: main.js finds the preload and the UI beside it.
          input: {
            index: fromRoot('./main/shell/index.ts'),
            main: fromRoot('./main/shell/main.ts'),
          },
          external: mainExternal,
          output: { format: 'es', entryFileNames: '[name].js', minify: mainMinify },
        },
      },
    },
    preload: {
      consumer: 'server',
      resolve: { noExternal: true },
      define: { __STARLING_CHANNELS__: JSON.stringify(channels) },
      build: {
        outDir: fromRoot('./out/preload'),
        emptyOutDir: true,
        target: 'node22',
        minify: false,
        sourcemap: false,
        rolldownOptions: {
          input: fromRoot('./preload/index.ts'),
          external: ['electron'],
          output: { format: 'cjs', entryFileNames: 'index.cjs' },
        },
      },
    },
  },
});
