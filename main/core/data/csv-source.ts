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
 * The number of records (header included) as csv-parse reads them: line ends outside
 * quotes, empty lines skipped. Only for the progress total: a malformed file is refused by
 * the parser, whatever this counted.
 */
export async function countRecords(source: CsvSource): Promise<number> {
  let records = 0;
  let quoted = false;
  let empty = true;
  let afterCr = false;
  for await (const chunk of openSource(source)) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    for (let i = 0; i < bytes.length; i += 1) {
      const byte = bytes[i];
      if (byte === quote) {
        quoted = !quoted;
      } else if (!quoted && (byte === lf || byte === cr)) {
        // CRLF ends one record, not two.
        if (!(afterCr && byte === lf) && !empty) records += 1;
        empty = true;
        afterCr = byte === cr;
        continue;
      }
      afterCr = false;
      empty = false;
    }
  }
  return empty ? records : records + 1;
}
