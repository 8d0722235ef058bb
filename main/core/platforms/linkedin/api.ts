// LinkedIn's APIs as Starling calls them: the versioned REST API (/rest, with the one
// LinkedIn-Version this build speaks and Rest.li protocol 2.0), the unversioned /v2
// userinfo, OAuth's form-encoded endpoints on www.linkedin.com, and PUTs to the signed
// upload URLs it hands out. A refusal is thrown as LinkedInHttpError with LinkedIn's words.
import { failure } from '../../../../shared/result.ts';
import { jsonOf, type Answer } from '../http-exchange.ts';
import { exchange } from './http.ts';
import { apiHost, isLinkedInHost, wwwHost, type LinkedInRoute } from './route.ts';

/**
 * [Note: LinkedIn version] The monthly API version every /rest call names. LinkedIn keeps
 * a version for about a year and refuses a retired one (426 NONEXISTENT_VERSION), so this
 * moves forward with Starling's releases.
 */
export const linkedinVersion = '202611';

/** A call LinkedIn answered with an error status; `message` is LinkedIn's own words. */
export class LinkedInHttpError extends Error {
  override readonly name = 'LinkedInHttpError';
  readonly status: number;
  /** Rest.li's `code` (ACCESS_DENIED …) or OAuth's `error` (invalid_request …). */
  readonly code: string | null;
  /** LinkedIn's serviceErrorCode (65600–65604 for tokens), where it sent one. */
  readonly serviceErrorCode: number | null;
  constructor(
    status: number,
    code: string | null,
    serviceErrorCode: number | null,
    message: string,
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.serviceErrorCode = serviceErrorCode;
  }
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value : null;

function httpError(answer: Answer): LinkedInHttpError {
  const body = jsonOf(answer) as Record<string, unknown> | undefined;
  const code = text(body?.code) ?? text(body?.error);
  const serviceErrorCode =
    typeof body?.serviceErrorCode === 'number' ? body.serviceErrorCode : null;
  const message =
    text(body?.message)?.trim() ??
    text(body?.error_description) ??
    `LinkedIn answered HTTP ${String(answer.status)}.`;
  return new LinkedInHttpError(answer.status, code, serviceErrorCode, message);
}

export function expectOk(answer: Answer): Answer {
  if (answer.status >= 200 && answer.status < 300) return answer;
  throw httpError(answer);
}

export interface LinkedInApi {
  /** A /rest call: `path` includes its query; `json` is the body. */
  rest(
    token: string,
    method: string,
    path: string,
    json?: unknown,
    timeoutMs?: number,
  ): Promise<Answer>;
  /** GET /v2/userinfo and its kind (no version header). */
  v2(token: string, path: string): Promise<Answer>;
  /** An OAuth endpoint on www.linkedin.com, form-encoded (RFC 6749). */
  oauth(path: string, form: Record<string, string>): Promise<Answer>;
  /** PUT bytes to a signed upload URL LinkedIn handed out. */
  upload(token: string, url: string, bytes: Buffer, timeoutMs: number): Promise<Answer>;
}

export function createLinkedInApi(route: () => LinkedInRoute): LinkedInApi {
  return {
    async rest(token, method, path, json, timeoutMs) {
      return expectOk(
        await exchange(route(), {
          method,
          url: `https://${apiHost}/rest${path}`,
          headers: {
            authorization: `Bearer ${token}`,
            'linkedin-version': linkedinVersion,
            'x-restli-protocol-version': '2.0.0',
            accept: 'application/json',
            ...(json === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(json === undefined ? {} : { body: JSON.stringify(json) }),
          ...(timeoutMs === undefined ? {} : { timeoutMs }),
        }),
      );
    },

    async v2(token, path) {
      return expectOk(
        await exchange(route(), {
          method: 'GET',
          url: `https://${apiHost}/v2${path}`,
          headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        }),
      );
    },

    async oauth(path, form) {
      return expectOk(
        await exchange(route(), {
          method: 'POST',
          url: `https://${wwwHost}/oauth/v2${path}`,
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            accept: 'application/json',
          },
          body: new URLSearchParams(form).toString(),
        }),
      );
    },

    async upload(token, url, bytes, timeoutMs) {
      const target = new URL(url);
      // The token goes to LinkedIn's own hosts only, whatever an answer names.
      if (target.protocol !== 'https:' || !isLinkedInHost(target.hostname)) {
        throw failure(
          'PLATFORM_REJECTED',
          `LinkedIn named an upload address Starling does not trust: ${target.host}`,
        );
      }
      return expectOk(
        await exchange(route(), {
          method: 'PUT',
          url,
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/octet-stream',
          },
          body: bytes,
          timeoutMs,
        }),
      );
    },
  };
}

/** A URN as one path segment or a Rest.li list item (its colons and commas encoded). */
export const encodeUrn = (urn: string): string => encodeURIComponent(urn);
