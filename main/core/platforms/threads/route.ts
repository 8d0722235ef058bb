// [Note: Threads routing] Where Threads calls go. Unset STARLING_THREADS_API_ORIGIN: the
// real hosts over HTTPS. Set to http://127.0.0.1:PORT (tests, a local proxy): every request
// for graph.threads.net or threads.net goes to that origin over plain HTTP, keeping its
// Host header and path, as LinkedIn's route does; the browser is sent there to authorize.
import { localOrigin } from '../origin-override.ts';

export const graphHost = 'graph.threads.net';
export const wwwHost = 'threads.net';

export interface ThreadsRoute {
  /** Set when calls go to a local stand-in for Threads. */
  local: URL | null;
  /** Where the browser is sent to authorize: https://threads.net, or the local origin. */
  authorizeOrigin: string;
}

export function threadsRoute(env: NodeJS.ProcessEnv = process.env): ThreadsRoute {
  const local = localOrigin('STARLING_THREADS_API_ORIGIN', env, 'not local');
  return { local, authorizeOrigin: local?.origin ?? `https://${wwwHost}` };
}
