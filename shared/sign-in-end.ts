// When an account's sign-in runs out with nothing to renew it (SocialAccount
// .credentialsExpireAt, e.g. a LinkedIn app without refresh tokens): the account list and
// the tray warn from 7 days before, and once the time has passed they say it has ended even
// before the core marks the account needs_reauth (it does so at the next use).
import type { SocialAccount } from './accounts.ts';
import { plural } from './plural.ts';

const day = 24 * 60 * 60_000;

/** How long before the end the app starts to warn. */
export const signInWarningMs = 7 * day;

export type SignInEnd =
  /** Still usable; `daysLeft` rounded up (1 means within a day). */
  { kind: 'ending'; at: number; daysLeft: number } | { kind: 'ended'; at: number };

/** The warning an account calls for at `now`, or null (renews itself, far off, or already marked). */
export function signInEnd(
  account: Pick<SocialAccount, 'status' | 'credentialsExpireAt'>,
  now: number,
): SignInEnd | null {
  const at = account.credentialsExpireAt;
  // An account already marked says why itself (statusReason); nothing to add.
  if (at === null || account.status !== 'active') return null;
  const left = at - now;
  if (left <= 0) return { kind: 'ended', at };
  if (left > signInWarningMs) return null;
  return { kind: 'ending', at, daysLeft: Math.ceil(left / day) };
}

/** "Sign-in ends in 3 days", "Sign-in ends within a day", "Sign-in has ended". */
export function signInEndWords(end: SignInEnd): string {
  if (end.kind === 'ended') return 'Sign-in has ended';
  return end.daysLeft <= 1
    ? 'Sign-in ends within a day'
    : `Sign-in ends in ${plural(end.daysLeft, 'day')}`;
}
