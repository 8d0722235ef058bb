// [Note: needs reconnect] When a network refuses an account's credentials for good: the
// account is marked needs_reauth (its posts are then held), the UI is told with
// account:saved, and the log says why. Every network's credential code calls this one.
import type { EventBus } from '../events.ts';
import type { Logger } from '../ports.ts';
import type { AccountsService } from '../services/accounts.ts';

export interface NeedsReconnectDeps {
  accounts: Pick<AccountsService, 'markNeedsReauth'>;
  events: EventBus;
  logger: Logger;
}

export async function markNeedsReconnect(
  deps: NeedsReconnectDeps,
  accountId: string,
  label: string,
  why: string,
): Promise<void> {
  const marked = await deps.accounts.markNeedsReauth(accountId, why);
  if (marked !== null) deps.events.emit('account:saved', { account: marked });
  deps.logger.warn(`${label} account needs to be reconnected`, { accountId, why });
}
