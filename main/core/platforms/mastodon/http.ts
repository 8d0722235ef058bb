// Plain fetch for the calls masto does not fit: instance discovery (which must tell "not
// Mastodon" from "down", where masto turns an HTML 404 into a bare TypeError) and OAuth's
// form-encoded endpoints (RFC 6749 §4.1.3; masto's OAuth client sends JSON). Failures are
// thrown as masto's own error classes, so one classifier (outcomes.ts) reads both paths.
import { MastoHttpError, MastoTimeoutError } from 'masto';

/** Every call to an instance gives up after this long (30 s, like X's calls). */
export const mastodonRequestTimeoutMs = 30_000;

export interface Answer {
  status: number;
  headers: Headers;
  /** The parsed JSON body; undefined when the answer is not JSON (an HTML page). */
  body: unknown;
  /** Where the answer came from after redirects. */
  url: string;
}

const isJson = (headers: Headers) =>
  /^application\/(?:[\w.+-]+\+)?json\b/i.test(headers.get('content-type') ?? '');

/**
 * One request; any HTTP status is answered, only network failures and timeouts throw.
 * A GET follows redirects (an instance may answer from where it really is: instance.ts
 * keeps that origin). A form is never sent on: it carries the app's secret, a sign-in code
 * or a token, which fetch would post again to wherever a 307 or 308 points, another host
 * included; the redirect is answered as it is, and refused by the caller (expectOk).
 */
export async function request(
  url: string,
  init: { method?: string; form?: Record<string, string>; timeoutMs: number },
): Promise<Answer> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method ?? 'GET',
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(init.timeoutMs),
      ...(init.form !== undefined && {
        body: new URLSearchParams(init.form),
        redirect: 'manual' as const,
      }),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'TimeoutError') {
      throw new MastoTimeoutError(`No answer within ${String(init.timeoutMs / 1000)} s`, {
        cause: error,
      });
    }
    throw error;
  }
  const text = await response.text();
  let body: unknown = undefined;
  if (isJson(response.headers)) {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  return { status: response.status, headers: response.headers, body, url: response.url };
}

const field = (body: unknown, key: string): string | undefined => {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/** Throws the answer as a MastoHttpError unless it is a 2xx; keeps the status of HTML pages. */
export function expectOk(answer: Answer): Answer {
  if (answer.status >= 200 && answer.status < 300) return answer;
  const description = field(answer.body, 'error_description');
  throw new MastoHttpError(
    {
      statusCode: answer.status,
      message: field(answer.body, 'error') ?? `HTTP ${String(answer.status)}`,
      ...(description !== undefined && { description }),
    },
    { cause: { headers: answer.headers } },
  );
}
