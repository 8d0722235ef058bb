// Names accounts in lines built from rows that carry only an account's id and handle (the
// calendar's items, the CSV import's rows) as the app does: an @ before @-handles only,
// none before a Facebook Page's or a LinkedIn member's name. One accounts:list tells each
// account's network.
import type { Invoke } from '../../shared/ipc/contract.ts';
import { shownHandle } from '../../shared/networks/index.ts';

export type AccountName = (accountId: string | undefined, handle: string) => string;

export async function accountNamer(invoke: Invoke): Promise<AccountName> {
  const listed = await invoke('accounts:list', {});
  // Unlisted (removed meanwhile, or the list refused): shownHandle leaves the handle bare.
  const platformOf = new Map(listed.ok ? listed.value.map((a) => [a.id, a.platform]) : []);
  return (accountId, handle) =>
    shownHandle(accountId === undefined ? undefined : platformOf.get(accountId), handle);
}
