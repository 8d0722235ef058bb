// [Note: single dispatch] Every call from a renderer, the browser host's socket or the
// CLI enters here: the channel is checked against the contract, the input is validated
// with the channel's schema, and only then does a handler run. Whatever happens, the
// caller gets a Result; unexpected exceptions are logged under an id and cross as INTERNAL.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  contract,
  isChannel,
  type Channel,
  type ChannelOutput,
  type ParsedInput,
} from '../../../shared/ipc/contract.ts';
import { AppFailure, fail, ok, type FieldIssue, type Result } from '../../../shared/result.ts';
import type { Logger } from '../ports.ts';

export type Handlers = {
  [C in Channel]: (input: ParsedInput<C>) => Promise<ChannelOutput<C>>;
};

export type Dispatch = (channel: unknown, input: unknown) => Promise<Result<unknown>>;

export function createDispatch(handlers: Handlers, logger: Logger): Dispatch {
  return async (channel, input) => {
    if (!isChannel(channel)) {
      return fail({
        code: 'VALIDATION',
        message: `Unknown channel: ${describe(channel)}.`,
      });
    }
    const parsed = contract[channel].input.safeParse(input ?? {});
    if (!parsed.success) {
      const issues = toIssues(parsed.error);
      return fail({
        code: 'VALIDATION',
        message: issues.map((i) => i.message).join(' '),
        details: { issues },
      });
    }
    try {
      const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
      return ok(await handler(parsed.data));
    } catch (error) {
      if (error instanceof AppFailure) return fail(error.error);
      const errorId = randomUUID();
      logger.error('unexpected failure in handler', { channel, errorId, error: String(error) });
      return fail({
        code: 'INTERNAL',
        message: `Something went wrong inside Starling (error id ${errorId}). Nothing was changed by this request.`,
        errorId,
      });
    }
  };
}

function toIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    const where = path.length > 0 ? `${path.join('.')}: ` : '';
    // zod's own messages for structural problems name the field; ours are sentences.
    const message =
      issue.code === 'unrecognized_keys'
        ? `Unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}.`
        : issue.message.endsWith('.')
          ? issue.message
          : `${where}${issue.message}.`;
    return { path, message };
  });
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 80));
  return typeof value;
}
