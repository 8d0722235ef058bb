// Above the calendar: the period (back, today, forward), the view, the zone it is shown
// in (yours or a client's), and the filters by client, account, campaign, status and
// whether a post still needs its client's approval.
import { useId } from 'react';
import type { SocialAccount } from '../../../../shared/accounts.ts';
import type { Campaign } from '../../../../shared/calendar.ts';
import type { Client } from '../../../../shared/clients.ts';
import { postStatuses, type PostStatus } from '../../../../shared/post-statuses.ts';
import { shownHandle } from '../../../../shared/networks/index.ts';
import { networkNames } from '../accounts/networks/network-glyphs.ts';
import { useCalendar } from './calendar-store.ts';
import type { View } from './calendar-time.ts';
import { statusLabel } from './status-label.ts';

interface Props {
  title: string;
  userZone: string;
  clients: Client[];
  accounts: SocialAccount[];
  campaigns: Campaign[];
  onToday: () => void;
  onManageCampaigns: () => void;
}

const views: { view: View; label: string }[] = [
  { view: 'month', label: 'Month' },
  { view: 'week', label: 'Week' },
  { view: 'list', label: 'List' },
];

export function CalendarToolbar({
  title,
  userZone,
  clients,
  accounts,
  campaigns,
  onToday,
  onManageCampaigns,
}: Props) {
  const uid = useId();
  const view = useCalendar((s) => s.view);
  const zoneClientId = useCalendar((s) => s.zoneClientId);
  const filters = useCalendar((s) => s.filters);
  const { setView, step, setZoneClient, setFilters } = useCalendar.getState();
  const shownAccounts =
    filters.clientId === null ? accounts : accounts.filter((a) => a.clientId === filters.clientId);
  const shownCampaigns =
    filters.clientId === null
      ? campaigns
      : campaigns.filter((c) => c.clientId === filters.clientId);
  // Several at once only come from elsewhere (the notice after a restore).
  const status = (filters.statuses?.length ?? 0) > 1 ? 'several' : (filters.statuses?.[0] ?? '');
  return (
    <div className="cal-toolbar">
      <div className="cal-toolbar-row">
        <div className="cal-nav" role="group" aria-label="Period">
          <button
            type="button"
            className="button button-secondary button-small"
            aria-label={`Previous ${view === 'week' ? 'week' : 'month'}`}
            data-step="-1"
            onClick={() => {
              step(-1);
            }}
          >
            ‹
          </button>
          <button type="button" className="button button-secondary button-small" onClick={onToday}>
            Today
          </button>
          <button
            type="button"
            className="button button-secondary button-small"
            aria-label={`Next ${view === 'week' ? 'week' : 'month'}`}
            data-step="1"
            onClick={() => {
              step(1);
            }}
          >
            ›
          </button>
        </div>
        <h2 className="cal-title" aria-live="polite">
          {title}
        </h2>
        <div className="cal-views" role="group" aria-label="View">
          {views.map((v) => (
            <button
              key={v.view}
              type="button"
              className={`button button-small ${view === v.view ? 'button-primary' : 'button-secondary'}`}
              aria-pressed={view === v.view}
              data-view={v.view}
              onClick={() => {
                setView(v.view);
              }}
            >
              {v.label}
            </button>
          ))}
        </div>
      </div>
      <div className="cal-toolbar-row cal-filters">
        <div className="cal-filter">
          <label htmlFor={`${uid}-zone`}>Time zone</label>
          <select
            id={`${uid}-zone`}
            className="input"
            value={zoneClientId ?? ''}
            onChange={(e) => {
              setZoneClient(e.target.value === '' ? null : e.target.value);
            }}
          >
            <option value="">Mine ({userZone})</option>
            {clients.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.timezone})
              </option>
            ))}
          </select>
        </div>
        <div className="cal-filter">
          <label htmlFor={`${uid}-client`}>Client</label>
          <select
            id={`${uid}-client`}
            className="input"
            value={filters.clientId ?? ''}
            onChange={(e) => {
              setFilters({ clientId: e.target.value === '' ? null : e.target.value });
            }}
          >
            <option value="">All clients</option>
            {clients.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="cal-filter">
          <label htmlFor={`${uid}-account`}>Account</label>
          <select
            id={`${uid}-account`}
            className="input"
            value={filters.accountId ?? ''}
            onChange={(e) => {
              setFilters({ accountId: e.target.value === '' ? null : e.target.value });
            }}
          >
            <option value="">All accounts</option>
            {shownAccounts.map((a) => (
              <option key={a.id} value={a.id}>
                {shownHandle(a.platform, a.handle)} ({networkNames[a.platform]})
              </option>
            ))}
          </select>
        </div>
        <div className="cal-filter">
          <label htmlFor={`${uid}-campaign`}>Campaign</label>
          <select
            id={`${uid}-campaign`}
            className="input"
            value={filters.campaignId ?? ''}
            onChange={(e) => {
              setFilters({ campaignId: e.target.value === '' ? null : e.target.value });
            }}
          >
            <option value="">All campaigns</option>
            {shownCampaigns.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
                {filters.clientId === null
                  ? ` (${clients.find((k) => k.id === c.clientId)?.name ?? 'archived client'})`
                  : ''}
              </option>
            ))}
          </select>
        </div>
        <div className="cal-filter">
          <label htmlFor={`${uid}-status`}>Status</label>
          <select
            id={`${uid}-status`}
            className="input"
            value={status}
            onChange={(e) => {
              const value = e.target.value as PostStatus | '';
              setFilters({ statuses: value === '' ? null : [value] });
            }}
          >
            <option value="">Any status</option>
            {status === 'several' && (
              <option value="several" disabled>
                {filters.statuses?.map((s) => statusLabel[s]).join(', ')}
              </option>
            )}
            {postStatuses.map((s) => (
              <option key={s} value={s}>
                {statusLabel[s]}
              </option>
            ))}
          </select>
        </div>
        <label className="cal-filter cal-filter-check">
          <input
            type="checkbox"
            checked={filters.needsApproval}
            onChange={(e) => {
              setFilters({ needsApproval: e.currentTarget.checked });
            }}
          />
          Needs approval
        </label>
        <button
          type="button"
          className="button button-secondary button-small cal-campaigns-button"
          onClick={onManageCampaigns}
        >
          Campaigns…
        </button>
      </div>
    </div>
  );
}
