// Entry of the Electron main process (out/main/index.js). [Note: compile cache] V8 keeps
// the compiled code of the main bundle between launches (Node's module compile cache, in
// the OS temp folder or $NODE_COMPILE_CACHE), which spares each start most of its parse
// time. It covers only modules loaded after it is switched on, so this file turns it on
// and then loads the app (main.ts → out/main/main.js) with a dynamic import. Electron
// emits 'ready' once this entry has settled, top-level await included, so everything
// main.ts does before 'ready' still happens before it.
import module from 'node:module';

module.enableCompileCache();
await import('./main.ts');
