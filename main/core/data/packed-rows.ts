// [Note: rows packed for the writing thread] A batch of rows crosses from the checking
// thread to the writing thread (csv-import-protocol.ts) as one string holding every text
// value one after another, and one buffer of numbers, text lengths and value kinds, which
// is transferred, not copied. Sent as lists of values instead, structured clone made each
// value anew on the writing thread: about 5,000,000 values for 100,000 posts, 0.5-0.9 s of
// that thread's time (2026-12-07), on the thread that sets an import's pace. Unpacked, a
// text is a slice of the one string (V8 shares its characters), 0.15 s for all of them.
import { bulkTables, type RowBatch, type SqlValue } from '../services/bulk-columns.ts';

export interface PackedRows {
  /** How many values each table has, in bulkTables order. */
  counts: number[];
  /** numbers, then text lengths, then kinds; sent in the transfer list. */
  buffer: ArrayBuffer;
  numbers: number;
  texts: number;
  /** Every text value, one after another. */
  text: string;
}

const nullKind = 0;
const numberKind = 1;
const textKind = 2;

export function packRows(batch: RowBatch): PackedRows {
  let values = 0;
  let numbers = 0;
  let texts = 0;
  for (const table of bulkTables) {
    // Typed as SQL values, but a value of any other kind would be lost on the way.
    for (const value of batch[table] as unknown[]) {
      values += 1;
      if (typeof value === 'number') numbers += 1;
      else if (typeof value === 'string') texts += 1;
      else if (value !== null) throw new TypeError(`${table}: a value that is no SQL value`);
    }
  }
  const buffer = new ArrayBuffer(numbers * 8 + texts * 4 + values);
  const numberAt = new Float64Array(buffer, 0, numbers);
  const lengthAt = new Uint32Array(buffer, numbers * 8, texts);
  const kindAt = new Uint8Array(buffer, numbers * 8 + texts * 4, values);
  const pieces = new Array<string>(texts);
  let n = 0;
  let t = 0;
  let v = 0;
  for (const table of bulkTables) {
    for (const value of batch[table]) {
      if (typeof value === 'number') {
        numberAt[n++] = value;
        kindAt[v++] = numberKind;
      } else if (typeof value === 'string') {
        lengthAt[t] = value.length;
        pieces[t++] = value;
        kindAt[v++] = textKind;
      } else {
        kindAt[v++] = nullKind;
      }
    }
  }
  return {
    counts: bulkTables.map((table) => batch[table].length),
    buffer,
    numbers,
    texts,
    text: pieces.join(''),
  };
}

export function unpackRows(packed: PackedRows): RowBatch {
  const { buffer, numbers, texts, text } = packed;
  const numberAt = new Float64Array(buffer, 0, numbers);
  const lengthAt = new Uint32Array(buffer, numbers * 8, texts);
  const kindAt = new Uint8Array(buffer, numbers * 8 + texts * 4);
  let n = 0;
  let t = 0;
  let v = 0;
  let at = 0;
  const batch = {} as RowBatch;
  bulkTables.forEach((table, i) => {
    const count = packed.counts[i] ?? 0;
    const values = new Array<SqlValue>(count);
    for (let k = 0; k < count; k += 1) {
      const kind = kindAt[v++];
      if (kind === numberKind) {
        values[k] = numberAt[n++] ?? 0;
      } else if (kind === textKind) {
        const end = at + (lengthAt[t++] ?? 0);
        values[k] = text.slice(at, end);
        at = end;
      } else {
        values[k] = null;
      }
    }
    batch[table] = values;
  });
  if (v !== kindAt.length || at !== text.length) throw new Error('Packed rows do not add up.');
  return batch;
}
