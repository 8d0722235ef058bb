// What a handler answers, and the bodies LinkedIn sends: Rest.li errors
// ({status, serviceErrorCode, code, message}) from api.linkedin.com, schema failures as
// 422 "ERROR :: /path :: …", and RFC 6749-style {error, error_description} from /oauth/v2.

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function json(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(value),
  };
}

export function empty(status: number, headers: Record<string, string> = {}): Reply {
  return { status, headers, body: '' };
}

export function restError(
  status: number,
  code: string,
  message: string,
  serviceErrorCode?: number,
): Reply {
  return json(status, {
    status,
    ...(serviceErrorCode === undefined ? {} : { serviceErrorCode }),
    code,
    message,
  });
}

// The 401s. The numbers are the ones LinkedIn sends (65600–65604); its error-handling
// page names the cases but not the numbers.
export const emptyToken = (): Reply =>
  restError(401, 'EMPTY_ACCESS_TOKEN', 'Empty oauth2 access token', 65604);
export const invalidToken = (): Reply =>
  restError(401, 'INVALID_ACCESS_TOKEN', 'Invalid access token', 65600);
export const revokedToken = (): Reply =>
  restError(
    401,
    'REVOKED_ACCESS_TOKEN',
    'The token used in the request has been revoked by the user',
    65601,
  );
export const expiredToken = (): Reply =>
  restError(401, 'EXPIRED_ACCESS_TOKEN', 'The token used in the request has expired', 65602);

/** A missing scope, product or page role: `resource` is e.g. partnerApiPostsExternal.CREATE.20250601. */
export const accessDenied = (resource: string): Reply =>
  restError(403, 'ACCESS_DENIED', `Not enough permissions to access: ${resource}`, 100);

export const notFound = (message = 'Not Found'): Reply => restError(404, 'NOT_FOUND', message);

/** Paths no resource answers on api.linkedin.com. */
export const noResource = (): Reply =>
  restError(404, 'RESOURCE_NOT_FOUND', 'No virtual resource found');

export const badRequest = (code: string, message: string): Reply => restError(400, code, message);

/** Rest.li schema validation: the field path and what is wrong with it. */
export function unprocessable(path: string, detail: string): Reply {
  return json(422, { message: `ERROR :: ${path} :: ${detail}\n`, status: 422 });
}

export const tooManyRequests = (): Reply =>
  restError(
    429,
    'TOO_MANY_REQUESTS',
    'Resource level throttle MEMBER DAY limit for calls to this resource is reached.',
    101,
  );

const serverErrorMessages: Record<number, string> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};
export function serverError(status: number): Reply {
  return json(status, { message: serverErrorMessages[status] ?? 'Internal Server Error', status });
}

export const versionMissing = (): Reply =>
  restError(
    400,
    'VERSION_MISSING',
    'A version must be present. Please specify a version by adding the LinkedIn-Version header.',
  );

/** LinkedIn names the version as a date (202501 → 20250101) when refusing it. */
export const versionInactive = (version: string): Reply =>
  restError(426, 'NONEXISTENT_VERSION', `Requested version ${version} is not active`);

export function oauthError(status: number, error: string, description: string): Reply {
  return json(status, { error, error_description: description });
}

export function html(status: number, body: string): Reply {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8' }, body };
}

export function redirect(location: string): Reply {
  return { status: 302, headers: { location, 'cache-control': 'no-store' }, body: '' };
}
