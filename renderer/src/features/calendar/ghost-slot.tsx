// A free queue slot (a ghost cell): clicking it opens the composer at that time for that
// account. A slot moved out of a DST gap shows why.
import type { SocialAccount } from '../../../../shared/accounts.ts';
import type { FreeSlotView } from '../../../../shared/calendar.ts';
import { shownHandle } from '../../../../shared/networks/index.ts';

export function composerHrefFor(accountId: string | null, at: number): string {
  const params = new URLSearchParams();
  if (accountId !== null) params.set('account', accountId);
  params.set('at', new Date(at).toISOString());
  return `#/composer?${params.toString()}`;
}

interface Props {
  slot: FreeSlotView;
  time: string;
  account: SocialAccount | undefined;
  style?: React.CSSProperties;
}

export function GhostSlot({ slot, time, account, style }: Props) {
  const handle = account === undefined ? 'account' : shownHandle(account.platform, account.handle);
  // Also the tooltip (a long handle is cut with an ellipsis in a narrow day); it holds the
  // visible "10:30 @handle" as one run, as speech input expects.
  const label = `Free slot ${time} ${handle}: new post${slot.note === undefined ? '' : `. ${slot.note}`}`;
  return (
    <a
      className={`cal-ghost${slot.note === undefined ? '' : ' cal-ghost-moved'}`}
      href={composerHrefFor(slot.accountId, slot.at)}
      style={style}
      title={label}
      aria-label={label}
    >
      <span aria-hidden="true">+ {time}</span> <span className="cal-ghost-handle">{handle}</span>
      {slot.note !== undefined && <span className="cal-ghost-note"> (moved: DST)</span>}
    </a>
  );
}
