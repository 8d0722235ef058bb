// [Note: LinkedIn routing] Where LinkedIn calls go. Unset STARLING_LINKEDIN_API_ORIGIN:
// the real hosts over HTTPS. Set to http://127.0.0.1:PORT (tests, a local proxy): every
// request for api.linkedin.com or www.linkedin.com (and the signed upload URLs LinkedIn
// hands out on them) goes to that origin over plain HTTP, keeping its Host header and
// path, as X's route does; the browser is sent there to authorize.
import { localOrigin } from '../origin-override.ts';

export const apiHost = 'api.linkedin.com';
export const wwwHost = 'www.linkedin.com';

export interface LinkedInRoute {
  /** Set when calls go to a local stand-in for LinkedIn. */
  local: URL | null;
  /** Where the browser is sent to authorize: https://www.linkedin.com, or the local origin. */
  authorizeOrigin: string;
}

export function linkedinRoute(env: NodeJS.ProcessEnv = process.env): LinkedInRoute {
  const local = localOrigin('STARLING_LINKEDIN_API_ORIGIN', env, 'not a URL');
  return { local, authorizeOrigin: local?.origin ?? `https://${wwwHost}` };
}

/** Hosts our tokens may be sent to: LinkedIn's own (upload URLs included). */
export function isLinkedInHost(host: string): boolean {
  return host === apiHost || host === wwwHost || host.endsWith('.linkedin.com');
}
