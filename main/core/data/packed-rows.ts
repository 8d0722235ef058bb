// [Note: rows packed for the writing thread] A batch of rows crosses from the checking
// thread to the writing thread (csv-import-protocol.ts) as one string holding every text
// value one after another, and one buffer of value kinds, numbers and text lengths, which
// is transferred, not copied. Sent as lists of values instead, structured clone made each
// value anew on the writing thread: about 5,000,000 values for 100,000 posts, 0.5-0.9 s of
// that thread's time (2026-12-07), on the thread that sets an import's pace. Unpacked, a
// text is a slice of the one string (V8 shares its characters), 0.15 s for all of them.
// The buffer has a slot of each kind per value, the number's or text length's slot left
// unused by a value of the other kind: the import writes each value into its place as it
// makes the rows, with no list of values in between.
import {
  bulkTables,
  type BulkTable,
  type RowBatch,
  type SqlValue,
} from '../services/bulk-columns.ts';

export interface PackedRows {
  /** How many values each table has, in bulkTables order. */
  counts: number[];
  /** Per value: a number (8 bytes), then per value a text length (4), then its kind (1). */
  buffer: ArrayBuffer;
  /** Every text value, one after another. */
  text: string;
}

const nullKind = 0;
const numberKind = 1;
const textKind = 2;

/** Views of a buffer holding `values` values. */
function views(buffer: ArrayBuffer, values: number) {
  return {
    numberAt: new Float64Array(buffer, 0, values),
    lengthAt: new Uint32Array(buffer, values * 8, values),
    kindAt: new Uint8Array(buffer, values * 12, values),
  };
}

/** One table's values, added in order into the slots the packer set aside for them. */
export class TableValues {
  readonly #numberAt: Float64Array;
  readonly #lengthAt: Uint32Array;
  readonly #kindAt: Uint8Array;
  /** Room for a text in every slot, so it never grows; cut to the texts added at the end. */
  readonly #texts: string[];
  #textCount = 0;
  readonly #end: number;
  readonly #table: BulkTable;
  #at: number;

  constructor(table: BulkTable, to: ReturnType<typeof views>, from: number, end: number) {
    this.#table = table;
    this.#numberAt = to.numberAt;
    this.#lengthAt = to.lengthAt;
    this.#kindAt = to.kindAt;
    this.#at = from;
    this.#end = end;
    this.#texts = new Array<string>(end - from);
  }

  number(value: number): void {
    const at = this.#slot();
    this.#kindAt[at] = numberKind;
    this.#numberAt[at] = value;
  }

  text(value: string | null): void {
    const at = this.#slot();
    if (value === null) return;
    this.#kindAt[at] = textKind;
    this.#lengthAt[at] = value.length;
    this.#texts[this.#textCount++] = value;
  }

  null(): void {
    this.#slot();
  }

  /** Every text added, in order; throws unless every slot was filled. */
  texts(): string[] {
    if (this.#at !== this.#end) throw new Error(`${this.#table}: the packed rows do not add up.`);
    this.#texts.length = this.#textCount;
    return this.#texts;
  }

  #slot(): number {
    if (this.#at === this.#end) {
      throw new RangeError(`${this.#table}: more values than the packer was told of.`);
    }
    return this.#at++;
  }
}

/**
 * Packs a batch as its rows are made: told first how many values each table will have, then
 * given each table's values in bulkColumns order, a table's rows one after another, the
 * tables in any interleaving. Kinds start as null (0), so a null costs one step.
 */
export class RowPacker {
  readonly tables: Record<BulkTable, TableValues>;
  readonly #buffer: ArrayBuffer;
  readonly #counts: number[];

  constructor(counts: Readonly<Record<BulkTable, number>>) {
    this.#counts = bulkTables.map((table) => counts[table]);
    const values = this.#counts.reduce((sum, n) => sum + n, 0);
    this.#buffer = new ArrayBuffer(values * 13);
    const to = views(this.#buffer, values);
    let from = 0;
    const tables = {} as Record<BulkTable, TableValues>;
    for (const table of bulkTables) {
      const end = from + counts[table];
      tables[table] = new TableValues(table, to, from, end);
      from = end;
    }
    this.tables = tables;
  }

  pack(): PackedRows {
    const texts = bulkTables.flatMap((table) => this.tables[table].texts());
    return { counts: this.#counts, buffer: this.#buffer, text: texts.join('') };
  }
}

export function unpackRows(packed: PackedRows): RowBatch {
  const { buffer, text } = packed;
  const values = packed.counts.reduce((sum, n) => sum + n, 0);
  if (buffer.byteLength !== values * 13) throw new Error('Packed rows do not add up.');
  const { numberAt, lengthAt, kindAt } = views(buffer, values);
  let v = 0;
  let at = 0;
  const batch = {} as RowBatch;
  bulkTables.forEach((table, i) => {
    const count = packed.counts[i] ?? 0;
    const list = new Array<SqlValue>(count);
    for (let k = 0; k < count; k += 1, v += 1) {
      const kind = kindAt[v];
      if (kind === numberKind) {
        list[k] = numberAt[v] ?? 0;
      } else if (kind === textKind) {
        const end = at + (lengthAt[v] ?? 0);
        list[k] = text.slice(at, end);
        at = end;
      } else if (kind === nullKind) {
        list[k] = null;
      } else {
        throw new Error('Packed rows do not add up.');
      }
    }
    batch[table] = list;
  });
  if (at !== text.length) throw new Error('Packed rows do not add up.');
  return batch;
}
