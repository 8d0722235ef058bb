// [Note: lazy schemas] Zod schemas built on first use instead of at import. Building a
// schema runs zod's constructors (each .min(), .optional() or .trim() makes another), and
// the IPC contract with the shared rules builds hundreds of them: about a third of the
// core's module evaluation at start-up (issue 19), for channels most runs never call.
// A lazy schema stands in for the schema and builds it the first time anything reads it
// (a parse, `.shape`, `instanceof`, a schema that contains it), then forwards every
// operation to it: callers, nested schemas and inferred types stay as they are, and the
// schema validates exactly as it would have if built at import.
import type { z } from 'zod';

/**
 * The schema `build` returns, built when first used and once. `build` must be pure: it
 * runs at whatever moment the schema is first needed.
 */
export function lazySchema<T extends z.ZodType>(build: () => T): T {
  let built: T | undefined;
  const schema = (): T => (built ??= build());
  // The target is an empty stand-in; every trap answers from the built schema. Descriptors
  // are reported configurable because the stand-in does not hold the property itself (a
  // proxy may not report a non-configurable property its target lacks).
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(schema(), key),
    set: (_, key, value) => Reflect.set(schema(), key, value),
    has: (_, key) => Reflect.has(schema(), key),
    ownKeys: () => Reflect.ownKeys(schema()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(schema(), key);
      return descriptor === undefined ? undefined : { ...descriptor, configurable: true };
    },
    defineProperty: (_, key, descriptor) => Reflect.defineProperty(schema(), key, descriptor),
    deleteProperty: (_, key) => Reflect.deleteProperty(schema(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(schema()),
  });
}
