// The account's status in words, with a coloured dot (the words carry the meaning).
import type { AccountStatus } from '../../../../shared/accounts.ts';

export const statusLabels: Record<AccountStatus, string> = {
  active: 'Active',
  needs_reauth: 'Needs reconnecting',
  disconnected: 'Disconnected',
};

export function AccountStatusBadge({ status }: { status: AccountStatus }) {
  return (
    <span className="status-badge" data-status={status}>
      {statusLabels[status]}
    </span>
  );
}
