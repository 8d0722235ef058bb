// Which CSV column means what: headers are matched case-insensitively, ignoring spaces,
// underscores and hyphens, against each field's accepted names (documented in the
// README). An unknown header is an error, not silently ignored data.
import { failure } from '../../../shared/result.ts';

export const csvFields = {
  text: ['text', 'body', 'content', 'post', 'message', 'tweet'],
  account: ['account', 'accounts', 'handle', 'handles', 'accounthandle', 'accountid', 'username'],
  date: ['date', 'day'],
  time: ['time', 'hour'],
  timezone: ['timezone', 'tz', 'zone'],
  when: ['when', 'datetime', 'scheduledat', 'at'],
  media: ['media', 'mediapaths', 'mediapath', 'images', 'image', 'files', 'attachments'],
  alt: ['alt', 'alttext', 'alttexts', 'mediaalt', 'description'],
  separator: ['threadseparator', 'separator', 'threadsep'],
  campaign: ['campaign', 'campaignid', 'campaignname'],
  /** The network of the row's bare handles (a `network:handle` says its own). */
  network: ['network', 'platform', 'socialnetwork'],
  /** Columns of Starling's own CSV export that an import does not need: read past. */
  ignored: ['id', 'postid', 'client', 'status'],
} as const;

export type CsvField = keyof typeof csvFields;

const normalize = (header: string) => header.toLowerCase().replace(/[\s_\-.]+/g, '');

const byName = new Map<string, CsvField>(
  (Object.entries(csvFields) as [CsvField, readonly string[]][]).flatMap(([field, names]) =>
    names.map((name) => [name, field] as const),
  ),
);

export interface ColumnMap {
  /** Column index of each field found. */
  index: Partial<Record<CsvField, number>>;
  /** The header as written, by field, for error messages. */
  header: Partial<Record<CsvField, string>>;
  columns: { header: string; field: CsvField | null }[];
}

/** Maps a header row; refuses unknown or repeated headers and a file without text or account. */
export function mapColumns(headers: string[]): ColumnMap {
  const map: ColumnMap = { index: {}, header: {}, columns: [] };
  const problems: string[] = [];
  for (const [i, raw] of headers.entries()) {
    const header = raw.trim();
    const field = byName.get(normalize(header)) ?? null;
    map.columns.push({ header, field });
    if (field === null) {
      problems.push(
        header === '' ? `Column ${String(i + 1)} has no header.` : `Unknown column "${header}".`,
      );
    } else if (field === 'ignored') {
      continue;
    } else if (map.index[field] !== undefined) {
      problems.push(`Columns "${map.header[field] ?? ''}" and "${header}" both mean ${field}.`);
    } else {
      map.index[field] = i;
      map.header[field] = header;
    }
  }
  if (map.index.text === undefined && map.index.media === undefined) {
    problems.push('No text column: add one named "text".');
  }
  if (map.index.account === undefined) problems.push('No account column: add one named "account".');
  if (map.index.when !== undefined && (map.index.date ?? map.index.time) !== undefined) {
    problems.push('Use either a "when" column or "date" and "time" columns, not both.');
  }
  if (problems.length > 0) {
    throw failure(
      'VALIDATION',
      `The CSV's header row cannot be read: ${problems.join(' ')} Accepted columns: ${describeFields()}.`,
      { details: { issues: problems.map((message) => ({ path: ['header'], message })) } },
    );
  }
  return map;
}

/** Where the file has Starling's own export columns an import reads past: id and status. */
export function exportColumns(map: ColumnMap): { id: number; status: number } {
  const find = (names: readonly string[]) =>
    map.columns.findIndex((c) => names.includes(normalize(c.header)));
  return { id: find(['id', 'postid']), status: find(['status']) };
}

export function describeFields(): string {
  return (Object.entries(csvFields) as [CsvField, readonly string[]][])
    .filter(([field]) => field !== 'ignored')
    .map(([, names]) => names[0] ?? '')
    .join(', ');
}
