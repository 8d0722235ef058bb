// One HTTP exchange with a network through its route (the network's route.ts), with
// node:http/https rather than fetch: fetch drops the Host header the origin override must
// keep. Every request opens its own connection: a kept-alive socket the network closed
// meanwhile fails after the request was written, which would make a post's fate unknown
// for nothing. Any HTTP status is an answer; only a missing answer throws, saying whether
// the request could have reached the network. `network` is the network's name as its
// messages say it ("LinkedIn", "Meta", "Threads").
import type { ClientRequest, IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { http, https } from '../adapters/node-http.ts';

/** Every call gives up after this long unless it says otherwise (30 s, like X's). */
export const exchangeTimeoutMs = 30_000;

/** Where a network's calls go: its real hosts over HTTPS, or `local` (see its route.ts). */
export interface ExchangeRoute {
  local: URL | null;
}

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * No answer came back from `network`. `sent`: the connection was open, so the network may
 * have acted on it. Its name (`LinkedInNoAnswer`, ...) says which network.
 */
export class NoAnswer extends Error {
  override readonly name: string;
  readonly network: string;
  readonly sent: boolean;
  constructor(network: string, message: string, sent: boolean) {
    super(message);
    this.name = `${network}NoAnswer`;
    this.network = network;
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

function open(route: ExchangeRoute, url: URL, method: string, headers: Record<string, string>) {
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

export function exchange(network: string, route: ExchangeRoute, x: Exchange): Promise<Answer> {
  const url = new URL(x.url);
  const body = typeof x.body === 'string' ? Buffer.from(x.body) : x.body;
  const headers = {
    ...x.headers,
    ...(body === undefined ? {} : { 'content-length': String(body.length) }),
  };
  const timeoutMs = x.timeoutMs ?? exchangeTimeoutMs;
  return new Promise<Answer>((resolve, reject) => {
    let connected = false;
    let settled = false;
    const fail = (message: string, sent: boolean) => {
      if (settled) return;
      settled = true;
      reject(new NoAnswer(network, message, sent));
    };
    const req: ClientRequest = open(route, url, x.method, headers);
    req.on('socket', (socket) => {
      socket.once(route.local === null ? 'secureConnect' : 'connect', () => {
        connected = true;
      });
    });
    req.setTimeout(timeoutMs, () => {
      fail(`${network} did not answer within ${String(Math.round(timeoutMs / 1000))} s`, connected);
      req.destroy();
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      fail(error.code ?? error.message, connected);
    });
    req.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (error) => {
        fail(`the answer was cut off: ${error.message}`, true);
      });
      res.on('end', () => {
        if (settled) return;
        if (!res.complete) {
          fail('the answer was cut off', true);
          return;
        }
        settled = true;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
      });
    });
    req.end(body);
  });
}

/** The answer's body parsed as JSON, whatever its type says; undefined when empty or not JSON. */
export function bodyJson(answer: Answer): unknown {
  if (answer.body.length === 0) return undefined;
  try {
    return JSON.parse(answer.body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The answer's JSON body, or undefined when it has none or it is not JSON. */
export function jsonOf(answer: Answer): unknown {
  const type = answer.headers['content-type'] ?? '';
  return /json/i.test(type) ? bodyJson(answer) : undefined;
}

/** A header's value as one string ('' when absent). */
export function header(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name.toLowerCase()];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/** The exchange and its NoAnswer for one network, named as its messages say it. */
export function networkExchange(network: string) {
  return {
    exchange: (route: ExchangeRoute, x: Exchange): Promise<Answer> => exchange(network, route, x),
    /** `network` did not answer; `sent`: the connection was open, so it may have acted on it. */
    noAnswer: (message: string, sent: boolean): NoAnswer => new NoAnswer(network, message, sent),
    /** Whether `error` is this network's NoAnswer (not another network's). */
    isNoAnswer: (error: unknown): error is NoAnswer =>
      error instanceof NoAnswer && error.network === network,
  };
}
