// Schemas built on first use (shared/lazy-schema.ts, [Note: lazy schemas]): nothing is
// built at import, a schema is built once, and it validates, nests, derives and infers
// exactly as the same schema built at once.
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import { z } from 'zod';
import { channel } from '../../shared/ipc/channel.ts';
import { lazySchema } from '../../shared/lazy-schema.ts';

const makeName = () =>
  z
    .string({ error: 'Name must be text.' })
    .trim()
    .min(1, 'Name cannot be empty.')
    .max(5, 'Name is too long.');

const makeInput = (name: z.ZodType<string, string>) =>
  z
    .strictObject({
      name,
      color: z
        .string()
        .transform((c) => c.toLowerCase())
        .optional(),
    })
    .refine((v) => v.name !== v.color, { message: 'Name and colour differ.', path: ['color'] });

describe('lazySchema', () => {
  it('builds nothing until the schema is used, then once', () => {
    const build = vi.fn(makeName);
    const name = lazySchema(build);
    expect(build).not.toHaveBeenCalled();
    expect(name.parse(' ab ')).toBe('ab');
    expect(name.safeParse('').success).toBe(false);
    expect(name.optional().parse(undefined)).toBeUndefined();
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('answers every input as the schema built at once does, errors included', () => {
    const eager = makeInput(makeName());
    const lazy = lazySchema(() => makeInput(lazySchema(makeName)));
    const inputs: unknown[] = [
      { name: ' Ann ' },
      { name: 'Ann', color: 'RED' },
      { name: '' },
      { name: 'much too long' },
      { name: 'red', color: 'RED' },
      { name: 'Ann', extra: 1 },
      { name: 7 },
      null,
      'Ann',
    ];
    for (const input of inputs) {
      const want = eager.safeParse(input);
      const got = lazy.safeParse(input);
      expect(got.success).toBe(want.success);
      expect(got.data).toEqual(want.data);
      expect(got.error?.issues).toEqual(want.error?.issues);
    }
  });

  it('serves as a field of other schemas, and is built only when they are', () => {
    const build = vi.fn(makeName);
    const name = lazySchema(build);
    const outer = lazySchema(() => z.strictObject({ name, names: z.array(name).max(2) }));
    expect(build).not.toHaveBeenCalled();
    expect(outer.parse({ name: ' a ', names: ['b '] })).toEqual({ name: 'a', names: ['b'] });
    expect(outer.safeParse({ name: 'a', names: [''] }).error?.issues[0]?.message).toBe(
      'Name cannot be empty.',
    );
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('is an object schema to instanceof, its shape and derivations', () => {
    const input = lazySchema(() => z.strictObject({ id: z.string(), n: z.number().optional() }));
    expect(input instanceof z.ZodObject).toBe(true);
    expect(input instanceof z.ZodType).toBe(true);
    expect(Object.keys(input.shape)).toEqual(['id', 'n']);
    expect('shape' in input).toBe(true);
    expect(input.extend({ more: z.boolean() }).parse({ id: 'a', more: true })).toEqual({
      id: 'a',
      more: true,
    });
    expect(input.pick({ id: true }).safeParse({ id: 'a', n: 1 }).success).toBe(false);
  });

  it('keeps the types zod infers', () => {
    const input = lazySchema(() => makeInput(makeName()));
    expectTypeOf<z.input<typeof input>>().toEqualTypeOf<{
      name: string;
      color?: string | undefined;
    }>();
    const parsed = input.parse({ name: 'Ann' });
    expectTypeOf(parsed).toEqualTypeOf<{ name: string; color?: string | undefined }>();
    expect(parsed).toEqual({ name: 'Ann' });
  });

  it("builds an IPC channel's input on the channel's first call, not when it is declared", () => {
    const build = vi.fn(() => z.strictObject({ id: z.string().min(1) }));
    const spec = channel<{ ok: true }>()(build);
    expect(build).not.toHaveBeenCalled();
    expect(spec.input.safeParse({ id: '' }).success).toBe(false);
    expect(spec.input.safeParse({ id: 'a' }).success).toBe(true);
    expect(build).toHaveBeenCalledTimes(1);
  });
});
