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
    // Cells Starling's own export defused arrive as written (see csv-cells.ts).
    cast: (value: string) => undoDefusedCell(value),
  });
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  let batch: string[][] = [];
  try {
    for await (const record of parser) {
      batch.push(record as string[]);
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
