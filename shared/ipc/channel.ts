// The building block of the IPC contract: a channel names its input schema (validated in
// the core's dispatch before any handler runs) and, type-only, its output. The schema is
// built when the channel is first called ([Note: lazy schemas]).
import { z } from 'zod';
import { lazySchema } from '../lazy-schema.ts';

export interface ChannelSpec<I extends z.ZodType, O> {
  input: I;
  /** Type-only: never read at run time. */
  output?: O;
}

/** `channel<Output>()(() => inputSchema)`: the schema is built on the channel's first call. */
export const channel =
  <O>() =>
  <I extends z.ZodType>(build: () => I): ChannelSpec<I, O> => ({ input: lazySchema(build) });

/** The input of a channel that takes nothing. */
export const none = lazySchema(() => z.strictObject({}));

/** A push event's payload, named once in a feature's keyed event list. Type-only. */
export interface EventSpec<P> {
  /** Type-only: never read at run time. */
  payload?: P;
}

export const event = <P>(): EventSpec<P> => ({});

/** The payload types of a keyed event list. */
export type PayloadsOf<L> = { [K in keyof L]: L[K] extends EventSpec<infer P> ? P : never };
