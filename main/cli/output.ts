// How the CLI answers: one JSON document on stdout with --json, readable text otherwise;
// errors always on stderr with a non-zero exit.
import type { AppError } from '../../shared/result.ts';

export interface Output {
  json: boolean;
  /** Prints a successful result: `value` with --json, `text()` otherwise. */
  result(value: unknown, text: () => string): void;
  error(error: Pick<AppError, 'code' | 'message'> & Partial<AppError>): void;
}

export function createOutput(
  json: boolean,
  io = { out: process.stdout, err: process.stderr },
): Output {
  return {
    json,
    result(value, text) {
      io.out.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${text()}\n`);
    },
    error(error) {
      io.err.write(`starling: ${error.message}\n`);
      if (json) {
        const body: Record<string, unknown> = { code: error.code, message: error.message };
        if (error.details !== undefined) body.details = error.details;
        if (error.errorId !== undefined) body.errorId = error.errorId;
        io.out.write(`${JSON.stringify({ error: body }, null, 2)}\n`);
      }
    },
  };
}
