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

/** A push event's payload, named once in a feature's keyed event list. Type-only. */
export interface EventSpec<P> {
  /** Type-only: never read at run time. */
  payload?: P;
}

export const event = <P>(): EventSpec<P> => ({});

/** The payload types of a keyed event list. */
export type PayloadsOf<L> = { [K in keyof L]: L[K] extends EventSpec<infer P> ? P : never };
