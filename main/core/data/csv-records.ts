// A CSV's records in batches, parsed as the text streams in (Papa Parse, fed the source's
// chunks), so memory holds one batch and a chunk or two, never the whole file. Malformed
// CSV stops the import with a VALIDATION failure saying which row.
//
// [Note: how records are read] One rule for what a record is, shared with the progress
// bar's count (countRecords in csv-source.ts): the line ending that ends the first record
// (CRLF, LF or CR, outside quotes) ends every record, and any other CR or LF is text in a
// cell (a file csv-stringify wrote with windows endings leaves bare line feeds unquoted).
// Lines holding nothing, or one empty cell, are skipped; a byte order mark is not text.
// Papa Parse is told the ending rather than left to guess it from the majority of the
// first chunk. It reads about four times as fast as csv-parse did here (16 MB, 100,000
// rows: 0.13-0.21 s of CPU against 0.65-0.89 s, 2026-12-07), on the thread that checks
// an import's rows beside the one writing them.
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import { AppFailure, failure } from '../../../shared/result.ts';
import { undoDefusedCell } from './csv-cells.ts';
import { openSource, recordEnding, type CsvSource } from './csv-source.ts';

/** Text read for the first record's ending at most (characters). */
const firstRecordMax = 1024 * 1024;

/**
 * A record's length at most (characters). Papa Parse reads a record that has not ended
 * again from its start with each chunk, so a quote never closed near the top of a 64 MB
 * file cost 6 s and 600 MB before it was refused; no post comes near this.
 */
const recordMax = 1024 * 1024;

/** Batches parsed ahead of the reader at most: then the source is paused. */
const batchesAhead = 2;

export async function* recordBatches(
  source: CsvSource,
  batchSize: number,
): AsyncGenerator<string[][], void, undefined> {
  const input = openSource(source);
  let rest: Readable | null = null;
  try {
    input.setEncoding('utf8');
    const text = await firstText(input);
    rest = text.rest;
    const reading = readRecords(text, batchSize, source);
    for (;;) {
      if (reading.problem !== null) throw reading.problem;
      const next = reading.ready.shift();
      if (next !== undefined) {
        if (reading.ready.length < batchesAhead && !text.rest.destroyed) text.rest.resume();
        yield next;
      } else if (reading.done) {
        break;
      } else {
        await new Promise<void>((resolve) => (reading.wake = resolve));
      }
    }
  } catch (error) {
    throw unreadable(error, source);
  } finally {
    rest?.destroy();
    input.destroy();
  }
}

/** Parses `rest` into batches as it streams in, pausing it while `batchesAhead` wait. */
function readRecords(text: SourceText, batchSize: number, source: CsvSource) {
  const { rest } = text;
  const reading = {
    ready: [] as string[][][],
    done: false,
    problem: null as Error | null,
    wake: null as (() => void) | null,
  };
  const notify = () => {
    const resolve = reading.wake;
    reading.wake = null;
    resolve?.();
  };
  let batch: string[][] = [];
  /** Records before the chunk being read, header included. */
  let records = 0;
  Papa.parse(rest, {
    delimiter: ',',
    quoteChar: '"',
    escapeChar: '"',
    newline: text.ending,
    chunk(results: Papa.ParseResult<string[]>) {
      // Only a finished row's: Papa reads the row a chunk cut short again with the next one,
      // and may have found its quotes unfinished (a closing quote last, then CR) meanwhile.
      const quotes = results.errors.find(
        (error) => error.type === 'Quotes' && (error.row ?? 0) < results.data.length,
      );
      // The record not yet ended, if any, runs from the cursor to the text read so far.
      const tooLong = text.read() - results.meta.cursor > recordMax;
      if (quotes !== undefined || tooLong) {
        const row = records + recordsUpTo(results.data, quotes?.row ?? results.data.length);
        reading.problem ??= malformed(quotes?.code, row);
        rest.destroy();
        notify();
        return;
      }
      for (const record of results.data) {
        if (isEmpty(record)) continue;
        // Cells Starling's own export defused arrive as written (see csv-cells.ts).
        for (let i = 0; i < record.length; i += 1) {
          record[i] = undoDefusedCell(record[i] as string);
        }
        records += 1;
        batch.push(record);
        if (batch.length === batchSize) {
          reading.ready.push(batch);
          batch = [];
        }
      }
      if (reading.ready.length >= batchesAhead) rest.pause();
      notify();
    },
    complete() {
      if (batch.length > 0) reading.ready.push(batch);
      batch = [];
      reading.done = true;
      notify();
    },
    error(error: Error) {
      reading.problem ??= unreadable(error, source);
      notify();
    },
  });
  return reading;
}

/** A line holding nothing, or one empty cell: no record. */
const isEmpty = (record: string[]) => record.length === 1 && record[0] === '';

interface SourceText {
  /** The text from the start, chunk by chunk. */
  rest: Readable;
  ending: '\r\n' | '\n' | '\r';
  /** Characters `rest` has given so far. */
  read: () => number;
}

/**
 * The source from its first chunks on, with its byte order mark taken off, and the ending
 * of its first record: the chunks are read until one is found (or the text ends).
 */
async function firstText(input: Readable): Promise<SourceText> {
  const iterator = input[Symbol.asyncIterator]() as AsyncIterator<string>;
  let head = '';
  let ending: ReturnType<typeof recordEnding>;
  for (;;) {
    const next = await iterator.next();
    if (next.done === true) {
      ending = recordEnding(withoutBom(head), true);
      break;
    }
    head += next.value;
    ending = recordEnding(withoutBom(head));
    // A first record (the header) this long is refused for its columns whatever its end.
    if (ending !== null || head.length > firstRecordMax) break;
  }
  head = withoutBom(head);
  let read = 0;
  const rest = Readable.from(
    (async function* chunks() {
      read += head.length;
      if (head !== '') yield head;
      for (;;) {
        const next = await iterator.next();
        if (next.done === true) return;
        read += next.value.length;
        yield next.value;
      }
    })(),
    { objectMode: false, encoding: 'utf8' },
  );
  // One record with no ending at all: any ending reads it the same.
  return { rest, ending: ending ?? '\n', read: () => read };
}

/** A UTF-8 byte order mark is not text. */
const withoutBom = (text: string) => (text.startsWith('\uFEFF') ? text.slice(1) : text);

/** Records among `data` before its row `row`, and that row: empty lines are not records. */
function recordsUpTo(data: string[][], row: number): number {
  let records = 1;
  for (let i = 0; i < row && i < data.length; i += 1) {
    if (!isEmpty(data[i] as string[])) records += 1;
  }
  return records;
}

function malformed(code: Papa.ParseError['code'] | undefined, row: number) {
  const what =
    code === undefined
      ? 'it runs on for more than 1 MB: is a quoted cell never closed?'
      : code === 'MissingQuotes'
        ? 'a quoted cell is never closed.'
        : 'a quote inside a quoted cell is not doubled.';
  return failure('VALIDATION', `The file is not valid CSV: row ${String(row)}: ${what}`);
}

function unreadable(error: unknown, source: CsvSource): Error {
  if (error instanceof AppFailure) return error;
  if ('file' in source && (error as NodeJS.ErrnoException).syscall !== undefined) {
    return failure('VALIDATION', `${source.file} cannot be read: ${(error as Error).message}`);
  }
  return error instanceof Error ? error : new Error(String(error));
}
