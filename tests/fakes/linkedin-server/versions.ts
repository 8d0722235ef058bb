// The LinkedIn-Version header every /rest call must carry: YYYYMM (or YYYYMM.RR), one of
// the monthly versions still supported. LinkedIn keeps a version about a year, refuses a
// missing header with 400 VERSION_MISSING and a retired or unreleased one with 426.
import { versionInactive, versionMissing, type Reply } from './replies.ts';

const versionPattern = /^(\d{4})(\d{2})(?:\.(\d{2}))?$/;
const supportedMonths = 12;

function monthKey(year: number, month: number): string {
  return `${year}${String(month).padStart(2, '0')}`;
}

/** The twelve YYYYMM versions up to and including the month of `now` (UTC). */
export function defaultActiveVersions(now: number): string[] {
  const date = new Date(now);
  const out: string[] = [];
  for (let back = 0; back < supportedMonths; back += 1) {
    const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - back, 1));
    out.push(monthKey(d.getUTCFullYear(), d.getUTCMonth() + 1));
  }
  return out;
}

/** The version label LinkedIn uses in its messages: 202501 → 20250101, 202501.02 → 20250101.02. */
export function versionLabel(header: string): string {
  const match = versionPattern.exec(header);
  if (match === null) return header;
  return `${match[1] ?? ''}${match[2] ?? ''}01${match[3] === undefined ? '' : `.${match[3]}`}`;
}

export function checkVersion(
  header: string | string[] | undefined,
  active: readonly string[],
): { version: string } | Reply {
  const value = (Array.isArray(header) ? header[0] : header)?.trim() ?? '';
  if (value === '') return versionMissing();
  const match = versionPattern.exec(value);
  const month = match === null ? null : `${match[1] ?? ''}${match[2] ?? ''}`;
  if (month === null || !active.includes(month)) return versionInactive(versionLabel(value));
  return { version: value };
}
