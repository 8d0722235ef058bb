// Rate limits as Meta reports them (graph-api/overview/rate-limiting): calls with a user
// token count against the app (X-App-Usage), calls with a Page token against the Page's
// business use case (X-Business-Use-Case-Usage, type "pages"), each over a rolling hour.
// Every answer carries the percentages; at 100 the call is refused (code 4 for the app,
// 80001 for a Page) with Meta's estimate of when calls pass again, in minutes.
import type { FakeClock } from '../http-kit/types.ts';
import { graphError, type Reply } from './replies.ts';

const hourMs = 3_600_000;

export interface UsageLimits {
  /** Calls an hour the app may make with user tokens. */
  appCallsPerHour: number;
  /** Calls an hour per Page with its Page token. */
  pageCallsPerHour: number;
}

export class UsageMeter {
  readonly #calls = new Map<string, number[]>();
  readonly #clock: FakeClock;
  limits: UsageLimits;

  constructor(clock: FakeClock, limits: UsageLimits) {
    this.#clock = clock;
    this.limits = limits;
  }

  #recent(scope: string): number[] {
    const since = this.#clock.now() - hourMs;
    const kept = (this.#calls.get(scope) ?? []).filter((at) => at > since);
    this.#calls.set(scope, kept);
    return kept;
  }

  /** Minutes until the oldest call in the window leaves it. */
  #regain(calls: number[]): number {
    const oldest = calls[0];
    return oldest === undefined
      ? 0
      : Math.max(1, Math.ceil((oldest + hourMs - this.#clock.now()) / 60_000));
  }

  /**
   * Counts one call in `scope` ('app' or a Page id): the headers to send, and the refusal
   * when the limit is already spent (a refused call is not counted).
   */
  take(scope: string): { headers: Record<string, string>; refusal: Reply | null } {
    const calls = this.#recent(scope);
    const limit = scope === 'app' ? this.limits.appCallsPerHour : this.limits.pageCallsPerHour;
    const full = calls.length >= limit;
    if (!full) calls.push(this.#clock.now());
    const percent = Math.min(100, Math.round((calls.length / limit) * 100));
    const regain = full ? this.#regain(calls) : 0;
    const headers = usageHeaders(scope, percent, regain);
    if (!full) return { headers, refusal: null };
    return {
      headers,
      refusal:
        scope === 'app'
          ? graphError(
              400,
              '(#4) Application request limit reached',
              { code: 4, transient: true },
              headers,
            )
          : graphError(
              400,
              '(#80001) There have been too many calls to this Page account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.',
              { code: 80001, transient: true },
              headers,
            ),
    };
  }
}

export function usageHeaders(
  scope: string,
  percent: number,
  regainMinutes: number,
): Record<string, string> {
  const figures = {
    call_count: percent,
    total_cputime: Math.round(percent / 4),
    total_time: Math.round(percent / 3),
  };
  if (scope === 'app') return { 'x-app-usage': JSON.stringify(figures) };
  return {
    'x-business-use-case-usage': JSON.stringify({
      [scope]: [{ type: 'pages', ...figures, estimated_time_to_regain_access: regainMinutes }],
    }),
  };
}
