// [Note: Meta routing] Where Graph API calls go. Unset STARLING_META_API_ORIGIN: Meta's
// hosts over HTTPS. Set to http://127.0.0.1:PORT (tests, a local proxy): every request for
// graph.facebook.com, www.facebook.com or rupload.facebook.com (and any other
// *.facebook.com address an answer hands out) goes to that origin over plain HTTP, keeping
// its Host header and path, as LinkedIn's and X's routes do; the browser is sent there to
// sign in.
import { localOrigin } from '../origin-override.ts';

export const graphHost = 'graph.facebook.com';
export const wwwHost = 'www.facebook.com';
export const ruploadHost = 'rupload.facebook.com';
/** Where Meta documents video uploads to a Page. */
export const graphVideoHost = 'graph-video.facebook.com';

export interface MetaRoute {
  /** Set when calls go to a local stand-in for Meta. */
  local: URL | null;
  /** Where the browser signs in: https://www.facebook.com, or the local origin. */
  dialogOrigin: string;
}

export function metaRoute(env: NodeJS.ProcessEnv = process.env): MetaRoute {
  const local = localOrigin('STARLING_META_API_ORIGIN', env, 'not a URL');
  return { local, dialogOrigin: local?.origin ?? `https://${wwwHost}` };
}

/** Hosts a token may be sent to: Meta's own (upload addresses included). */
export function isMetaHost(host: string): boolean {
  return host === graphHost || host.endsWith('.facebook.com');
}
