// Round trips through the browser host's WebSocket, as the renderer makes them: a core
// and a host on a benchmark data folder, and a timed call that waits for (and parses) its
// own answer. Shared by the IPC and calendar round-trip benchmarks.
import fs from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { createNodePorts } from '../main/core/adapters/node-ports.ts';
import { createCore } from '../main/core/create-core.ts';
import { startBrowserHost } from '../main/host/browser-host.ts';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

export interface HostRoundTrip {
  /** Milliseconds from sending `channel` to its parsed answer. */
  call(channel: string, input: unknown): Promise<number>;
  close(): Promise<void>;
}

export async function openHostRoundTrip(dataDir: string): Promise<HostRoundTrip> {
  const core = await createCore({
    dataDir,
    host: 'browser',
    ports: createNodePorts(dataDir, { logger: silent }),
  });
  const rendererDir = fs.mkdtempSync(path.join(dataDir, 'renderer-'));
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '');
  const host = await startBrowserHost({ core, rendererDir, port: 0, logger: silent });
  const ws = new WebSocket(`ws://127.0.0.1:${String(host.port)}/ipc?token=${host.token}`, {
    headers: { origin: `http://127.0.0.1:${String(host.port)}` },
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let nextId = 0;
  return {
    call: (channel, input) =>
      new Promise<number>((resolve) => {
        const id = ++nextId;
        const started = performance.now();
        const onMessage = (data: WebSocket.RawData) => {
          // Parsed in full, as the renderer must before it can draw.
          const answer = JSON.parse((data as Buffer).toString('utf8')) as { id?: number };
          if (answer.id === id) {
            ws.off('message', onMessage);
            resolve(performance.now() - started);
          }
        };
        ws.on('message', onMessage);
        ws.send(JSON.stringify({ id, channel, input }));
      }),
    close: async () => {
      ws.close();
      await host.close();
      await core.close();
    },
  };
}

/** `warmUp` untimed calls, then `runs` timed ones. */
export async function timeRoundTrips(
  dataDir: string,
  channel: string,
  input: unknown,
  warmUp: number,
  runs: number,
): Promise<number[]> {
  const trip = await openHostRoundTrip(dataDir);
  try {
    for (let i = 0; i < warmUp; i += 1) await trip.call(channel, input);
    const samples: number[] = [];
    for (let i = 0; i < runs; i += 1) samples.push(await trip.call(channel, input));
    return samples;
  } finally {
    await trip.close();
  }
}
