// The network of each account a calendar post goes to, looked up in the accounts list
// (calendar items carry only ids and handles). One map per accounts list, shared by every
// chip, so 2,000 chips cost 2,000 map lookups when the list changes.
import type { Platform, SocialAccount } from '../../../../shared/accounts.ts';
import { useAccounts } from '../accounts/accounts-store.ts';

const maps = new WeakMap<SocialAccount[], Map<string, Platform>>();

function platformMap(accounts: SocialAccount[]): Map<string, Platform> {
  let map = maps.get(accounts);
  if (map === undefined) {
    map = new Map(accounts.map((a) => [a.id, a.platform]));
    maps.set(accounts, map);
  }
  return map;
}

/**
 * Each account's network, in the item's order; undefined for an account no longer listed
 * (removed). Selected as one string so a chip re-renders only when its networks change.
 */
export function useAccountNetworks(accounts: readonly { id: string }[]): (Platform | undefined)[] {
  const joined = useAccounts((s) => {
    const map = platformMap(s.accounts);
    return accounts.map((a) => map.get(a.id) ?? '').join(' ');
  });
  return joined.split(' ').map((p) => (p === '' ? undefined : (p as Platform)));
}
