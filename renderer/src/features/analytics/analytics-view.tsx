// Analytics: a client's (or one account's) figures over a chosen range — summary,
// followers, impressions and engagements per day, best times, top posts and each post's
// curve — with sync, refresh and CSV/PDF reports. Loaded lazily (uplot stays in this chunk).
import { useEffect } from 'react';
import {
  engagementDefinition,
  notReadYet,
  unreadNote,
  type AnalyticsDashboard,
  type SyncResult,
} from '../../../../shared/analytics.ts';
import type { Result } from '../../../../shared/result.ts';
import { platforms } from '../../../../shared/accounts.ts';
import { syncSummary } from '../../../../shared/sync-summary.ts';
import { shownHandle } from '../../../../shared/networks/index.ts';
import { useOperation } from '../../app/operations-store.ts';
import { BusyButton } from '../../app/ui/busy-button.tsx';
import { OperationProgressBar } from '../../app/ui/operation-progress.tsx';
import { showError, showToast } from '../../app/toasts/toast-store.ts';
import { getBridge } from '../../bridge/bridge.ts';
import { networkNames } from '../accounts/networks/network-glyphs.ts';
import { accountsOf, useAccounts } from '../accounts/accounts-store.ts';
import { useClients } from '../clients/clients-store.ts';
import { ActivityChart, BestTimes, FollowersChart } from './analytics-charts.tsx';
import { count, rate, signed, when } from './analytics-format.ts';
import { rangeChoices, saveReport, useAnalytics } from './analytics-store.ts';
import { useChartColors } from './theme-colors.ts';
import { PostCurvePanel, TopPosts } from './top-posts.tsx';
import './analytics.css';

function Summary({ d }: { d: AnalyticsDashboard }) {
  const s = d.summary;
  const figures = [
    { label: 'Posts published', value: count(s.posts) },
    { label: 'Impressions', value: s.impressions === null ? notReadYet : count(s.impressions) },
    { label: 'Engagements', value: s.engagements === null ? notReadYet : count(s.engagements) },
    { label: 'Engagement rate', value: rate(s.engagementRate) },
    { label: 'Followers', value: count(s.followers) },
    { label: 'Follower change', value: signed(s.followersChange) },
  ];
  return (
    <section aria-label="Summary">
      <dl className="analytics-figures">
        {figures.map((f) => (
          <div key={f.label} className="panel analytics-figure">
            <dt>{f.label}</dt>
            <dd>{f.value}</dd>
          </div>
        ))}
      </dl>
      <p className="muted analytics-definition">
        Figures for posts published in this range, with their latest metrics.
        {s.postsRead > 0 && s.postsRead < s.posts && ` ${unreadNote(s)}`} {engagementDefinition}
      </p>
    </section>
  );
}

/** "Sync now" running: posts read of those due, and Cancel (what was read is kept). */
function SyncProgress() {
  const operation = useAnalytics((s) => s.syncOperation);
  const cancel = useAnalytics((s) => s.cancelSync);
  const progress = useOperation(operation);
  if (operation === null) return null;
  return (
    <div className="op-progress-block">
      <OperationProgressBar progress={progress} label="Reading metrics" onCancel={cancel} />
    </div>
  );
}

/** A sync's answer as a toast: what was read, what stopped it, or what went wrong. */
function announceSync(r: Result<SyncResult>): void {
  if (!r.ok) {
    if (r.error.code === 'CANCELLED') showToast(r.error.message);
    else showError(r.error.message);
  } else if (r.value.problems.length > 0) {
    showError(r.value.problems.map((p) => p.message).join(' '));
  } else showToast(syncSummary(r.value));
}

function EmptyState({ d }: { d: AnalyticsDashboard }) {
  const sync = useAnalytics((s) => s.sync);
  const busy = useAnalytics((s) => s.busy);
  const noAccounts = d.accounts.length === 0;
  return (
    <section className="panel analytics-empty" aria-labelledby="analytics-empty-heading">
      <h2 id="analytics-empty-heading">
        {noAccounts ? 'No accounts yet' : 'No metrics in this range yet'}
      </h2>
      {noAccounts ? (
        <p>
          Connect an account to this client on the Clients page; its posts’ metrics show here once
          they are published.
        </p>
      ) : (
        <>
          <p>
            Starling reads a post’s metrics from its network an hour after it is published, then
            every hour for 6 hours, every 4 hours until it is two days old and daily until 30 days,
            and each account’s followers once a day. Every reading is kept here, so the history
            stays even after the network stops showing it. Nothing was published in this range, or
            nothing has been read yet.
          </p>
          <BusyButton
            variant="primary"
            busy={busy === 'sync'}
            onClick={() => {
              void sync().then(announceSync);
            }}
          >
            Sync now
          </BusyButton>
        </>
      )}
    </section>
  );
}

function Toolbar({ d }: { d: AnalyticsDashboard | null }) {
  const clients = useClients((s) => s.clients);
  const allAccounts = useAccounts((s) => s.accounts);
  const { clientId, accountId, platform, days, busy, choose, sync, refreshAccount, exportReport } =
    useAnalytics();
  const accounts = clientId === null ? [] : accountsOf(allAccounts, clientId);
  const active = clients.filter((c) => c.archivedAt === null);

  async function report(format: 'csv' | 'pdf') {
    const result = await exportReport(format);
    if (!result.ok) showError(result.error.message);
    else saveReport(result.value);
  }

  return (
    <div className="analytics-toolbar">
      <label className="analytics-control">
        <span>Client</span>
        <select
          className="input"
          value={clientId ?? ''}
          onChange={(e) => {
            choose({ clientId: e.target.value });
          }}
        >
          {active.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label className="analytics-control">
        <span>Account</span>
        <select
          className="input"
          value={accountId ?? ''}
          onChange={(e) => {
            choose({ accountId: e.target.value === '' ? null : e.target.value });
          }}
        >
          <option value="">All accounts</option>
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {shownHandle(a.platform, a.handle)} ({networkNames[a.platform]})
            </option>
          ))}
        </select>
      </label>
      <label className="analytics-control">
        <span>Network</span>
        <select
          className="input"
          value={platform ?? ''}
          onChange={(e) => {
            const chosen = platforms.find((p) => p === e.target.value);
            choose({ platform: chosen ?? null });
          }}
        >
          <option value="">All networks</option>
          {platforms
            .filter((p) => accounts.some((a) => a.platform === p))
            .map((p) => (
              <option key={p} value={p}>
                {networkNames[p]}
              </option>
            ))}
        </select>
      </label>
      <label className="analytics-control">
        <span>Range</span>
        <select
          className="input"
          value={days}
          onChange={(e) => {
            choose({ days: Number(e.target.value) });
          }}
        >
          {rangeChoices.map((r) => (
            <option key={r.days} value={r.days}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      <div className="analytics-actions">
        <BusyButton
          variant="primary"
          busy={busy === 'sync' || busy === 'refresh-account'}
          onClick={() => {
            if (accountId === null) void sync().then(announceSync);
            else void refreshAccount(accountId).then(announceSync);
          }}
        >
          {accountId === null ? 'Sync now' : 'Refresh account'}
        </BusyButton>
        <BusyButton variant="primary" busy={busy === 'csv'} onClick={() => void report('csv')}>
          Export CSV
        </BusyButton>
        <BusyButton variant="primary" busy={busy === 'pdf'} onClick={() => void report('pdf')}>
          Export PDF
        </BusyButton>
      </div>
      <SyncProgress />
      {d !== null && (
        <p className="muted analytics-usage" data-testid="reads-used">
          X reads today: {count(d.usage.readsToday)} of {count(d.usage.dailyReadCap)}
          {d.lastSyncedAt !== null && ` · followers last read ${when(d.lastSyncedAt, d.timezone)}`}
        </p>
      )}
    </div>
  );
}

export function AnalyticsView() {
  const clients = useClients((s) => s.clients);
  const loadClients = useClients((s) => s.load);
  const loadAccounts = useAccounts((s) => s.load);
  const { clientId, dashboard, status, loadError, curve, choose, load } = useAnalytics();
  const colors = useChartColors();

  useEffect(() => {
    void loadClients();
    void loadAccounts();
    return getBridge().on('metrics:synced', () => {
      void load();
    });
  }, [loadClients, loadAccounts, load]);

  // Pick the first active client once they are known; reload when coming back.
  const firstClient = clients.find((c) => c.archivedAt === null)?.id ?? null;
  useEffect(() => {
    if (clientId === null && firstClient !== null) choose({ clientId: firstClient });
    else if (clientId !== null) void load();
  }, [clientId, firstClient, choose, load]);

  const d = dashboard?.clientId === clientId ? dashboard : null;
  // Posts may be published in the range before any of their metrics were read.
  const hasData =
    d !== null &&
    (d.topByImpressions.length > 0 ||
      d.followers.some((f) => f.points.length > 0) ||
      d.daily.some((x) => x.impressions > 0));

  return (
    <>
      <header className="view-header">
        <div>
          <h1 tabIndex={-1}>Analytics</h1>
          <p className="view-subtitle">How published posts performed, kept on this computer.</p>
        </div>
      </header>
      {firstClient === null ? (
        <section className="panel analytics-empty">
          <h2>No clients yet</h2>
          <p>
            Add a client and connect its accounts on the Clients page; their analytics show here.
          </p>
        </section>
      ) : (
        <div className="analytics">
          <Toolbar d={d} />
          {status === 'error' && <p className="form-alert">{loadError}</p>}
          {d === null ? (
            <p className="view-loading">Loading analytics…</p>
          ) : !hasData ? (
            <EmptyState d={d} />
          ) : (
            <>
              <Summary d={d} />
              {curve !== null && (
                <PostCurvePanel curve={curve} colors={colors} timeZone={d.timezone} />
              )}
              <div className="analytics-pair">
                <ActivityChart d={d} colors={colors} />
                <FollowersChart d={d} colors={colors} />
              </div>
              <TopPosts d={d} />
              <BestTimes d={d} />
            </>
          )}
        </div>
      )}
    </>
  );
}
