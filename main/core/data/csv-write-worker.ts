// Entry of a CSV import's writing thread ([Note: import pipeline] in csv-import-protocol.ts;
// bundled as a file of its own, see workerEntries in vite.electron.config.ts): opens its
// own connection, takes the write lock, writes each batch of rows the import thread sends,
// and commits or rolls back when told (or rolls back by itself on any error), then closes
// the connection and ends.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { failure } from '../../../shared/result.ts';
import { bufferedUuidv7 } from '../adapters/buffered-uuidv7.ts';
import { openSecondConnection, type SecondConnection } from '../db/second-connection.ts';
import {
  toThreadError,
  type WriteJob,
  type WriteOrder,
  type WriteReply,
} from './csv-import-protocol.ts';
import { createImportWriter } from './csv-import-writer.ts';
import { unpackRows } from './packed-rows.ts';

if (parentPort === null) throw new Error('csv-write-worker.ts runs as a worker thread only.');
const port: MessagePort = parentPort;
const job = workerData as WriteJob;
const cancelFlag = new Int32Array(job.cancel);
const controller = new AbortController();

const reply = (message: WriteReply) => {
  port.postMessage(message);
};

let connection: SecondConnection | null = null;
let writer: ReturnType<typeof createImportWriter> | null = null;
/** Orders run one after another; a media copy makes a batch asynchronous. */
let turn = Promise.resolve();

/**
 * Ends the import here: rolled back (or committed), connection closed, thread free to end.
 * The outcome is sent once the connection is closed; `committed` was sent before.
 */
async function finish(outcome: WriteReply | null, rollback: boolean): Promise<void> {
  const open = connection;
  connection = null;
  try {
    if (rollback) await writer?.rollback();
  } finally {
    writer = null;
    await open?.db.destroy();
    if (outcome !== null) reply(outcome);
    // No more orders to wait for: the thread ends once this reply is on its way.
    port.unref();
  }
}

async function handle(order: Exclude<WriteOrder, { type: 'cancel' }>): Promise<void> {
  // After the end every order is moot: the import thread has the outcome.
  if (writer === null) return;
  try {
    switch (order.type) {
      case 'rows':
        if (Atomics.load(cancelFlag, 0) !== 0) throw failure('CANCELLED', job.cancelledMessage);
        await writer.write({ rows: unpackRows(order.batch.rows), media: order.batch.media });
        reply({ type: 'written' });
        return;
      case 'commit':
        writer.commit();
        // [Note: checkpoint after the answer] in csv-import-writer.ts.
        reply({ type: 'committed' });
        writer.checkpoint();
        await finish(null, false);
        return;
      case 'rollback':
        await finish({ type: 'rolled-back' }, true);
        return;
    }
  } catch (error) {
    await finish({ type: 'failed', error: toThreadError(error) }, true);
  }
}

port.on('message', (order: WriteOrder) => {
  if (order.type === 'cancel') {
    controller.abort();
    return;
  }
  turn = turn.then(() => handle(order));
});

try {
  connection = openSecondConnection(job.dbFile, { readonly: false });
  writer = createImportWriter({
    connection,
    dataDir: job.dataDir,
    ports: { clock: { now: () => job.now }, newId: bufferedUuidv7() },
    signal: controller.signal,
    onMedia: (files) => {
      reply({ type: 'media', files });
    },
  });
  writer.begin();
  reply({ type: 'began' });
} catch (error) {
  turn = finish({ type: 'failed', error: toThreadError(error) }, true);
}
