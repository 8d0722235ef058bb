// The public pages of a Mastodon account. The handle is `username@host`; the pages are on
// the account's own instance (where it signed in), or on the handle's host for an account
// saved without one.
import type { PlatformAccount, RemoteRef } from '../port.ts';

/** The account's profile: https://instance/@username. */
export function profileUrl(account: PlatformAccount): string {
  const [username = account.handle, host = ''] = account.handle.split('@');
  const origin = account.serviceUrl ?? `https://${host}`;
  return `${origin}/@${encodeURIComponent(username)}`;
}

/** A status's page: https://instance/@username/id. */
export const statusUrl = (account: PlatformAccount, ref: RemoteRef): string =>
  `${profileUrl(account)}/${encodeURIComponent(ref.id)}`;
