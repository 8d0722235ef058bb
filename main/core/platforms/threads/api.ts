// The Threads API as Starling calls it: versioned Graph calls on graph.threads.net (the
// access token as the documented access_token parameter: in the query of a GET, in the
// form body of a POST or DELETE) and the OAuth token endpoints. A refusal is thrown as
// ThreadsHttpError with Threads' own words and codes.
import { header, jsonOf, type Answer } from '../http-exchange.ts';
import { exchange } from './http.ts';
import { graphHost, type ThreadsRoute } from './route.ts';

/** The Graph version every call names. */
export const threadsVersion = 'v1.0';

/** A call Threads answered with an error status; `message` is Threads' own words. */
export class ThreadsHttpError extends Error {
  override readonly name = 'ThreadsHttpError';
  readonly status: number;
  /** The Graph error code (190: the token; 4, 17, 32, 613: rate limits …), where sent. */
  readonly code: number | null;
  readonly subcode: number | null;
  /** The app's usage in per cent (X-App-Usage), for how long a rate limit lasts. */
  readonly appUsage: string;
  constructor(answer: Answer) {
    const body = jsonOf(answer) as { error?: Record<string, unknown> } | undefined;
    const error = body?.error ?? {};
    const message =
      typeof error.message === 'string' && error.message.trim() !== ''
        ? error.message
        : `Threads answered HTTP ${String(answer.status)}.`;
    super(message);
    this.status = answer.status;
    this.code = typeof error.code === 'number' ? error.code : null;
    this.subcode = typeof error.error_subcode === 'number' ? error.error_subcode : null;
    this.appUsage = header(answer.headers, 'x-app-usage');
  }
}

export type Params = Record<string, string | number | boolean | undefined>;

const form = (params: Params) => {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) out.set(key, String(value));
  }
  return out;
};

function expectJson(answer: Answer): Record<string, unknown> {
  if (answer.status < 200 || answer.status >= 300) throw new ThreadsHttpError(answer);
  const body = jsonOf(answer);
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
}

export interface ThreadsApi {
  /** GET https://graph.threads.net/{path} (path without the version for OAuth calls). */
  get(path: string, params: Params, token?: string): Promise<Record<string, unknown>>;
  /** POST with a form body. */
  post(path: string, params: Params, token?: string): Promise<Record<string, unknown>>;
  delete(path: string, token: string): Promise<Record<string, unknown>>;
}

export function createThreadsApi(route: () => ThreadsRoute): ThreadsApi {
  const url = (path: string) => `https://${graphHost}${path}`;
  const withToken = (params: Params, token: string | undefined) =>
    token === undefined ? params : { ...params, access_token: token };
  return {
    async get(path, params, token) {
      const query = form(withToken(params, token)).toString();
      return expectJson(
        await exchange(route(), {
          method: 'GET',
          url: `${url(path)}${query === '' ? '' : `?${query}`}`,
          headers: { accept: 'application/json' },
        }),
      );
    },
    async post(path, params, token) {
      return expectJson(
        await exchange(route(), {
          method: 'POST',
          url: url(path),
          headers: {
            accept: 'application/json',
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: form(withToken(params, token)).toString(),
        }),
      );
    },
    async delete(path, token) {
      return expectJson(
        await exchange(route(), {
          method: 'DELETE',
          url: `${url(path)}?${form({ access_token: token }).toString()}`,
          headers: { accept: 'application/json' },
        }),
      );
    },
  };
}

/** A path under the Graph version: `/v1.0/me/threads`. */
export const graph = (path: string) => `/${threadsVersion}${path}`;
