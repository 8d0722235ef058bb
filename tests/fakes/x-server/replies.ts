// What a handler answers, and the error bodies X sends (problem details for v2, the
// v1-style {errors:[{code,message}]} where X still uses it).

export interface Reply {
  status: number;
  headers: Record<string, string>;
  /** Text, or the bytes of a binary answer (profile images). */
  body: string | Uint8Array;
}

const problemTypes = {
  invalidRequest: 'https://api.twitter.com/2/problems/invalid-request',
  notFound: 'https://api.twitter.com/2/problems/resource-not-found',
  fieldUnauthorized: 'https://api.twitter.com/2/problems/not-authorized-for-field',
} as const;
export { problemTypes };

export function json(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(value),
  };
}

export function problem(
  status: number,
  title: string,
  detail: string,
  extra: Record<string, unknown> = {},
): Reply {
  return {
    status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8' },
    body: JSON.stringify({ title, detail, type: 'about:blank', status, ...extra }),
  };
}

export const unauthorized = (): Reply => problem(401, 'Unauthorized', 'Unauthorized');
export const forbidden = (detail = 'Forbidden'): Reply => problem(403, 'Forbidden', detail);
export const tooManyRequests = (): Reply => problem(429, 'Too Many Requests', 'Too Many Requests');

const serverErrorTitles: Record<number, string> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};
export function serverError(status: number): Reply {
  const title = serverErrorTitles[status] ?? 'Internal Server Error';
  return problem(status, title, title);
}

export interface InvalidParameter {
  message: string;
  parameters?: Record<string, string[]>;
}

/** 400 in X's invalid-request shape: one entry per bad parameter. */
export function invalidRequest(...errors: InvalidParameter[]): Reply {
  return {
    status: 400,
    headers: { 'content-type': 'application/problem+json; charset=utf-8' },
    body: JSON.stringify({
      errors: errors.map((e) => ({ parameters: e.parameters ?? {}, message: e.message })),
      title: 'Invalid Request',
      detail: 'One or more parameters to your request was invalid.',
      type: problemTypes.invalidRequest,
    }),
  };
}

/** Unknown routes on the API hosts: X still answers these in the v1 shape. */
export const routeNotFound = (): Reply =>
  json(404, { errors: [{ message: 'Sorry, that page does not exist', code: 34 }] });

/** OAuth 1.0a endpoints answer authentication failures in the v1 shape. */
export const couldNotAuthenticate = (): Reply =>
  json(401, { errors: [{ code: 32, message: 'Could not authenticate you.' }] });

/** The OAuth 2 token endpoints answer errors as RFC 6749 JSON. */
export function oauthError(status: number, error: string, description: string): Reply {
  return json(status, { error, error_description: description });
}

export function formEncoded(status: number, values: Record<string, string>): Reply {
  return {
    status,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(values).toString(),
  };
}

export function html(status: number, body: string): Reply {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8' }, body };
}

export function redirect(location: string): Reply {
  return { status: 302, headers: { location, 'cache-control': 'no-store' }, body: '' };
}
