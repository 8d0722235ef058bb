// The hover (or focus) card of a chip: the whole first line, accounts and their networks,
// the time in the zone shown and in the post's client's zone, status, thread length and
// campaign.
import type { Campaign } from '../../../../shared/calendar.ts';
import type { Client } from '../../../../shared/clients.ts';
import { shownHandle } from '../../../../shared/networks/index.ts';
import { NetworkIcon } from '../accounts/networks/network-icon.tsx';
import { dateTimeIn } from './calendar-time.ts';
import { useAccountNetworks } from './chip-networks.ts';
import { statusLabel } from './status-label.ts';
import { usePreview } from './preview-store.ts';

interface Props {
  zone: string;
  clients: ReadonlyMap<string, Client>;
  campaigns: ReadonlyMap<string, Campaign>;
}

export function PostPreview({ zone, clients, campaigns }: Props) {
  const item = usePreview((s) => s.item);
  const rect = usePreview((s) => s.rect);
  if (item === null || rect === null) return null;
  const client = clients.get(item.clientId);
  const campaign = item.campaignId === null ? undefined : campaigns.get(item.campaignId);
  const below = rect.bottom + 220 < window.innerHeight;
  const left = Math.min(rect.left, window.innerWidth - 320);
  return (
    <div
      className="cal-preview"
      role="tooltip"
      style={{
        left,
        ...(below ? { top: rect.bottom + 6 } : { bottom: window.innerHeight - rect.top + 6 }),
        ['--client' as string]: item.color,
      }}
    >
      <p className="cal-preview-client">
        {client?.name ?? 'Client'} · <Handles accounts={item.accounts} />
      </p>
      <p className="cal-preview-text">{item.firstLine === '' ? '(no text)' : item.firstLine}</p>
      <p className="cal-preview-meta">
        {dateTimeIn(item.at, zone)} ({zone})
        {client !== undefined && client.timezone !== zone && (
          <>
            <br />
            {dateTimeIn(item.at, client.timezone)} ({client.timezone})
          </>
        )}
      </p>
      <p className="cal-preview-meta">
        {statusLabel[item.status]}
        {item.parts > 1 && ` · thread of ${String(item.parts)}`}
        {item.held && ' · held by its server until its time'}
        {item.waiting !== null && ` · ${item.waiting}`}
        {item.needsApproval && ' · needs approval'}
        {campaign !== undefined && ` · ${campaign.name}`}
      </p>
    </div>
  );
}

function Handles({ accounts }: { accounts: { id: string; handle: string }[] }) {
  const networks = useAccountNetworks(accounts);
  return accounts.map((a, i) => {
    const platform = networks[i];
    return (
      <span key={a.id} className="cal-preview-account">
        {i > 0 && ', '}
        {platform !== undefined && <NetworkIcon platform={platform} size={12} named />}
        {shownHandle(platform, a.handle)}
      </span>
    );
  });
}
