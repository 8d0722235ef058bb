// A CSV's records in batches, parsed as the bytes stream in (csv-parse's streaming API), so
// memory holds one batch and the parser's buffer, never the whole file. Malformed CSV
// stops the import with a VALIDATION failure saying where.
import { CsvError, parse } from 'csv-parse';
import { failure } from '../../../shared/result.ts';
import { undoDefusedCell } from './csv-cells.ts';
import { openSource, type CsvSource } from './csv-source.ts';

export async function* recordBatches(
  source: CsvSource,
  batchSize: number,
): AsyncGenerator<string[][], void, undefined> {
  const input = openSource(source);
  const parser = parse({
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
  });
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  let batch: string[][] = [];
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      // Cells Starling's own export defused arrive as written (see csv-cells.ts). Done here
      // rather than as csv-parse's `cast`, which builds a context object for every cell it
      // is given: that was about an eighth of what the checking thread allocated.
      for (let i = 0; i < record.length; i += 1) record[i] = undoDefusedCell(record[i] as string);
      batch.push(record);
      if (batch.length === batchSize) {
        yield batch;
        batch = [];
      }
    }
  } catch (error) {
    if (error instanceof CsvError) {
      throw failure('VALIDATION', `The file is not valid CSV: ${error.message}`);
    }
    if ('file' in source && (error as NodeJS.ErrnoException).syscall !== undefined) {
      throw failure('VALIDATION', `${source.file} cannot be read: ${(error as Error).message}`);
    }
    throw error;
  } finally {
    input.destroy();
    parser.destroy();
  }
  if (batch.length > 0) yield batch;
}
