// [Note: Threads routing] Where Threads calls go. Unset STARLING_THREADS_API_ORIGIN: the
// real hosts over HTTPS. Set to http://127.0.0.1:PORT (tests, a local proxy): every request
// for graph.threads.net or threads.net goes to that origin over plain HTTP, keeping its
// Host header and path, as LinkedIn's route does; the browser is sent there to authorize.
import { failure } from '../../../../shared/result.ts';

export const graphHost = 'graph.threads.net';
export const wwwHost = 'threads.net';

export interface ThreadsRoute {
  /** Set when calls go to a local stand-in for Threads. */
  local: URL | null;
  /** Where the browser is sent to authorize: https://threads.net, or the local origin. */
  authorizeOrigin: string;
}

const envName = 'STARLING_THREADS_API_ORIGIN';

export function threadsRoute(env: NodeJS.ProcessEnv = process.env): ThreadsRoute {
  const value = env[envName];
  if (value === undefined || value === '') {
    return { local: null, authorizeOrigin: `https://${wwwHost}` };
  }
  const url = URL.parse(value);
  const loopback = url !== null && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url?.protocol !== 'http:' || !loopback || url.port === '' || url.pathname !== '/') {
    throw failure(
      'VALIDATION',
      `${envName} must look like http://127.0.0.1:PORT (a local server), not ${value}`,
    );
  }
  return { local: url, authorizeOrigin: url.origin };
}
