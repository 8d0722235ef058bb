// What a handler answers, and the bodies Mastodon sends: `{"error": "..."}` from the
// Rails API, doorkeeper's RFC 6749 errors on /oauth, nginx's HTML page for 502–504.

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const bigintMark = '\u0000int:';

/**
 * JSON as Rails writes it. A bigint becomes a bare JSON number: Mastodon stores some
 * ids as integers (ScheduledStatus params.in_reply_to_id), and a JavaScript client
 * reading them loses precision exactly as it would against a real instance.
 */
export function json(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  const text = JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'bigint' ? `${bigintMark}${v.toString()}` : v,
  );
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: text.replace(/"\\u0000int:(\d+)"/g, '$1'),
  };
}

export const apiError = (status: number, message: string, headers: Record<string, string> = {}) =>
  json(status, { error: message }, headers);

export const notFound = (): Reply => apiError(404, 'Record not found');

/** ActiveRecord validation failures: 422 with Rails' full messages. */
export const validationFailed = (...messages: string[]): Reply =>
  apiError(422, `Validation failed: ${messages.join(', ')}`);

export const invalidTokenMessage = 'The access token is invalid';
export const revokedTokenMessage = 'The access token was revoked';

/** Doorkeeper's 401, with the WWW-Authenticate header it sends alongside. */
export function unauthorized(message: string = invalidTokenMessage): Reply {
  return apiError(401, message, {
    'www-authenticate': `Bearer realm="Doorkeeper", error="invalid_token", error_description="${message}"`,
  });
}

export function forbiddenScope(): Reply {
  const message = 'This action is outside the authorized scopes';
  return apiError(403, message, {
    'www-authenticate': `Bearer realm="Doorkeeper", error="insufficient_scope", error_description="${message}"`,
  });
}

export const tooManyRequests = (): Reply => apiError(429, 'Too many requests');

export function oauthError(status: number, error: string, description: string): Reply {
  return json(status, { error, error_description: description });
}

export function html(status: number, body: string): Reply {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8' }, body };
}

export function redirect(location: string): Reply {
  return { status: 302, headers: { location, 'cache-control': 'no-store' }, body: '' };
}

/** Non-API paths that do not exist get Rails' HTML 404, not JSON. */
export const pageNotFound = (): Reply =>
  html(404, "<!doctype html><title>The page you are looking for isn't here.</title><p>404</p>");

/**
 * A 500 comes from Rails, which answers API requests in JSON; 502–504 come from nginx in
 * front of it, which serves Mastodon's static 500.html for every gateway error.
 */
export function serverError(status: 500 | 502 | 503 | 504): Reply {
  if (status === 500) return json(500, { status: 500, error: 'Internal Server Error' });
  return html(
    status,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Mastodon</title></head>
<body><h1>We're sorry, but something went wrong on our end.</h1></body></html>`,
  );
}
