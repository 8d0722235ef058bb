// How the CLI answers: one JSON document on stdout with --json, readable text otherwise;
// errors always on stderr with a non-zero exit.
import type { AppError, Result } from '../../shared/result.ts';

export interface Output {
  json: boolean;
  /** Prints a successful result: `value` with --json, `text()` otherwise. */
  result(value: unknown, text: () => string): void;
  error(error: Pick<AppError, 'code' | 'message'> & Partial<AppError>): void;
  /** Prints a core answer: its value (as `text(value)` without --json), or its error. */
  answer<T>(result: Result<T>, text: (value: T) => string): void;
}

export function createOutput(
  json: boolean,
  io = { out: process.stdout, err: process.stderr },
): Output {
  const output: Output = {
    json,
    answer(result, text) {
      if (result.ok) output.result(result.value, () => text(result.value));
      else output.error(result.error);
    },
    result(value, text) {
      io.out.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${text()}\n`);
    },
    error(error) {
      // A usage error has already chosen its exit code (2); a cancel (Ctrl+C) is 130, as a
      // shell reports an interrupted command; anything else is 1.
      if (error.code === 'CANCELLED') process.exitCode = 130;
      else if (process.exitCode === undefined || process.exitCode === 0) process.exitCode = 1;
      io.err.write(`starling: ${error.message}\n`);
      if (json) {
        const body: Record<string, unknown> = { code: error.code, message: error.message };
        if (error.details !== undefined) body.details = error.details;
        if (error.errorId !== undefined) body.errorId = error.errorId;
        io.out.write(`${JSON.stringify({ error: body }, null, 2)}\n`);
      }
    },
  };
  return output;
}
