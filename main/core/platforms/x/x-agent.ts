// [Note: X routing] How every X API call leaves the process. Unset
// STARLING_X_API_ORIGIN: a keep-alive HTTPS agent to the real hosts. Set to
// http://127.0.0.1:PORT: an agent that claims protocol 'https:' (so twitter-api-v2 keeps
// its real URLs, Host header and OAuth signatures) but dials plain TCP to that origin.
// Rewriting URLs instead would break OAuth 1.0a signatures and the upload host.
import type http from 'node:http';
import { http as httpModule, https } from '../../adapters/node-http.ts';
import net from 'node:net';
import { localOrigin } from '../origin-override.ts';

export interface XRoute {
  agent: http.Agent;
  /** Where the browser is sent to authorize: x.com, or the local origin in tests. */
  authorizeOrigin: string;
  /** Set when calls go to a local stand-in for X. */
  localOrigin: URL | null;
}

class LoopbackAsHttpsAgent extends httpModule.Agent {
  readonly protocol = 'https:';
  readonly #target: URL;
  constructor(target: URL) {
    super({ keepAlive: true });
    this.#target = target;
  }
  override createConnection(): net.Socket {
    return net.connect({
      host: this.#target.hostname.replace(/^\[|\]$/g, ''),
      port: Number(this.#target.port),
    });
  }
}

export function createXRoute(env: NodeJS.ProcessEnv = process.env): XRoute {
  const local = localOrigin('STARLING_X_API_ORIGIN', env, 'not a URL');
  if (local === null) {
    return {
      agent: new https.Agent({ keepAlive: true }),
      authorizeOrigin: 'https://x.com',
      localOrigin: null,
    };
  }
  return {
    agent: new LoopbackAsHttpsAgent(local),
    authorizeOrigin: local.origin,
    localOrigin: local,
  };
}
