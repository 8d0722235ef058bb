// Browser-host transport: the IPC contract over one WebSocket to the server that served
// this page. Calls made while the socket is down wait in a queue; every call resolves to
// a Result, and transport trouble becomes OFFLINE (or UNAUTHORIZED when refused).
import type { Bridge, SocketMessage, SocketRequest } from '../../../shared/ipc/bridge.ts';
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/ipc/contract.ts';
import { isEventName, type EventName, type Events } from '../../../shared/ipc/events.ts';
import type { Result } from '../../../shared/result.ts';
import type { ConnectionStatus } from './connection-store.ts';
import { isResult, offline, transportFailure } from './results.ts';

export interface SocketBridgeOptions {
  /** ws://host/ipc?token=… */
  url: string;
  /** Tells a refused socket (server answers HTTP) from a server that is down. */
  probe: () => Promise<boolean>;
  onStatus: (status: ConnectionStatus) => void;
  createSocket?: (url: string) => WebSocket;
  /** How long a call may wait in the queue for the socket to open. */
  queueTimeoutMs?: number;
}

interface Pending {
  request: SocketRequest;
  resolve: (result: Result<unknown>) => void;
  timer: ReturnType<typeof setTimeout> | undefined;
}

const backoffMs = (attempt: number) =>
  Math.min(10_000, 500 * 2 ** attempt) * (0.8 + Math.random() * 0.4);

const droppedMessage =
  'The connection to Starling dropped before it answered, so this change may or may not have been saved. Check, then try again.';
const unreachableMessage =
  'Starling is not reachable. Check that `starling serve` is still running, then try again.';
const refusedMessage =
  'Starling refused this page. Open the address printed by `starling serve` again.';

export function createSocketBridge(options: SocketBridgeOptions): Bridge {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url));
  const queueTimeoutMs = options.queueTimeoutMs ?? 20_000;
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  const queue: Pending[] = [];
  const inFlight = new Map<number, Pending>();
  let socket: WebSocket | null = null;
  let nextId = 1;
  let attempt = 0;
  let refused = false;

  function setStatus(status: ConnectionStatus) {
    options.onStatus(status);
  }

  function connect() {
    const ws = createSocket(options.url);
    let opened = false;
    ws.addEventListener('open', () => {
      opened = true;
      attempt = 0;
      socket = ws;
      setStatus('open');
      flush();
    });
    ws.addEventListener('message', (event) => {
      if (typeof event.data === 'string') receive(event.data);
    });
    // An 'error' is always followed by 'close'; all the handling happens there.
    ws.addEventListener('close', () => {
      if (socket === ws) socket = null;
      for (const pending of inFlight.values()) pending.resolve(offline(droppedMessage));
      inFlight.clear();
      if (opened) {
        setStatus('reconnecting');
        scheduleReconnect();
      } else {
        void afterFailedAttempt();
      }
    });
  }

  async function afterFailedAttempt() {
    if (await options.probe()) {
      refuse();
      return;
    }
    setStatus('reconnecting');
    scheduleReconnect();
  }

  function refuse() {
    refused = true;
    setStatus('refused');
    for (const pending of queue.splice(0)) {
      clearTimeout(pending.timer);
      pending.resolve(transportFailure('UNAUTHORIZED', refusedMessage));
    }
  }

  function scheduleReconnect() {
    const delay = backoffMs(attempt);
    attempt += 1;
    setTimeout(connect, delay);
  }

  function flush() {
    for (const pending of queue.splice(0)) {
      clearTimeout(pending.timer);
      send(pending);
    }
  }

  function send(pending: Pending) {
    if (socket === null || socket.readyState !== WebSocket.OPEN) {
      enqueue(pending);
      return;
    }
    try {
      socket.send(JSON.stringify(pending.request));
      inFlight.set(pending.request.id, pending);
    } catch {
      pending.resolve(offline(unreachableMessage));
    }
  }

  function enqueue(pending: Pending) {
    if (refused) {
      pending.resolve(transportFailure('UNAUTHORIZED', refusedMessage));
      return;
    }
    pending.timer = setTimeout(() => {
      const index = queue.indexOf(pending);
      if (index !== -1) queue.splice(index, 1);
      pending.resolve(offline(unreachableMessage));
    }, queueTimeoutMs);
    queue.push(pending);
  }

  function receive(text: string) {
    const message = parseMessage(text);
    if (message === null) return;
    if (message.kind === 'result') {
      const pending = inFlight.get(message.id);
      if (pending === undefined) return;
      inFlight.delete(message.id);
      pending.resolve(message.result);
      return;
    }
    for (const listener of listeners.get(message.event) ?? []) {
      try {
        listener(message.payload as never);
      } catch (error) {
        console.error('Starling: an event listener failed', error);
      }
    }
  }

  connect();

  return {
    invoke<C extends Channel>(
      channel: C,
      input: ChannelInput<C>,
    ): Promise<Result<ChannelOutput<C>>> {
      return new Promise((resolve) => {
        const request: SocketRequest = { id: nextId++, channel, input };
        const pending: Pending = {
          request,
          resolve: resolve as (result: Result<unknown>) => void,
          timer: undefined,
        };
        send(pending);
      });
    },
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
      let set = listeners.get(event);
      if (set === undefined) {
        set = new Set();
        listeners.set(event, set);
      }
      const entry = listener as (payload: never) => void;
      set.add(entry);
      return () => {
        listeners.get(event)?.delete(entry);
      };
    },
  };
}

function parseMessage(text: string): SocketMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (value === null || typeof value !== 'object') return null;
  const record = value as Record<string, unknown>;
  if (record['kind'] === 'result') {
    const id = record['id'];
    const result = record['result'];
    if (typeof id !== 'number' || !isResult(result)) return null;
    return { kind: 'result', id, result };
  }
  if (record['kind'] === 'event' && isEventName(record['event'])) {
    return { kind: 'event', event: record['event'], payload: record['payload'] };
  }
  return null;
}

/** True when the page's own server answers HTTP, whatever the status. */
export async function probeServer(origin: string): Promise<boolean> {
  try {
    await fetch(`${origin}/`, {
      method: 'HEAD',
      cache: 'no-store',
      signal: AbortSignal.timeout(3000),
    });
    return true;
  } catch {
    return false;
  }
}
