// The CSV import's quick count of records, for its progress bar's total, against the
// import's own reader (recordBatches in csv-records.ts): a file whose records end in CRLF
// and whose unquoted cells hold bare line feeds (what csv-stringify writes with windows
// record ends) counts as many records as the reader then reads.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordBatches } from '../../main/core/data/csv-records.ts';
import { countRecords } from '../../main/core/data/csv-source.ts';

async function parsedRecords(text: string): Promise<number> {
  let records = 0;
  for await (const batch of recordBatches({ text }, 7)) records += batch.length;
  return records;
}

/**
 * A cell: plain words, a quote inside one (text there), a quoted empty cell or quote, or
 * quoted with commas, quotes and any line ending inside.
 */
const cell = fc.oneof(
  fc.stringMatching(/^[a-z ]{0,6}$/),
  fc.constantFrom('a"b', '""', '""""'),
  fc
    .array(fc.constantFrom('a', ',', '""', '\n', '\r\n', '\r'), { maxLength: 6 })
    .map((pieces) => `"${pieces.join('')}"`),
);

describe('countRecords', () => {
  it('counts what the import reads, whatever the record ending and the line feeds in cells', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('\r\n', '\n', '\r'),
        fc.array(fc.array(cell, { minLength: 1, maxLength: 3 }), { maxLength: 6 }),
        // Bare line feeds or carriage returns in unquoted cells, which only the first
        // record's ending tells apart from record ends.
        fc.array(fc.nat({ max: 40 }), { maxLength: 3 }),
        fc.boolean(),
        fc.constantFrom('', '\uFEFF'),
        fc.constantFrom('', '\r', '\n', '\r\n'),
        async (ending, rows, strays, endsWithEnding, bom, last) => {
          let text = rows.map((cells) => cells.join(',')).join(ending);
          if (endsWithEnding) text += ending;
          // A byte order mark; a last line ending of another kind, or an empty line.
          text = `${bom}${text}${last}`;
          const stray = ending === '\r\n' ? '\n' : ending === '\n' ? '\r' : '\n';
          // Only after the first record's end, which sets the ending for the whole file,
          // and only outside quotes (a stray inside a quoted cell is just text).
          const first = text.indexOf(ending);
          for (const at of strays) {
            const place = first + ending.length + at;
            if (first < 0 || place >= text.length) continue;
            const before = text.slice(0, place);
            if ((before.match(/"/g)?.length ?? 0) % 2 === 0 && !before.endsWith('\r')) {
              text = `${before}x${stray}x${text.slice(place)}`;
            }
          }
          let expected: number;
          try {
            expected = await parsedRecords(text);
          } catch {
            return; // Not valid CSV: the parser refuses it, whatever was counted.
          }
          expect(await countRecords({ text })).toBe(expected);
        },
      ),
      { numRuns: 600 },
    );
  });

  it('counts the records of a CRLF file whose unquoted cells hold bare line feeds', async () => {
    const text = 'text,account\r\nfirst line\nsecond line,@a\r\nplain,@b\r\n';
    expect(await parsedRecords(text)).toBe(3);
    expect(await countRecords({ text })).toBe(3);
  });

  it('stops, with no count, once its signal is aborted', async () => {
    const text = 'a\n'.repeat(300_000);
    expect(await countRecords({ text }, AbortSignal.abort())).toBeNull();
    expect(await countRecords({ text }, new AbortController().signal)).toBe(300_000);
  });

  it('reads a CRLF split between two chunks as one ending', async () => {
    // The source is read 256 KiB at a time (csv-source.ts).
    const text = `${'a'.repeat(256 * 1024 - 1)}\r\nb\nc\r\nd`;
    expect(await parsedRecords(text)).toBe(3);
    expect(await countRecords({ text })).toBe(3);
  });
});
