// The Graph API as Starling calls it for Facebook Pages and Instagram: versioned GETs and
// form POSTs on graph.facebook.com, multipart uploads, the OAuth token endpoint, and the
// byte uploads rupload.facebook.com takes. The token goes in the Authorization header,
// never in a URL (URLs end up in logs). Every answer's usage headers are handed to
// `onUsage` (usage.ts); a refusal is thrown as GraphError with Meta's own fields.
import type { IncomingHttpHeaders } from 'node:http';
import { failure } from '../../../../shared/result.ts';
import { bodyJson, type Answer } from '../http-exchange.ts';
import { exchange } from './http.ts';
import { graphHost, isMetaHost, type MetaRoute } from './route.ts';
import { graphVersion } from './version.ts';

/**
 * A call Meta answered with an error: its `error` object (code, error_subcode, type,
 * is_transient, the user-facing title and message where Meta sent them).
 */
export class GraphError extends Error {
  override readonly name = 'GraphError';
  readonly status: number;
  readonly code: number | null;
  readonly subcode: number | null;
  readonly type: string | null;
  readonly transient: boolean;
  /** error_user_msg: Meta's words for people, where it sent them. */
  readonly userMessage: string | null;
  readonly headers: IncomingHttpHeaders;
  constructor(
    status: number,
    fields: {
      code: number | null;
      subcode: number | null;
      type: string | null;
      transient: boolean;
      message: string;
      userMessage: string | null;
    },
    headers: IncomingHttpHeaders,
  ) {
    super(fields.message);
    this.status = status;
    this.code = fields.code;
    this.subcode = fields.subcode;
    this.type = fields.type;
    this.transient = fields.transient;
    this.userMessage = fields.userMessage;
    this.headers = headers;
  }
}

const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
const int = (value: unknown): number | null =>
  typeof value === 'number' && Number.isInteger(value) ? value : null;
const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

export function graphErrorOf(answer: Answer): GraphError {
  const error = record(record(bodyJson(answer)).error);
  return new GraphError(
    answer.status,
    {
      code: int(error.code),
      subcode: int(error.error_subcode),
      type: text(error.type),
      transient: error.is_transient === true,
      message: text(error.message) ?? `Meta answered HTTP ${String(answer.status)}.`,
      userMessage: text(error.error_user_msg),
    },
    answer.headers,
  );
}

/** A JSON object from an answer that succeeded, or a GraphError. */
function objectOf(answer: Answer): Record<string, unknown> {
  if (answer.status < 200 || answer.status >= 300) throw graphErrorOf(answer);
  const body = bodyJson(answer);
  // Graph answers an error with 200 in a few old paths; treat any error object as one.
  if (record(body).error !== undefined) throw graphErrorOf({ ...answer, status: 400 });
  return record(body);
}

/** Parameters as Graph takes them: objects and arrays as JSON, the rest as text. */
export type GraphParams = Record<string, string | number | boolean | object | undefined>;

function encode(params: GraphParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    out.set(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  return out;
}

export interface GraphApi {
  /** GET /{version}{path}; `path` starts with a slash. */
  get(token: string, path: string, params?: GraphParams): Promise<Record<string, unknown>>;
  /** POST /{version}{path} form-encoded. */
  post(token: string, path: string, params: GraphParams): Promise<Record<string, unknown>>;
  /**
   * POST /{version}{path} as multipart/form-data (a photo's or a video's bytes), to
   * `host` where Meta documents another one (graph-video.facebook.com for videos).
   */
  postMultipart(
    token: string,
    path: string,
    form: FormData,
    options?: { timeoutMs?: number; host?: string },
  ): Promise<Record<string, unknown>>;
  /** DELETE /{version}{path}. */
  remove(token: string, path: string): Promise<Record<string, unknown>>;
  /** GET /{version}/oauth/access_token: no bearer token, the app's credentials in `params`. */
  token(params: GraphParams): Promise<Record<string, unknown>>;
  /** POST bytes to an upload address Meta handed out (rupload.facebook.com). */
  upload(
    token: string,
    url: string,
    headers: Record<string, string>,
    bytes: Buffer,
    timeoutMs: number,
  ): Promise<Record<string, unknown>>;
}

export function createGraphApi(
  route: () => MetaRoute,
  onUsage: (headers: IncomingHttpHeaders) => void = () => undefined,
): GraphApi {
  const base = `https://${graphHost}/${graphVersion}`;
  const call = async (x: Parameters<typeof exchange>[1]) => {
    const answer = await exchange(route(), x);
    onUsage(answer.headers);
    return objectOf(answer);
  };
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  return {
    get: (token, path, params = {}) => {
      const query = encode(params).toString();
      return call({
        method: 'GET',
        url: `${base}${path}${query === '' ? '' : `?${query}`}`,
        headers: bearer(token),
      });
    },
    post: (token, path, params) =>
      call({
        method: 'POST',
        url: `${base}${path}`,
        headers: { ...bearer(token), 'content-type': 'application/x-www-form-urlencoded' },
        body: encode(params).toString(),
      }),
    async postMultipart(token, path, form, options = {}) {
      // The platform's own multipart encoder: its boundary comes with the content type.
      const encoded = new Response(form);
      const body = Buffer.from(await encoded.arrayBuffer());
      return call({
        method: 'POST',
        url: `https://${options.host ?? graphHost}/${graphVersion}${path}`,
        headers: {
          ...bearer(token),
          'content-type': encoded.headers.get('content-type') ?? 'multipart/form-data',
        },
        body,
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      });
    },
    remove: (token, path) =>
      call({ method: 'DELETE', url: `${base}${path}`, headers: bearer(token) }),
    token: (params) =>
      call({ method: 'GET', url: `${base}/oauth/access_token?${encode(params).toString()}` }),
    upload(token, url, headers, bytes, timeoutMs) {
      const target = new URL(url);
      // The token goes to Meta's own hosts only, whatever an answer names.
      if (target.protocol !== 'https:' || !isMetaHost(target.hostname)) {
        return Promise.reject(
          failure(
            'PLATFORM_REJECTED',
            `Meta named an upload address Starling does not trust: ${target.host}`,
          ),
        );
      }
      return call({
        method: 'POST',
        url,
        headers: { authorization: `OAuth ${token}`, ...headers },
        body: bytes,
        timeoutMs,
      });
    },
  };
}
