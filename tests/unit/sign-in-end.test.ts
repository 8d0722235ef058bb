// When an account's sign-in runs out with nothing to renew it (shared/sign-in-end.ts): a
// warning from 7 days before, "ended" once the time has passed even while the account is
// still marked active, and nothing for accounts that renew themselves or are already marked.
import { describe, expect, it } from 'vitest';
import { signInEnd, signInEndWords } from '../../shared/sign-in-end.ts';

const now = Date.UTC(2026, 11, 4, 9, 0);
const hour = 60 * 60_000;
const day = 24 * hour;
const active = (credentialsExpireAt: number | null) =>
  ({ status: 'active', credentialsExpireAt }) as const;

describe('sign-in end', () => {
  it('says nothing while the end is more than 7 days away or nothing ends', () => {
    expect(signInEnd(active(null), now)).toBeNull();
    expect(signInEnd(active(now + 7 * day + 1), now)).toBeNull();
    expect(signInEnd(active(now + 60 * day), now)).toBeNull();
  });

  it('warns from 7 days before, counting a part day as a day', () => {
    expect(signInEnd(active(now + 7 * day), now)).toEqual({
      kind: 'ending',
      at: now + 7 * day,
      daysLeft: 7,
    });
    const soon = signInEnd(active(now + 2 * day + hour), now);
    expect(soon).toMatchObject({ kind: 'ending', daysLeft: 3 });
    expect(soon === null ? '' : signInEndWords(soon)).toBe('Sign-in ends in 3 days');
    const today = signInEnd(active(now + 5 * hour), now);
    expect(today === null ? '' : signInEndWords(today)).toBe('Sign-in ends within a day');
  });

  it('says the sign-in has ended once its time has passed, before the core marks it', () => {
    const ended = signInEnd(active(now), now);
    expect(ended).toEqual({ kind: 'ended', at: now });
    expect(ended === null ? '' : signInEndWords(ended)).toBe('Sign-in has ended');
  });

  it('leaves an account already marked to say why itself', () => {
    expect(signInEnd({ status: 'needs_reauth', credentialsExpireAt: now - day }, now)).toBeNull();
    expect(signInEnd({ status: 'disconnected', credentialsExpireAt: now + day }, now)).toBeNull();
  });
});
