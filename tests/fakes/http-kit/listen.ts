// The HTTP side every fake shares: reads each request in full into a FakeRequest, hands it
// to the fake's `answer` (which may drop the connection and return null), writes the
// reply, and turns a bug in the fake into a 500 that says where it broke.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeRequest } from './request.ts';

export interface KitReply {
  status: number;
  headers: Record<string, string>;
  body: string | Uint8Array;
}

export type Answer = (req: FakeRequest, socket: { destroy(): void }) => Promise<KitReply | null>;

function toFakeRequest(incoming: http.IncomingMessage, body: Buffer): FakeRequest {
  const target = new URL(incoming.url ?? '/', 'http://fake.invalid');
  return {
    method: (incoming.method ?? 'GET').toUpperCase(),
    // Host header, lower-cased, without a default port.
    host: (incoming.headers.host ?? '').toLowerCase().replace(/:(80|443)$/, ''),
    path: target.pathname,
    url: incoming.url ?? '/',
    query: target.searchParams,
    headers: incoming.headers,
    body,
    params: {},
  };
}

/** Listens on 127.0.0.1 on a free port. `name` names the fake in its own error answers. */
export async function listenFake(
  name: string,
  answer: Answer,
  closing: AbortSignal,
): Promise<http.Server> {
  const server = http.createServer((incoming, res) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      answer(toFakeRequest(incoming, Buffer.concat(chunks)), incoming.socket).then(
        (reply) => {
          if (reply === null) return;
          res.writeHead(reply.status, reply.headers);
          res.end(reply.body);
        },
        (error: unknown) => {
          if (closing.aborted || res.destroyed) return;
          const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
          res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
          res.end(`${name} error: ${message}`);
        },
      );
    });
  });
  // Longer than any test's pauses, so a client never reuses a socket the server is closing.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve();
    });
  });
  return server;
}

export function portOf(server: http.Server): number {
  return (server.address() as AddressInfo).port;
}
