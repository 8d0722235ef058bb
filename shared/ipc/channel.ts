// The building block of the IPC contract: a channel names its input schema (validated in
// the core's dispatch before any handler runs) and, type-only, its output.
import { z } from 'zod';

export interface ChannelSpec<I extends z.ZodType, O> {
  input: I;
  /** Type-only: never read at run time. */
  output?: O;
}

export const channel =
  <O>() =>
  <I extends z.ZodType>(input: I): ChannelSpec<I, O> => ({ input });

/** The input of a channel that takes nothing. */
export const none = z.strictObject({});
