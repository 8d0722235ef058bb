// The browser host (`starling serve`): the same core as the desktop app, in plain Node,
// serving the built renderer and the IPC contract over a WebSocket on 127.0.0.1 only.
// [Note: browser host locks] Every socket must present the per-launch token and come
// from this server's own Origin with a loopback Host header, so neither another site
// in the user's browser nor a DNS-rebinding page can drive the core.
// While the core is still opening (upgrading the user's data, which can take minutes) the
// host already listens and serves the upgrade page in place of the app, with what the
// upgrade is doing at api/upgrade for the same token ([Note: upgrade progress]).
import crypto from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { SocketMessage } from '../../shared/ipc/bridge.ts';
import type { Core } from '../core/create-core.ts';
import type { Logger } from '../core/ports.ts';
import { securityHeaders } from '../serving/renderer-assets.ts';
import {
  upgradeStatusPath,
  type UpgradeProgress,
  type UpgradeStatus,
} from '../../shared/upgrade-progress.ts';
import { mediaRoutePrefix } from '../serving/media-routes.ts';
import { serveMedia } from './media-http.ts';
import { resolveStaticFile, sendStaticFile } from './static-files.ts';

export interface BrowserHostOptions {
  /** The core, or its opening: until that settles the upgrade page stands in for the app. */
  core: Core | Promise<Core>;
  /** What the upgrade is doing while the core opens (null before it says). */
  upgradeProgress?: () => UpgradeProgress | null;
  rendererDir: string;
  port: number;
  logger: Logger;
  /** Fixed token for tests; a random one otherwise. */
  token?: string;
}

export interface BrowserHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const maxMessageBytes = 1024 * 1024;
const upgradePage = 'upgrade.html';

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const { rendererDir, logger } = options;
  const token = options.token ?? crypto.randomBytes(24).toString('base64url');
  let core: Core | null = options.core instanceof Promise ? null : options.core;
  if (options.core instanceof Promise) {
    // A failed opening is the caller's to report; the page then finds the host gone.
    options.core.then(
      (opened) => {
        core = opened;
      },
      () => undefined,
    );
  }
  const upgradeStatus = (): UpgradeStatus =>
    core !== null
      ? { state: 'ready' }
      : { state: 'upgrading', progress: options.upgradeProgress?.() ?? null };
  let port = 0;

  const allowedHosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];
  const hostAllowed = (host: string | undefined) =>
    host !== undefined && allowedHosts().includes(host);

  const server = http.createServer((req, res) => {
    if (!hostAllowed(req.headers.host)) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end('Misdirected request');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === upgradeStatusPath) {
      const presented = req.headers['x-starling-token'];
      const status =
        req.method !== 'GET'
          ? 405
          : typeof presented !== 'string' || !tokensEqual(presented, token)
            ? 401
            : 200;
      res
        .writeHead(status, {
          ...securityHeaders,
          'Content-Type': 'application/json',
          'Cache-Control': 'no-store',
        })
        .end(status === 200 ? JSON.stringify(upgradeStatus()) : '{}');
      return;
    }
    if (url.pathname.startsWith(mediaRoutePrefix)) {
      if (core === null) {
        res.writeHead(503, { 'content-type': 'text/plain' }).end('Starting');
        return;
      }
      void serveMedia(req, res, url, {
        core,
        logger,
        tokenValid: (presented) => tokensEqual(presented, token),
        allowedOrigins: () => allowedHosts().map((h) => `http://${h}`),
      }).catch((error: unknown) => {
        logger.warn('media response failed', { error: String(error) });
        res.destroy();
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const pathname = url.pathname;
    const file = resolveStaticFile(rendererDir, pathname);
    if (file === null) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    const opening = core === null && path.basename(file) === 'index.html';
    sendStaticFile(res, opening ? path.join(rendererDir, upgradePage) : file);
  });

  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: maxMessageBytes,
  });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const origin = req.headers.origin;
    const presented = url.searchParams.get('token') ?? '';
    const refuse = (status: number, why: string) => {
      logger.warn('browser host refused a socket', { why, host: req.headers.host, origin });
      socket.end(
        `HTTP/1.1 ${String(status)} ${why}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
      );
    };
    const refusal =
      url.pathname !== '/ipc'
        ? ([404, 'Not Found'] as const)
        : !hostAllowed(req.headers.host)
          ? ([421, 'Misdirected Request'] as const)
          : origin === undefined || !allowedHosts().some((h) => origin === `http://${h}`)
            ? ([403, 'Forbidden'] as const)
            : !tokensEqual(presented, token)
              ? ([401, 'Unauthorized'] as const)
              : core === null
                ? ([503, 'Service Unavailable'] as const)
                : null;
    if (refusal !== null) {
      refuse(refusal[0], refusal[1]);
      return;
    }
    const ready = core;
    if (ready === null) return;
    sockets.handleUpgrade(req, socket, head, (ws) => {
      serveSocket(ws, ready, logger);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}

function serveSocket(ws: WebSocket, core: Core, logger: Logger): void {
  const send = (message: SocketMessage) => {
    ws.send(JSON.stringify(message));
  };
  const unsubscribe = core.events.subscribe((event, payload) => {
    send({ kind: 'event', event, payload });
  });
  ws.on('close', unsubscribe);
  ws.on('error', (error) => {
    logger.warn('browser host socket error', { error: String(error) });
  });
  ws.on('message', (data, isBinary) => {
    void (async () => {
      const request = parseRequest(isBinary ? null : rawText(data));
      if (request === null) {
        // Without a usable id there is nobody to answer; id -1 marks a protocol error.
        send({
          kind: 'result',
          id: -1,
          result: {
            ok: false,
            error: {
              code: 'VALIDATION',
              message: 'Malformed message: expected {id, channel, input}.',
            },
          },
        });
        return;
      }
      const result = await core.dispatch(request.channel, request.input);
      send({ kind: 'result', id: request.id, result });
    })();
  });
}

function parseRequest(
  text: string | null,
): { id: number; channel: unknown; input: unknown } | null {
  if (text === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const { id, channel, input } = value as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) return null;
  return { id, channel, input };
}

function rawText(data: WebSocket.RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}

function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}
