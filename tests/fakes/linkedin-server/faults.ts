// The http-kit faults, plus 'expired' (LinkedIn's 401 for a token past its 60 days). The
// shared kit has no such kind, so an expired fault travels through it as 'revoked' and is
// told apart by identity when it is taken.
import { Faults } from '../http-kit/faults.ts';
import type { FaultRule } from '../http-kit/types.ts';
import type { LinkedInFaultRule } from './types.ts';

export class LinkedInFaults {
  readonly #faults = new Faults();
  readonly #expired = new WeakSet<FaultRule>();

  add(rule: LinkedInFaultRule): void {
    if (rule.kind !== 'expired') {
      this.#faults.add(rule);
      return;
    }
    const carrier: FaultRule = { ...rule, kind: 'revoked' };
    this.#expired.add(carrier);
    this.#faults.add(carrier);
  }

  clear(): void {
    this.#faults.clear();
  }

  take(method: string, path: string): LinkedInFaultRule | undefined {
    const rule = this.#faults.take(method, path);
    if (rule === undefined || !this.#expired.has(rule)) return rule;
    return { ...rule, kind: 'expired' };
  }
}
