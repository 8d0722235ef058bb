// Meta's answers as the fake sends them: JSON with Graph's error object
// ({error: {message, type, code, error_subcode, is_transient, fbtrace_id}}, as
// developers.facebook.com/docs/graph-api/guides/error-handling shows it) and HTML pages
// for the browser.
import { randomBytes } from 'node:crypto';
import type { KitReply } from '../http-kit/listen.ts';

export type Reply = KitReply;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=UTF-8', ...headers },
    body: JSON.stringify(body),
  };
}

export function html(status: number, body: string, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8', ...headers }, body };
}

export interface GraphErrorFields {
  code: number;
  subcode?: number;
  type?: string;
  transient?: boolean;
  userTitle?: string;
  userMessage?: string;
}

/** A Graph error in Meta's documented shape. */
export function graphError(
  status: number,
  message: string,
  fields: GraphErrorFields,
  headers: Record<string, string> = {},
): Reply {
  return json(
    status,
    {
      error: {
        message,
        type: fields.type ?? 'OAuthException',
        code: fields.code,
        ...(fields.subcode === undefined ? {} : { error_subcode: fields.subcode }),
        ...(fields.transient === undefined ? {} : { is_transient: fields.transient }),
        ...(fields.userTitle === undefined ? {} : { error_user_title: fields.userTitle }),
        ...(fields.userMessage === undefined ? {} : { error_user_msg: fields.userMessage }),
        fbtrace_id: randomBytes(8).toString('base64url'),
      },
    },
    { 'www-authenticate': 'OAuth "Facebook Platform" "invalid_request"', ...headers },
  );
}

/** 190 with the subcode Meta uses for why (463 expired, 458 app removed, 460 password). */
export const invalidToken = (subcode: number | null, message: string): Reply =>
  graphError(400, message, { code: 190, ...(subcode === null ? {} : { subcode }) });

export const expiredToken = (): Reply =>
  invalidToken(463, 'Error validating access token: Session has expired on Friday, 04-Dec-26.');

export const revokedToken = (): Reply =>
  invalidToken(
    458,
    'Error validating access token: The user has not authorized application 1234567890.',
  );

/** What Graph answers for an id it does not know or the token may not see. */
export const noObject = (id: string, method: string): Reply =>
  graphError(
    400,
    `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
    { code: 100, subcode: 33, type: 'GraphMethodException' },
  );

export const missingPermission = (permission: string): Reply =>
  graphError(
    403,
    `(#200) The user hasn't authorized the application to perform this action (${permission})`,
    {
      code: 200,
    },
  );

export const invalidParameter = (message: string): Reply =>
  graphError(400, `(#100) ${message}`, { code: 100 });

export const serverError = (status: number): Reply =>
  graphError(status, 'An unexpected error has occurred. Please retry your request later.', {
    code: 2,
    transient: true,
  });
