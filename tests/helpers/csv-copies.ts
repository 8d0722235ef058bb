// An export of Starling's own CSV made importable as copies: without its id column, as the
// import's refusal of posts already here advises ([Note: exported rows read back]).
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

export function asCopies(csv: string): string {
  const rows = parse<Record<string, string>>(csv, { columns: true });
  return stringify(
    rows.map(({ id: _id, ...rest }) => rest),
    { header: true },
  );
}
