// Rows as they cross to the CSV import's writing thread (main/core/data/packed-rows.ts):
// whatever a batch holds comes out the same on the other side, the buffer is moved rather
// than copied, and a value SQLite cannot take is refused before anything is sent.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packRows, unpackRows } from '../../main/core/data/packed-rows.ts';
import { bulkTables, type RowBatch } from '../../main/core/services/bulk-columns.ts';

const value = fc.oneof(
  fc.constant(null),
  fc.double(),
  fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }),
  // Any UTF-16, lone surrogates included, and the empty text beside its neighbours.
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme', maxLength: 3 }),
  fc.constant(''),
);
const batch = fc.record(
  Object.fromEntries(bulkTables.map((table) => [table, fc.array(value, { maxLength: 40 })])),
) as fc.Arbitrary<RowBatch>;

/** As postMessage moves it to the writing thread. */
const crossed = (rows: RowBatch) => {
  const packed = packRows(rows);
  const sent = structuredClone(packed, { transfer: [packed.buffer] });
  return { packed, sent };
};

describe('rows packed for the writing thread', () => {
  it('arrive as they were sent, for any values', () => {
    fc.assert(
      fc.property(batch, (rows) => {
        const { sent } = crossed(rows);
        const arrived = unpackRows(sent);
        for (const table of bulkTables) {
          expect(arrived[table]).toHaveLength(rows[table].length);
          arrived[table].forEach((v, i) => {
            expect(Object.is(v, rows[table][i])).toBe(true);
          });
        }
      }),
      { numRuns: 500 },
    );
  });

  it('move their buffer instead of copying it', () => {
    const rows = Object.fromEntries(bulkTables.map((t) => [t, []])) as unknown as RowBatch;
    rows.posts.push(1, 'a', null, '🐦 thread', 2.5);
    const { packed, sent } = crossed(rows);
    expect(packed.buffer.byteLength).toBe(0);
    expect(unpackRows(sent).posts).toEqual([1, 'a', null, '🐦 thread', 2.5]);
  });

  it('refuse a value that is not a string, number or null, naming its table', () => {
    const rows = Object.fromEntries(bulkTables.map((t) => [t, []])) as unknown as RowBatch;
    (rows.post_targets as unknown[]).push('id', undefined);
    expect(() => packRows(rows)).toThrow(/post_targets/);
    (rows.post_targets as unknown[])[1] = { at: 1 };
    expect(() => packRows(rows)).toThrow(/post_targets/);
  });

  it('refuse a packing whose parts do not add up', () => {
    const rows = Object.fromEntries(bulkTables.map((t) => [t, []])) as unknown as RowBatch;
    rows.post_parts.push('part', 'text');
    const packed = packRows(rows);
    expect(() => unpackRows({ ...packed, text: `${packed.text}!` })).toThrow(/add up/);
    expect(() => unpackRows({ ...packed, counts: packed.counts.map(() => 0) })).toThrow(/add up/);
  });
});
