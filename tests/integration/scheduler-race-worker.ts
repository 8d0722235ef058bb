// A second Starling on the same data folder, in its own thread (its own event loop, its
// own SQLite connection), as `starling daemon` next to the app would be. Runs the
// scheduler until told to stop, then reports what it did.
import { parentPort, workerData } from 'node:worker_threads';
import { createNodePorts } from '../../main/core/adapters/node-ports.ts';
import { createPassphraseCipher } from '../../main/core/adapters/passphrase-cipher.ts';
import { createCore } from '../../main/core/create-core.ts';
import { createXRoute } from '../../main/core/platforms/x/x-agent.ts';

const data = workerData as { dataDir: string; origin: string; passphrase: string; start: number };
const offset = Date.now() - data.start;
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const ports = createNodePorts(data.dataDir, {
  // The same instant as the test's fake clock, moving in real time.
  clock: { now: () => Date.now() - offset },
  logger: silent,
  cipher: createPassphraseCipher(data.dataDir, data.passphrase),
  xRoute: createXRoute({ STARLING_X_API_ORIGIN: data.origin }),
});
const core = await createCore({ dataDir: data.dataDir, host: 'cli', ports });
let published = 0;
core.scheduler.onPostEvent((event) => {
  if (event.type === 'target.published') published += 1;
});
await core.scheduler.start();
parentPort?.postMessage({ started: true });
parentPort?.on('message', () => {
  void core.scheduler
    .checkNow()
    .then(() => core.close())
    .then(() => parentPort?.postMessage({ published }));
});
