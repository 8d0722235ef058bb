// The route table and its matching. Requests arrive by Host, as the origin override
// delivers them; Graph paths start with the version (/v24.0/…), which is taken off before
// matching. Routes are tried in order and a handler may answer null ("not one of mine"),
// so a module of its own (instagram-*.ts) can add GET /:id for the ids it knows.
import type { FakeRequest } from '../http-kit/request.ts';
import type { Reply } from './replies.ts';
import type { AppRecord, Store, TokenRecord, UserRecord } from './store.ts';

export const graphHost = 'graph.facebook.com';
export const graphVideoHost = 'graph-video.facebook.com';
export const wwwHost = 'www.facebook.com';
export const ruploadHost = 'rupload.facebook.com';

export type Answer = Reply | null | Promise<Reply | null>;

/** Whoever a Graph call's token stands for. */
export interface Caller {
  record: TokenRecord;
  user: UserRecord;
  app: AppRecord;
  scopes: ReadonlySet<string>;
  /** The Graph version the path named (v24.0). */
  version: string;
}

export type Route =
  /**
   * A Graph call with a token (Authorization: Bearer/OAuth, or access_token): checked,
   * counted against the app's or the Page's usage, and admitted by any one of `scopes`.
   */
  | {
      kind: 'graph';
      method: string;
      /** After the version: '/:id/feed'. */
      pattern: string;
      /** Default: graph.facebook.com. */
      hosts?: readonly string[];
      scopes: readonly string[];
      handle(req: FakeRequest, caller: Caller): Answer;
    }
  /** Anything that checks its own credentials or none: the token endpoint, the dialog, uploads. */
  | {
      kind: 'open';
      method: string;
      pattern: string;
      /** 'browser': www.facebook.com, or the fake's own address as a browser reaches it. */
      hosts: readonly string[] | 'browser';
      /** Whether the path starts with a version. */
      versioned: boolean;
      handle(req: FakeRequest): Answer;
    };

/** A module's routes, built from the shared store (see routes.ts). */
export type RouteModule = (store: Store) => Route[];

export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (const [i, segment] of want.entries()) {
    const actual = got[i] ?? '';
    if (segment.startsWith(':')) {
      if (actual === '') return null;
      try {
        params[segment.slice(1)] = decodeURIComponent(actual);
      } catch {
        return null;
      }
    } else if (segment !== actual) {
      return null;
    }
  }
  return params;
}

/** The version and the rest of a versioned path, or null. */
export function splitVersion(path: string): { version: string; rest: string } | null {
  const match = /^\/(v\d+\.\d+)(\/.*)$/.exec(path);
  return match === null ? null : { version: match[1] ?? '', rest: match[2] ?? '/' };
}

/** Every route matching the request, in table order, with its params. */
export function* candidates(
  routes: readonly Route[],
  req: FakeRequest,
): Generator<{ route: Route; params: Record<string, string>; version: string }> {
  const split = splitVersion(req.path);
  for (const route of routes) {
    if (route.method !== req.method) continue;
    const hosts = route.kind === 'graph' ? (route.hosts ?? [graphHost]) : route.hosts;
    const admitted =
      hosts === 'browser'
        ? req.host === wwwHost || !req.host.endsWith('.facebook.com')
        : hosts.includes(req.host);
    if (!admitted) continue;
    const versioned = route.kind === 'graph' || route.versioned;
    if (versioned && split === null) continue;
    const params = matchPath(route.pattern, versioned ? (split?.rest ?? '') : req.path);
    if (params !== null) yield { route, params, version: split?.version ?? '' };
  }
}
