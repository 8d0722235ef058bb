// The import thread's side of a CSV import's writing thread ([Note: import pipeline] in
// csv-import-protocol.ts): starts it, hands it rows with at most `messagesInFlight` messages
// on their way, and turns its replies into promises. The thread's first failure (a refused
// write lock, a media file that cannot be copied, a cancel it saw) is thrown by the next
// call. Every import ends with end(), which waits until the thread has closed its
// connection and ended, whatever happened before.
import { Worker } from 'node:worker_threads';
import {
  messagesInFlight,
  fromThreadError,
  type SentRows,
  type WriteJob,
  type WriteOrder,
  type WriteReply,
} from './csv-import-protocol.ts';

/** The entry next to this file ([Note: worker entries] in csv-import-thread.ts). */
const writerEntry = () => new URL('./csv-write-worker.ts', import.meta.url);

export type WriteLink = ReturnType<typeof startWriter>;

/** Writing threads of this thread not yet ended, each as the promise of its end. */
const live = new Set<Promise<void>>();

/**
 * Resolves once every writing thread started here has ended: after a commit one runs on
 * for its checkpoint ([Note: checkpoint after the answer] in csv-import-writer.ts).
 */
export async function writersEnded(): Promise<void> {
  await Promise.all([...live]);
}

export function startWriter(job: WriteJob, onMedia: (files: number) => void) {
  const worker = new Worker(writerEntry(), {
    name: 'csv-write',
    workerData: job,
    // As the import thread's (csv-import-thread.ts): each batch's values live briefly.
    resourceLimits: { maxYoungGenerationSizeMb: 8 },
  });
  const ended = new Promise<void>((resolve) => {
    worker.once('exit', () => {
      resolve();
    });
  });
  live.add(ended);
  void ended.then(() => live.delete(ended));
  let began = false;
  let sent = 0;
  let written = 0;
  /** How the thread ended its transaction; null while it holds it. */
  let outcome: 'committed' | 'rolled-back' | Error | null = null;
  let exited = false;
  let wake: (() => void)[] = [];
  const notify = () => {
    const waiting = wake;
    wake = [];
    for (const resolve of waiting) resolve();
  };
  /** Waits until `done()` holds; throws the thread's failure as soon as there is one. */
  async function until(done: () => boolean): Promise<void> {
    for (;;) {
      if (outcome instanceof Error) throw outcome;
      if (done()) return;
      if (exited || outcome !== null) throw new Error('The import’s writing thread has ended.');
      await new Promise<void>((resolve) => wake.push(resolve));
    }
  }
  const send = (order: WriteOrder, transfer: ArrayBuffer[] = []) => {
    worker.postMessage(order, transfer);
  };

  worker.on('message', (message: WriteReply) => {
    switch (message.type) {
      case 'began':
        began = true;
        break;
      case 'written':
        written += 1;
        break;
      case 'media':
        onMedia(message.files);
        break;
      case 'committed':
      case 'rolled-back':
        outcome = message.type;
        break;
      case 'failed':
        outcome = fromThreadError(message.error, 'Writing the CSV import');
        break;
    }
    notify();
  });
  worker.on('error', (error) => {
    outcome ??= error;
    notify();
  });
  worker.on('exit', () => {
    exited = true;
    outcome ??= new Error('The import’s writing thread stopped before it finished.');
    notify();
  });

  return {
    /** Resolves once the thread holds the write lock. */
    ready: () => until(() => began),

    /** Sends a batch; waits while `messagesInFlight` are on their way. */
    async write(batch: SentRows): Promise<void> {
      await until(() => true);
      const { rows, media } = batch;
      send({ type: 'rows', batch: { rows, media } }, [rows.buffer]);
      sent += 1;
      await until(() => sent - written < messagesInFlight);
    },

    /** Resolves once every batch sent is written. */
    flush: () => until(() => written === sent),

    async commit(): Promise<void> {
      await until(() => written === sent);
      send({ type: 'commit' });
      await until(() => outcome === 'committed');
    },

    /** Stops a media copy half-way (the cancel flag stops the batches). */
    cancel(): void {
      if (!exited) send({ type: 'cancel' });
    },

    /**
     * Rolls the import back unless it is over, and waits for the thread to end (it ends
     * itself once its transaction is over): after this, nothing of the import runs but,
     * after a commit, the thread's checkpoint ([Note: checkpoint after the answer] in
     * csv-import-writer.ts), which ends the thread by itself.
     */
    async end(): Promise<void> {
      if (outcome === null && !exited) send({ type: 'rollback' });
      while (!exited && outcome !== 'committed') {
        await new Promise<void>((resolve) => wake.push(resolve));
      }
    },
  };
}
