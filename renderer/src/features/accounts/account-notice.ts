// What the account list says about an account (client-accounts.tsx): its status, the line
// under its name that says why it needs reconnecting or when its sign-in ends (see
// shared/sign-in-end.ts), and whether Reconnect is offered. An ended sign-in reads as
// "Needs reconnecting" at once, before the core marks the account at its next use.
import type { AccountStatus, SocialAccount } from '../../../../shared/accounts.ts';
import { signInEnd, signInEndWords } from '../../../../shared/sign-in-end.ts';

export const statusLabels: Record<AccountStatus, string> = {
  active: 'Active',
  needs_reauth: 'Needs reconnecting',
  disconnected: 'Disconnected',
};

export type ShownStatus = AccountStatus | 'ending';

export const shownLabels: Record<ShownStatus, string> = {
  ...statusLabels,
  ending: 'Reconnect soon',
};

export interface AccountNotice {
  status: ShownStatus;
  /** A sentence under the account's name; null when there is nothing to say. */
  note: string | null;
  /** The Reconnect button is offered. */
  reconnect: boolean;
}

const dayFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

/** What the account list says about `account` at `now`. */
export function accountNotice(
  account: Pick<SocialAccount, 'status' | 'statusReason' | 'credentialsExpireAt'>,
  now: number,
  formatDay: (instant: number) => string = (instant) => dayFormat.format(instant),
): AccountNotice {
  const end = signInEnd(account, now);
  if (end?.kind === 'ended') {
    return {
      status: 'needs_reauth',
      note: `${signInEndWords(end)} (${formatDay(end.at)}). Reconnect to keep posting; its posts wait until then.`,
      reconnect: true,
    };
  }
  if (end?.kind === 'ending') {
    return {
      status: 'ending',
      note: `${signInEndWords(end)} (${formatDay(end.at)}). Reconnect before then to keep posting.`,
      reconnect: true,
    };
  }
  return {
    status: account.status,
    note: account.status === 'active' ? null : account.statusReason,
    reconnect: account.status !== 'active',
  };
}
