#!/usr/bin/env node
// Entry point of `npx starling`. It runs the CLI bundle (out/cli, built by `npm run build`,
// `npm start` and `npm test`) when that is up to date, and otherwise the TypeScript sources
// directly through Node's type stripping, so it also works straight after `npm install`.
// Loading one bundle is several times faster than resolving hundreds of source modules.
import module from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freshCliBundle } from './cli-bundle.js';

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `starling: needs Node 22.18 or newer (this is ${process.version}). ` +
      'Run it as `npx starling` inside the project, which uses the Node installed with it.\n',
  );
  process.exit(1);
}
// V8 keeps the compiled code of the bundle between runs (in the OS temp folder, or
// $NODE_COMPILE_CACHE), which spares every command most of its parse time.
module.enableCompileCache?.();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = freshCliBundle(root);
const { main } = await import(bundle === null ? '../main/cli/main.ts' : pathToFileURL(bundle).href);
await main(process.argv.slice(2));
