// Where a CSV import reads its bytes: a file on this machine, streamed from disk (the CLI,
// the desktop dialog), or text a window sent. Both are read in chunks, so the parser never
// holds the whole file; a first quick pass counts the records for the progress bar.
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { csvImportMaxBytes } from '../../../shared/data.ts';
import { failure } from '../../../shared/result.ts';

export type CsvSource = { file: string } | { text: string | Buffer };

const chunkBytes = 256 * 1024;

/** The source's size in bytes; a file over the import's limit is refused here. */
export function sourceBytes(source: CsvSource): number {
  let bytes: number;
  if ('file' in source) {
    try {
      bytes = fs.statSync(source.file).size;
    } catch (error) {
      throw failure('VALIDATION', `${source.file} cannot be read: ${String(error)}`);
    }
  } else {
    bytes = Buffer.byteLength(source.text);
  }
  if (bytes > csvImportMaxBytes) {
    throw failure('VALIDATION', 'The CSV file is larger than 64 MB: split it.');
  }
  return bytes;
}

/** The source as a stream of chunks (text is sliced too: one huge chunk would be parsed whole). */
export function openSource(source: CsvSource): Readable {
  if ('file' in source) return fs.createReadStream(source.file, { highWaterMark: chunkBytes });
  const { text } = source;
  return Readable.from(
    (function* slices() {
      for (let at = 0; at < text.length; at += chunkBytes) yield text.slice(at, at + chunkBytes);
    })(),
    { objectMode: false },
  );
}

const quote = 0x22;
const cr = 0x0d;
const lf = 0x0a;

/**
 * The number of records (header included) as csv-parse reads them: empty lines skipped,
 * and only the line ending the first record ends with (CRLF, LF or CR, outside quotes)
 * ending a record, as the parser detects it; any other CR or LF is text in a cell (a file
 * csv-stringify wrote with windows endings leaves bare line feeds unquoted). Only for the
 * progress total: a malformed file is refused by the parser, whatever this counted. Null
 * when `signal` stopped it first (the import ended: nothing waits for the file's end).
 */
export async function countRecords(
  source: CsvSource,
  signal?: AbortSignal,
): Promise<number | null> {
  let records = 0;
  let quoted = false;
  let empty = true;
  let ending = null as 'crlf' | 'lf' | 'cr' | null;
  /** A CR outside quotes whose meaning the next byte decides. */
  let pendingCr = false;
  const endRecord = () => {
    if (!empty) records += 1;
    empty = true;
  };
  let first = true;
  for await (const chunk of openSource(source)) {
    if (signal?.aborted === true) return null;
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    // A UTF-8 byte order mark is not part of the first record (the parser's `bom`).
    const start = first && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    first = false;
    for (let i = start; i < bytes.length; i += 1) {
      const byte = bytes[i];
      if (pendingCr) {
        pendingCr = false;
        // A CR waits only while the ending is CRLF or not known yet.
        if (byte === lf && ending !== 'lf') {
          ending = 'crlf';
          endRecord();
          continue;
        }
        // Not followed by LF: a record's end if the first record's was a lone CR, else text.
        ending ??= 'cr';
        if (ending === 'cr') endRecord();
        else empty = false;
      }
      if (byte === quote) {
        // A quoted empty cell is a record; an empty line is not.
        quoted = !quoted;
        empty = false;
      } else if (quoted) {
        empty = false;
      } else if (byte === cr) {
        if (ending === 'cr') endRecord();
        else pendingCr = true;
      } else if (byte === lf) {
        ending ??= 'lf';
        if (ending === 'lf') endRecord();
        else empty = false;
      } else {
        empty = false;
      }
    }
  }
  // A CR left pending at the very end ends the last record (the ending is CR or not known
  // yet), or is text in it: then the record counts even if it holds nothing else.
  if (pendingCr && ending !== null && ending !== 'cr') empty = false;
  return empty ? records : records + 1;
}
