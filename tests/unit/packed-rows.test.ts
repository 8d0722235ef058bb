// Rows as they cross to the CSV import's writing thread (main/core/data/packed-rows.ts):
// whatever a batch holds comes out the same on the other side, the buffer is moved rather
// than copied, and a packing with more or fewer values than it was told of is refused.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RowPacker, unpackRows } from '../../main/core/data/packed-rows.ts';
import {
  bulkTables,
  type BulkTable,
  type RowBatch,
} from '../../main/core/services/bulk-columns.ts';

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

/** A batch already in lists, packed value by value as the import packs its rows. */
function packRows(batch: RowBatch) {
  const counts = Object.fromEntries(bulkTables.map((t) => [t, batch[t].length]));
  const packer = new RowPacker(counts as Record<BulkTable, number>);
  for (const table of bulkTables) {
    const values = packer.tables[table];
    // A null both ways the import writes one: null(), and text(null) for an empty text.
    batch[table].forEach((value, i) => {
      if (typeof value === 'number') values.number(value);
      else if (value === null && i % 2 === 0) values.null();
      else values.text(value);
    });
  }
  return packer.pack();
}

const noRows = () => Object.fromEntries(bulkTables.map((t) => [t, 0])) as Record<BulkTable, number>;

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

  it('refuse more values, or fewer, than the packer was told of, naming the table', () => {
    const over = new RowPacker({ ...noRows(), post_targets: 2 });
    over.tables.post_targets.text('id');
    over.tables.post_targets.null();
    expect(() => {
      over.tables.post_targets.number(1);
    }).toThrow(/post_targets: more values/);
    const under = new RowPacker({ ...noRows(), post_parts: 3 });
    under.tables.post_parts.text('part');
    under.tables.post_parts.number(0);
    expect(() => under.pack()).toThrow(/post_parts: the packed rows do not add up/);
  });

  it('refuse a packing whose parts do not add up', () => {
    const rows = Object.fromEntries(bulkTables.map((t) => [t, []])) as unknown as RowBatch;
    rows.post_parts.push('part', 'text');
    const packed = packRows(rows);
    expect(() => unpackRows({ ...packed, text: `${packed.text}!` })).toThrow(/add up/);
    expect(() => unpackRows({ ...packed, counts: packed.counts.map(() => 0) })).toThrow(/add up/);
  });

  it('refuse a value of a kind no packer writes', () => {
    const packer = new RowPacker({ ...noRows(), posts: 2 });
    packer.tables.posts.number(7);
    packer.tables.posts.null();
    const packed = packer.pack();
    new Uint8Array(packed.buffer, 2 * 12)[1] = 9;
    expect(() => unpackRows(packed)).toThrow(/add up/);
  });
});
