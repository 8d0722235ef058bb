// Route tables: XRPC methods by NSID under /xrpc/, with the auth each needs and the
// rate-limit bucket it spends; and plain pages (Open Graph pages and their images).
import type { FakeRequest } from '../http-kit/request.ts';
import type { Bucket } from './rate-limits.ts';
import type { Reply } from './replies.ts';

type Answer = Reply | Promise<Reply>;

/**
 * access: an access JWT; optional: an access JWT if one is sent (appview reads);
 * refresh / refresh-expired: a refresh JWT (deleteSession takes an expired one);
 * none: the handler checks by itself (service-auth on the video endpoints).
 */
export type AuthMode = 'access' | 'optional' | 'refresh' | 'refresh-expired' | 'none';

export interface XrpcCall {
  req: FakeRequest;
  /** The caller's DID once authenticated. */
  did: string | null;
  /** The refresh token's id on refresh-authenticated methods. */
  jti: string | null;
}

export interface XrpcRoute {
  nsid: string;
  method: 'GET' | 'POST';
  auth: AuthMode;
  /** Default: the global bucket. */
  bucket?: Bucket;
  /** Points one call spends; default 1 (a create spends 3 of repo-write-hour). */
  points?: number;
  handle(call: XrpcCall): Answer;
}

export interface PageRoute {
  pattern: string;
  handle(req: FakeRequest): Answer;
}

export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (const [i, segment] of want.entries()) {
    const actual = got[i] ?? '';
    if (segment.startsWith(':')) {
      if (actual === '') return null;
      params[segment.slice(1)] = decodeURIComponent(actual);
    } else if (segment !== actual) {
      return null;
    }
  }
  return params;
}
