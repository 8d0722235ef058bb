// Probe run in a fresh process: how long the core takes to be ready on an existing data
// folder (module load, open, migration check), the process's memory once it is, and
// when its first answer comes, and when the full database check is done. It switches on
// Node's compile cache before loading the core, as the desktop app's entry does
// (main/shell/index.ts, [Note: compile cache]); the bench gives it a folder of its own.
import module from 'node:module';

module.enableCompileCache();
const dataDir = process.argv[2];
if (dataDir === undefined) throw new Error('usage: start-core.ts DATA_DIR [--no-check-wait]');
// At a million posts the check takes minutes: the 1m bench times it once, not every run.
const waitForCheck = process.argv[3] !== '--no-check-wait';
const started = performance.now();
const { createCore } = await import('../../main/core/create-core.ts');
const { createNodePorts } = await import('../../main/core/adapters/node-ports.ts');
const core = await createCore({ dataDir, host: 'cli', ports: createNodePorts(dataDir) });
const readyMs = performance.now() - started;
const rssMb = process.memoryUsage().rss / 1024 / 1024;
// A read's answer while SQLite's full check of a big database runs ([Note: start-up check]).
await core.invoke('clients:list', {});
const firstAnswerMs = performance.now() - started;
if (waitForCheck) await core.database.verified;
const verifiedMs = waitForCheck ? performance.now() - started : null;
await core.close();
process.stdout.write(JSON.stringify({ readyMs, rssMb, firstAnswerMs, verifiedMs }));
