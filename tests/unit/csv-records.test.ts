// How the CSV import reads records (main/core/data/csv-records.ts, [Note: how records are
// read]): the first record's ending ends every record, quotes open a quoted cell only at a
// cell's start, empty lines are skipped, and malformed text is refused with its row.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordBatches } from '../../main/core/data/csv-records.ts';
import type { CsvSource } from '../../main/core/data/csv-source.ts';

async function records(source: CsvSource, batchSize = 2): Promise<string[][]> {
  const all: string[][] = [];
  for await (const batch of recordBatches(source, batchSize)) all.push(...batch);
  return all;
}

async function refusal(source: CsvSource): Promise<string> {
  try {
    await records(source);
  } catch (error) {
    return (error as Error).message;
  }
  return 'read without a refusal';
}

describe('CSV records', () => {
  it('reads a BOM, CRLF ends, bare line feeds and quotes inside cells, quoted commas and quotes', async () => {
    const text =
      '\uFEFFtext,account\r\nfirst line\nsecond line,@a\r\n"a, ""quoted""\r\nnote",@b\r\n5" screen,@c\r\n\r\n"",\r\nlast,@d';
    expect(await records({ text })).toEqual([
      ['text', 'account'],
      ['first line\nsecond line', '@a'],
      ['a, "quoted"\r\nnote', '@b'],
      ['5" screen', '@c'],
      ['', ''],
      ['last', '@d'],
    ]);
  });

  it('skips empty lines and lines of one empty cell, and reads a file of lone CRs', async () => {
    expect(await records({ text: 'a,b\n\n""\nc,d\n' })).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(await records({ text: 'a,b\rc,d\r' })).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('undoes the cells its own export defused', async () => {
    expect(await records({ text: "text\n'=SUM(A1)\n" })).toEqual([['text'], ['=SUM(A1)']]);
  });

  it('refuses a quoted cell never closed and a quote not doubled, naming the row', async () => {
    expect(await refusal({ text: 'text,account\nok,@a\n"never closed,@b\nmore,@c\n' })).toBe(
      'The file is not valid CSV: row 3: a quoted cell is never closed.',
    );
    expect(await refusal({ text: 'text,account\n\nok,@a\n"Unclosed "quote,@b\n' })).toBe(
      'The file is not valid CSV: row 3: a quote inside a quoted cell is not doubled.',
    );
  });

  it('refuses a record that runs on past 1 MB instead of reading the whole file into it', async () => {
    const row = 'a post about coffee and tea,@bakery\n';
    const text = `text,account\n${row}"never closed,@x\n${row.repeat(300_000)}`;
    expect(await refusal({ text })).toBe(
      'The file is not valid CSV: row 3: it runs on for more than 1 MB: is a quoted cell never closed?',
    );
  });

  it('keeps characters whole where a chunk ends inside them, from text and from a file', async () => {
    // The source is read 256 KiB at a time (csv-source.ts): an emoji across the boundary.
    const pad = 'a'.repeat(256 * 1024 - 'text\n'.length - 1);
    const text = `text\n${pad}🐦\nnext\n`;
    expect((await records({ text }))[1]).toEqual([`${pad}🐦`]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'starling-csv-'));
    try {
      const file = path.join(dir, 'posts.csv');
      fs.writeFileSync(file, `text\n${'a'.repeat(256 * 1024 - 'text\n'.length - 2)}é🐦\nnext\n`);
      const read = await records({ file });
      expect(read[1]?.[0]?.endsWith('aé🐦')).toBe(true);
      expect(read).toHaveLength(3);
      expect(await refusal({ file: path.join(dir, 'missing.csv') })).toMatch(/cannot be read/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a quoted cell whose closing quote ends a chunk, its CRLF split by the chunk', async () => {
    // The source is read 256 KiB at a time: the first chunk ends `"@a"\r`, the next starts `\n`.
    const head = 'text,account\r\n';
    const text = `${head}${'x'.repeat(256 * 1024 - head.length - 6)},"@a"\r\nnext,"@b"\r\n`;
    expect((await records({ text })).map((r) => r[1])).toEqual(['account', '@a', '@b']);
    // And a blank after the closing quote, in a file of LF endings: the chunk ends on it.
    const lf = 'text,account\n';
    const spaced = `${lf}${'x'.repeat(256 * 1024 - lf.length - 6)},"@a" \nnext,"@b"\n`;
    expect((await records({ text: spaced })).map((r) => r[1])).toEqual(['account', '@a', '@b']);
  });

  it('hands records over in batches of the size asked, the last one shorter', async () => {
    const text = `text\n${Array.from({ length: 7 }, (_, i) => `row ${String(i)}`).join('\n')}\n`;
    const sizes: number[] = [];
    for await (const batch of recordBatches({ text }, 3)) sizes.push(batch.length);
    expect(sizes).toEqual([3, 3, 2]);
  });
});
