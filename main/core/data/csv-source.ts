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
      for (let at = 0; at < text.length;) {
        let end = Math.min(at + chunkBytes, text.length);
        // Not between the two halves of a character beyond U+FFFF: each alone is no text.
        if (typeof text === 'string' && isHighSurrogate(text.charCodeAt(end - 1))) end += 1;
        yield text.slice(at, end);
        at = end;
      }
    })(),
    { objectMode: false },
  );
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

const quote = 0x22;
const comma = 0x2c;
const space = 0x20;
const tab = 0x09;
const cr = 0x0d;
const lf = 0x0a;

/**
 * The ending of a CSV's first record, from its text so far ([Note: how records are read]
 * in csv-records.ts): its first CR or LF outside quotes, a CR followed by LF being CRLF.
 * Null while the text does not tell yet (no ending, or a CR last and more text to come).
 */
export function recordEnding(text: string, ended = false): '\r\n' | '\n' | '\r' | null {
  let quoted = false;
  let fieldStart = true;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (quoted) {
      // Two quotes stand for one inside the cell; one alone closes it.
      if (code === quote && text.charCodeAt(i + 1) === quote) i += 1;
      else if (code === quote) quoted = false;
    } else if (code === quote && fieldStart) {
      quoted = true;
    } else if (code === lf) {
      return '\n';
    } else if (code === cr) {
      if (i + 1 < text.length) return text.charCodeAt(i + 1) === lf ? '\r\n' : '\r';
      return ended ? '\r' : null;
    } else {
      fieldStart = code === comma;
      continue;
    }
    fieldStart = false;
  }
  return null;
}

/**
 * The number of records (header included) the import reads ([Note: how records are read]
 * in csv-records.ts), for the progress bar's total: a quote opens a quoted cell only at a
 * cell's start; a line holding nothing or one empty cell is no record. A malformed file is
 * refused by the parser, whatever this counted. Null when `signal` stopped it first (the
 * import ended: nothing waits for the file's end).
 */
export async function countRecords(
  source: CsvSource,
  signal?: AbortSignal,
): Promise<number | null> {
  let records = 0;
  let quoted = false;
  /** At a cell's start, where a quote opens a quoted cell. */
  let fieldStart = true;
  /** A quoted cell just closed: a quote now stands for a quote inside it. */
  let closed = false;
  /** The record so far holds a comma or a character of a cell. */
  let content = false;
  let ending = null as 'crlf' | 'lf' | 'cr' | null;
  /** A CR outside quotes whose meaning the next byte decides. */
  let pendingCr = false;
  const endRecord = () => {
    if (content) records += 1;
    content = false;
    fieldStart = true;
    closed = false;
  };
  const text = () => {
    content = true;
    fieldStart = false;
  };
  let first = true;
  for await (const chunk of openSource(source)) {
    if (signal?.aborted === true) return null;
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    // A UTF-8 byte order mark is not part of the first record.
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
        else if (!closed) text();
      }
      if (quoted) {
        if (byte === quote) {
          quoted = false;
          closed = true;
        } else {
          content = true;
        }
        continue;
      }
      if (byte === quote) {
        if (closed) {
          quoted = true;
          content = true;
        } else if (fieldStart) {
          quoted = true;
          fieldStart = false;
        } else {
          text();
        }
        closed = false;
        continue;
      }
      if (byte === cr) {
        if (ending === 'cr') endRecord();
        else pendingCr = true;
        continue;
      }
      // Blanks between a closing quote and what ends the cell are dropped, as the reader does.
      if (
        closed &&
        (byte === space || byte === tab || (byte === lf && ending !== null && ending !== 'lf'))
      )
        continue;
      closed = false;
      if (byte === lf) {
        ending ??= 'lf';
        if (ending === 'lf') endRecord();
        else text();
      } else if (byte === comma) {
        content = true;
        fieldStart = true;
      } else {
        text();
      }
    }
  }
  // A CR left pending at the very end ends the last record (the ending is CR or not known
  // yet), or is text in it.
  if (pendingCr && ending !== null && ending !== 'cr') content = true;
  return content ? records + 1 : records;
}
