// One HTTP exchange with Meta through its route (route.ts), with node:http/https rather
// than fetch: fetch drops the Host header the origin override must keep. Every request
// opens its own connection, so a kept-alive socket Meta closed meanwhile never makes a
// post's fate unknown for nothing. Any HTTP status is an answer; only a missing answer
// throws, saying whether the request could have reached Meta.
import type { ClientRequest, IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { http, https } from '../../adapters/node-http.ts';
import type { MetaRoute } from './route.ts';

/** Every call gives up after this long unless it says otherwise. */
export const metaTimeoutMs = 30_000;

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** No answer came back. `sent`: the connection was open, so Meta may have acted on it. */
export class MetaNoAnswer extends Error {
  override readonly name = 'MetaNoAnswer';
  readonly sent: boolean;
  constructor(message: string, sent: boolean) {
    super(message);
    this.sent = sent;
  }
}

export interface Exchange {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  timeoutMs?: number;
}

function open(route: MetaRoute, url: URL, method: string, headers: Record<string, string>) {
  const path = `${url.pathname}${url.search}`;
  if (route.local !== null) {
    return http.request({
      host: route.local.hostname.replace(/^\[|\]$/g, ''),
      port: Number(route.local.port),
      method,
      path,
      headers: { ...headers, host: url.host },
      agent: false,
    });
  }
  return https.request({ host: url.hostname, method, path, headers, agent: false });
}

export function exchange(route: MetaRoute, x: Exchange): Promise<Answer> {
  const url = new URL(x.url);
  const body = typeof x.body === 'string' ? Buffer.from(x.body) : x.body;
  const headers = {
    ...x.headers,
    ...(body === undefined ? {} : { 'content-length': String(body.length) }),
  };
  const timeoutMs = x.timeoutMs ?? metaTimeoutMs;
  return new Promise<Answer>((resolve, reject) => {
    let connected = false;
    let settled = false;
    const fail = (error: MetaNoAnswer) => {
      if (settled) return;
      settled = true;
      reject(error);
    };
    const req: ClientRequest = open(route, url, x.method, headers);
    req.on('socket', (socket) => {
      socket.once(route.local === null ? 'secureConnect' : 'connect', () => {
        connected = true;
      });
    });
    req.setTimeout(timeoutMs, () => {
      fail(
        new MetaNoAnswer(
          `Meta did not answer within ${String(Math.round(timeoutMs / 1000))} s`,
          connected,
        ),
      );
      req.destroy();
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      fail(new MetaNoAnswer(error.code ?? error.message, connected));
    });
    req.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (error) => {
        fail(new MetaNoAnswer(`the answer was cut off: ${error.message}`, true));
      });
      res.on('end', () => {
        if (settled) return;
        if (!res.complete) {
          fail(new MetaNoAnswer('the answer was cut off', true));
          return;
        }
        settled = true;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
      });
    });
    req.end(body);
  });
}

/** The answer's JSON body, or undefined when it has none or it is not JSON. */
export function jsonOf(answer: Answer): unknown {
  if (answer.body.length === 0) return undefined;
  try {
    return JSON.parse(answer.body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** A header's value as one string ('' when absent). */
export function header(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name.toLowerCase()];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}
