// Injected failures, matched by method and path and used up one request at a time.
import type { FaultRule } from './types.ts';

interface ActiveFault {
  rule: FaultRule;
  left: number;
}

function pathMatches(pattern: string | RegExp, path: string): boolean {
  if (pattern instanceof RegExp) return pattern.test(path);
  if (!pattern.includes('/:')) return pattern === path;
  const want = pattern.split('/');
  const got = path.split('/');
  return (
    want.length === got.length && want.every((seg, i) => seg.startsWith(':') || seg === got[i])
  );
}

export class Faults {
  #active: ActiveFault[] = [];

  add(rule: FaultRule): void {
    const times = rule.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new Error(`fault times must be >= 1`);
    this.#active.push({ rule, left: times });
  }

  clear(): void {
    this.#active = [];
  }

  /** The first fault for this request, counted as used; undefined when none applies. */
  take(method: string, path: string): FaultRule | undefined {
    const hit = this.#active.find(
      (f) =>
        f.left > 0 &&
        (f.rule.method === undefined || f.rule.method.toUpperCase() === method) &&
        pathMatches(f.rule.path, path),
    );
    if (hit === undefined) return undefined;
    hit.left -= 1;
    return hit.rule;
  }
}
