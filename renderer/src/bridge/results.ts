// Results the bridge makes up itself when the transport, not the core, failed.
import type { AppError, ErrorCode, Result } from '../../../shared/result.ts';

export function transportFailure(code: ErrorCode, message: string): Result<never> {
  const error: AppError = { code, message, retryable: code === 'OFFLINE' };
  return { ok: false, error };
}

export const offline = (message: string): Result<never> => transportFailure('OFFLINE', message);

/** A light shape check: the core always sends Results, but a broken host could not. */
export function isResult(value: unknown): value is Result<unknown> {
  if (value === null || typeof value !== 'object') return false;
  const record = value as Record<string, unknown>;
  if (record['ok'] === true) return 'value' in record;
  if (record['ok'] !== false) return false;
  const error = record['error'];
  return (
    error !== null &&
    typeof error === 'object' &&
    typeof (error as Record<string, unknown>)['code'] === 'string' &&
    typeof (error as Record<string, unknown>)['message'] === 'string'
  );
}
