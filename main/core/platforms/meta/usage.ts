// [Note: Meta usage] Meta says how much of a rate limit is spent in headers on its
// answers rather than in a count of calls left: X-App-Usage (the app's platform limit, for
// calls with a user token: call_count, total_cputime, total_time, each a percentage of a
// rolling hour) and X-Business-Use-Case-Usage (for calls with a Page token: per business
// object id, a list of {type, call_count, total_cputime, total_time,
// estimated_time_to_regain_access in minutes}). Once any figure reaches 100 every call is
// refused (codes 4, 17, 32, 80001…) until it falls again. Starling keeps the latest
// figures per scope and stops sending before that: at `backOffAt` percent it waits until
// Meta's estimated time, or a share of the rolling hour where Meta named none.
import type { IncomingHttpHeaders } from 'node:http';
import { header } from '../http-exchange.ts';

/** One scope's spend: 'app' for the platform limit, or a business object's id. */
export interface Usage {
  scope: string;
  /** The highest of the call count, CPU time and total time percentages. */
  percent: number;
  /** When Meta expects calls to pass again (estimated_time_to_regain_access), or null. */
  regainAt: number | null;
  /** BUC's type (pages, instagram, …); null for the app's platform limit. */
  type: string | null;
}

/** From this percentage on, Starling sends nothing more in that scope for a while. */
export const backOffAt = 90;
/** Without Meta's estimate, wait this long: a rolling hour gives back about this share. */
export const defaultPauseMs = 10 * 60_000;

const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
const percentOf = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value) ? Math.max(0, value) : 0;

function parseJson(value: string): unknown {
  if (value === '') return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

function spend(figures: Record<string, unknown>): number {
  return Math.max(
    percentOf(figures.call_count),
    percentOf(figures.total_cputime),
    percentOf(figures.total_time),
  );
}

/** Every usage figure on one answer's headers; unreadable headers are skipped. */
export function parseUsage(headers: IncomingHttpHeaders, now: number): Usage[] {
  const out: Usage[] = [];
  const app = parseJson(header(headers, 'x-app-usage'));
  if (typeof app === 'object' && app !== null) {
    out.push({ scope: 'app', percent: spend(record(app)), regainAt: null, type: null });
  }
  const buc = parseJson(header(headers, 'x-business-use-case-usage'));
  for (const [scope, list] of Object.entries(record(buc))) {
    if (!Array.isArray(list)) continue;
    for (const entry of list.map(record)) {
      const minutes = percentOf(entry.estimated_time_to_regain_access);
      out.push({
        scope,
        percent: spend(entry),
        regainAt: minutes > 0 ? now + minutes * 60_000 : null,
        type: typeof entry.type === 'string' ? entry.type : null,
      });
    }
  }
  return out;
}

export interface UsagePause {
  scope: string;
  percent: number;
  until: number;
}

/** The latest figures per scope, shared by every account of one Meta module. */
export function createUsageWatch(now: () => number) {
  const latest = new Map<string, { usage: Usage; seenAt: number }>();
  return {
    /** Reads an answer's headers (GraphApi's onUsage). */
    note(headers: IncomingHttpHeaders): void {
      const at = now();
      const answer = new Map<string, Usage>();
      for (const usage of parseUsage(headers, at)) {
        // Several types of one business id on one answer: the most spent one counts.
        const other = answer.get(usage.scope);
        if (other === undefined || usage.percent > other.percent) answer.set(usage.scope, usage);
      }
      for (const [scope, usage] of answer) latest.set(scope, { usage, seenAt: at });
    },

    /**
     * Why calls in `scopes` (plus the app's) should wait, or null: the most spent scope at
     * or above `backOffAt`, until Meta's estimate or `defaultPauseMs` after it was seen.
     */
    pause(scopes: readonly string[]): UsagePause | null {
      let worst: UsagePause | null = null;
      for (const scope of ['app', ...scopes]) {
        const kept = latest.get(scope);
        if (kept === undefined || kept.usage.percent < backOffAt) continue;
        const until = kept.usage.regainAt ?? kept.seenAt + defaultPauseMs;
        if (until <= now()) continue;
        if (worst === null || until > worst.until) {
          worst = { scope, percent: kept.usage.percent, until };
        }
      }
      return worst;
    },

    /** The figures the composer shows: the latest percentage per scope. */
    figures(scopes: readonly string[]): Usage[] {
      return ['app', ...scopes].flatMap((scope) => {
        const kept = latest.get(scope);
        return kept === undefined ? [] : [kept.usage];
      });
    },
  };
}

export type UsageWatch = ReturnType<typeof createUsageWatch>;

/** Thrown instead of a call while a scope's usage is near Meta's limit. */
export class MetaBackOff extends Error {
  override readonly name = 'MetaBackOff';
  readonly pause: UsagePause;
  constructor(pause: UsagePause) {
    super(
      `Meta's rate limit is ${String(Math.round(pause.percent))}% spent` +
        (pause.scope === 'app' ? ' for your Meta app' : ' for this Page') +
        ', so Starling waits before sending more.',
    );
    this.pause = pause;
  }
}
