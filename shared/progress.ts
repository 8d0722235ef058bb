// Progress of long work (CSV import, media import, metric sync, backups, client archives),
// one shape for every kind: the core pushes it as `operation:progressed`, the app draws it
// as a bar with a count and the CLI as one line on a terminal. [Note: progress] The caller
// names the operation (a fresh id in the request), so it can match the events to its own
// request and cancel it through `operations:cancel` before the answer arrives.
import { z } from 'zod';
import { lazySchema } from './lazy-schema.ts';
import { pluralWord } from './plural.ts';

export const operationKinds = [
  'csv-import',
  'media-import',
  'metric-sync',
  'backup',
  'archive-export',
  'archive-import',
] as const;
export type OperationKind = (typeof operationKinds)[number];

/** What `done` and `total` count. */
export type ProgressUnit = 'rows' | 'bytes' | 'posts' | 'files' | 'entries';

export type OperationState = 'running' | 'done' | 'cancelled' | 'failed';

export interface OperationProgress {
  operation: string;
  kind: OperationKind;
  /** What the work is doing now, e.g. "checking" then "writing" for a CSV import. */
  phase: string;
  done: number;
  /** Null while the total is not known (a stream without a length). */
  total: number | null;
  unit: ProgressUnit;
  /** Whether `operations:cancel` would stop it now (false once stopping is no longer safe). */
  cancellable: boolean;
  /** `running` until the last event, which says how it ended (with done = total when done). */
  state: OperationState;
}

/** An operation id chosen by the caller: short, URL- and log-safe. */
export const operationId = lazySchema(() =>
  z
    .string({ error: 'operation must be an id (letters, digits and dashes).' })
    .regex(/^[A-Za-z0-9-]{1,64}$/, 'operation must be 1–64 letters, digits or dashes.'),
);

export const cancelOperationInput = lazySchema(() => z.strictObject({ operation: operationId }));

const megabyte = 1024 * 1024;

function amount(n: number, unit: ProgressUnit, locale: string | undefined): string {
  if (unit === 'bytes') {
    return n >= megabyte
      ? `${(n / megabyte).toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 })} MB`
      : `${Math.ceil(n / 1024).toLocaleString(locale)} KB`;
  }
  return n.toLocaleString(locale);
}

const unitWords: Record<Exclude<ProgressUnit, 'bytes'>, string> = {
  rows: 'row',
  posts: 'post',
  files: 'file',
  entries: 'entry',
};

/** "1,204 of 5,000 rows", "12.5 MB of 40.0 MB", "37 posts" (no total yet). */
export function progressCount(
  p: Pick<OperationProgress, 'done' | 'total' | 'unit'>,
  locale?: string,
): string {
  const word =
    p.unit === 'bytes'
      ? ''
      : ` ${pluralWord(p.total ?? p.done, unitWords[p.unit], p.unit === 'entries' ? 'entries' : undefined)}`;
  if (p.total === null) return `${amount(p.done, p.unit, locale)}${word}`;
  return `${amount(p.done, p.unit, locale)} of ${amount(p.total, p.unit, locale)}${word}`;
}

/** The share done, 0–100, or null when the total is not known. */
export function progressPercent(p: Pick<OperationProgress, 'done' | 'total'>): number | null {
  if (p.total === null) return null;
  if (p.total <= 0) return 100;
  return Math.min(100, Math.floor((p.done / p.total) * 100));
}

const kindLabels: Record<OperationKind, string> = {
  'csv-import': 'Importing posts',
  'media-import': 'Importing media',
  'metric-sync': 'Reading metrics',
  backup: 'Backing up',
  'archive-export': 'Exporting the client',
  'archive-import': 'Importing the client',
};

/** "Importing posts: writing" — what a person reads beside the bar. */
export function progressLabel(p: Pick<OperationProgress, 'kind' | 'phase'>): string {
  return `${kindLabels[p.kind]}: ${p.phase}`;
}
