// What a handler answers, and XRPC's error body {error, message}: the error name is the
// lexicon's (ExpiredToken, RecordNotFound…) or the generic one for the HTTP status.

export interface Reply {
  status: number;
  headers: Record<string, string>;
  /** Text, or the bytes of a binary answer (blobs, images). */
  body: string | Uint8Array;
}

/** XRPC's generic error names and messages per status (@atproto/xrpc ResponseType). */
const generic: Record<number, [string, string]> = {
  400: ['InvalidRequest', 'Invalid Request'],
  401: ['AuthenticationRequired', 'Authentication Required'],
  403: ['Forbidden', 'Forbidden'],
  404: ['XRPCNotSupported', 'XRPC Not Supported'],
  413: ['PayloadTooLarge', 'Payload Too Large'],
  429: ['RateLimitExceeded', 'Rate Limit Exceeded'],
  500: ['InternalServerError', 'Internal Server Error'],
  501: ['MethodNotImplemented', 'Method Not Implemented'],
  502: ['UpstreamFailure', 'Upstream Failure'],
  503: ['NotEnoughResources', 'Not Enough Resources'],
  504: ['UpstreamTimeout', 'Upstream Timeout'],
};

export function json(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(value),
  };
}

/** An XRPC error; without a name or message, the status's generic ones. */
export function xrpcError(status: number, error?: string, message?: string): Reply {
  const [name, text] = generic[status] ?? ['InternalServerError', 'Internal Server Error'];
  return json(status, { error: error ?? name, message: message ?? text });
}

export const invalidRequest = (message: string, error = 'InvalidRequest'): Reply =>
  xrpcError(400, error, message);

/** A procedure without output: 200 and no body, as xrpc-server sends it. */
export const done = (): Reply => ({ status: 200, headers: {}, body: '' });

export function html(status: number, body: string): Reply {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8' }, body };
}

export function binary(mimeType: string, bytes: Uint8Array): Reply {
  return { status: 200, headers: { 'content-type': mimeType }, body: bytes };
}

export function withHeaders(reply: Reply, headers: Record<string, string>): Reply {
  return { ...reply, headers: { ...reply.headers, ...headers } };
}
