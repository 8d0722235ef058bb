// The one rule for formula-like CSV cells (main/core/data/csv-cells.ts): what is written
// never starts with a formula character, and reading undoes writing exactly, for any text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defuseCell, undoDefusedCell } from '../../main/core/data/csv-cells.ts';

const triggers = ['=', '+', '-', '@', '\t', '\r'];

describe('CSV formula cells', () => {
  it('prefixes a quote to cells a spreadsheet would run, and to quotes before them', () => {
    expect(defuseCell('=HYPERLINK("http://x","x")')).toBe(`'=HYPERLINK("http://x","x")`);
    expect(defuseCell('-5 degrees')).toBe("'-5 degrees");
    expect(defuseCell('\tTabbed')).toBe("'\tTabbed");
    expect(defuseCell("'=SUM(A1)")).toBe("''=SUM(A1)");
    expect(defuseCell("'quoted")).toBe("'quoted");
    expect(defuseCell('5 - 3 = 2')).toBe('5 - 3 = 2');
    expect(defuseCell('')).toBe('');
  });

  it('leaves hand-made cells alone unless they are in the defused shape', () => {
    expect(undoDefusedCell('-5 degrees')).toBe('-5 degrees');
    expect(undoDefusedCell("'quoted")).toBe("'quoted");
    expect(undoDefusedCell("'+1")).toBe('+1');
  });

  it('round-trips any text, and never writes a cell that starts a formula', () => {
    // Texts biased towards the interesting starts: quotes, then formula characters.
    const start = fc
      .array(fc.constantFrom("'", ...triggers), { maxLength: 4 })
      .map((a) => a.join(''));
    const text = fc.tuple(start, fc.string()).map(([a, b]) => a + b);
    fc.assert(
      fc.property(fc.oneof(text, fc.string()), (s) => {
        const written = defuseCell(s);
        expect(undoDefusedCell(written)).toBe(s);
        expect(triggers.some((t) => written.startsWith(t))).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
