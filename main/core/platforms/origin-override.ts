// The origin override every network's route reads (DESIGN.md §3; each network's
// [Note: ... routing] says which hosts it covers): an env var naming a local server,
// http://127.0.0.1:PORT, that takes the network's calls over plain HTTP in place of its
// real hosts. Only a loopback origin with a port and no path is taken.
import { failure } from '../../../shared/result.ts';

/**
 * The local origin `envName` names, or null when it is unset or empty. `unparsable`: what
 * a value that is no URL at all is told, "not a URL" or the same as any other wrong value.
 */
export function localOrigin(
  envName: string,
  env: NodeJS.ProcessEnv,
  unparsable: 'not a URL' | 'not local',
): URL | null {
  const value = env[envName];
  if (value === undefined || value === '') return null;
  const url = URL.parse(value);
  if (url === null && unparsable === 'not a URL') {
    throw failure('VALIDATION', `${envName} is not a URL: ${value}`);
  }
  const loopback = url !== null && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url?.protocol !== 'http:' || !loopback || url.port === '' || url.pathname !== '/') {
    throw failure(
      'VALIDATION',
      `${envName} must look like http://127.0.0.1:PORT (a local server), not ${value}`,
    );
  }
  return url;
}
