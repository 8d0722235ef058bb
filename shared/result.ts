// Errors cross process boundaries as data, never as thrown objects: every IPC call,
// socket message and CLI command resolves to a Result.

export const errorCodes = [
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'AUTH_EXPIRED',
  'RATE_LIMITED',
  'PLATFORM_REJECTED',
  'OFFLINE',
  'ENCRYPTION_UNAVAILABLE',
  'DATABASE_TOO_NEW',
  /** The database file is damaged or unreadable; it was left as it is. */
  'DATABASE_CORRUPT',
  'UNAUTHORIZED',
  /** The person stopped long work (operations:cancel, Ctrl+C); nothing of it was kept. */
  'CANCELLED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** One problem with one input field; `path` is the field's location in the payload. */
export interface FieldIssue {
  path: (string | number)[];
  message: string;
}

export interface AppError {
  code: ErrorCode;
  /** A sentence a person can act on. */
  message: string;
  retryable?: boolean;
  details?: { issues?: FieldIssue[] } & Record<string, unknown>;
  /** Set on INTERNAL errors: the id under which the full failure was logged. */
  errorId?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: AppError): Result<never> => ({ ok: false, error });

/**
 * Thrown inside the core to stop an operation with a known error; dispatch turns it
 * into a failed Result. Anything else thrown becomes INTERNAL.
 */
export class AppFailure extends Error {
  readonly error: AppError;
  constructor(error: AppError) {
    super(error.message);
    this.name = 'AppFailure';
    this.error = error;
  }
}

export const failure = (
  code: ErrorCode,
  message: string,
  extra: Omit<AppError, 'code' | 'message'> = {},
): AppFailure => new AppFailure({ code, message, ...extra });
