// The account's status in words, with a coloured dot (the words carry the meaning); what
// it shows is worked out in account-notice.ts.
import { shownLabels, type ShownStatus } from './account-notice.ts';

export function AccountStatusBadge({ status }: { status: ShownStatus }) {
  return (
    <span className="status-badge" data-status={status}>
      {shownLabels[status]}
    </span>
  );
}
