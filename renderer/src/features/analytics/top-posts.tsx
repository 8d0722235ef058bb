// Top posts by engagement rate and by impressions, and the open post's metric curve with
// its own "Refresh now".
import { useMemo } from 'react';
import type { AnalyticsDashboard, PostCurve, TopPost } from '../../../../shared/analytics.ts';
import type { Platform } from '../../../../shared/accounts.ts';
import { shownHandle } from '../../../../shared/networks/index.ts';
import { networkNames } from '../accounts/networks/network-glyphs.ts';
import { BusyButton } from '../../app/ui/busy-button.tsx';
import { showError, showToast } from '../../app/toasts/toast-store.ts';
import { useAnalytics } from './analytics-store.ts';
import { count, rate, when } from './analytics-format.ts';
import type { ChartColors } from './theme-colors.ts';
import { UplotChart, type ChartSeries } from './uplot-chart.tsx';
import { useAccountNetworks } from '../calendar/chip-networks.ts';

/** The network a post went to, by name; its network while the accounts still load. */
const networkOf = (platform: Platform | undefined) =>
  platform === undefined ? 'its network' : networkNames[platform];

function TopTable({
  title,
  id,
  posts,
  timeZone,
}: {
  title: string;
  id: string;
  posts: TopPost[];
  timeZone: string;
}) {
  const openCurve = useAnalytics((s) => s.openCurve);
  const networks = useAccountNetworks(posts.map((p) => ({ id: p.accountId })));
  return (
    <section className="panel analytics-card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {posts.length === 0 ? (
        <p className="muted">No published posts with metrics in this range.</p>
      ) : (
        <table className="top-posts">
          <thead>
            <tr>
              <th scope="col">Post</th>
              <th scope="col">Impressions</th>
              <th scope="col">Engagements</th>
              <th scope="col">Rate</th>
            </tr>
          </thead>
          <tbody>
            {posts.map((p, i) => (
              <tr key={p.targetId}>
                <td>
                  <button
                    type="button"
                    className="link-button top-post-text"
                    onClick={() => void openCurve(p.targetId)}
                  >
                    {p.text || '(no text)'}
                  </button>
                  <div className="muted top-post-meta">
                    {shownHandle(networks[i], p.handle)} · {when(p.publishedAt, timeZone)}
                    {p.deletedAt !== null && (
                      <span className="badge-deleted"> · Deleted on {networkOf(networks[i])}</span>
                    )}
                  </div>
                </td>
                <td>{count(p.impressions)}</td>
                <td>{count(p.engagements)}</td>
                <td>{rate(p.engagementRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function TopPosts({ d }: { d: AnalyticsDashboard }) {
  return (
    <div className="analytics-pair">
      <TopTable
        title="Top posts by engagement rate"
        id="top-rate-heading"
        posts={d.topByEngagementRate}
        timeZone={d.timezone}
      />
      <TopTable
        title="Top posts by impressions"
        id="top-impressions-heading"
        posts={d.topByImpressions}
        timeZone={d.timezone}
      />
    </div>
  );
}

const curveSeries: ChartSeries[] = [
  { label: 'Impressions', color: 'accent' },
  { label: 'Engagements', color: 'second', right: true },
];

export function PostCurvePanel({
  curve,
  colors,
  timeZone,
}: {
  curve: PostCurve;
  colors: ChartColors;
  timeZone: string;
}) {
  const busy = useAnalytics((s) => s.busy);
  const refreshPost = useAnalytics((s) => s.refreshPost);
  const openCurve = useAnalytics((s) => s.openCurve);
  const data = useMemo<[number[], (number | null)[], number[]]>(
    () => [
      curve.points.map((p) => p.at),
      curve.points.map((p) => p.impressions),
      curve.points.map((p) => p.engagements),
    ],
    [curve],
  );
  const last = curve.points.at(-1);
  const [platform] = useAccountNetworks([{ id: curve.accountId }]);
  return (
    <section className="panel analytics-card" aria-labelledby="curve-heading">
      <div className="analytics-card-head">
        <h2 id="curve-heading">Post over time</h2>
        <div className="analytics-actions">
          {curve.deletedAt === null && (
            <BusyButton
              variant="primary"
              busy={busy === 'refresh-post'}
              onClick={() => {
                void refreshPost(curve.targetId).then((problem) => {
                  if (problem === null) showToast(`Metrics read from ${networkOf(platform)}.`);
                  else showError(problem);
                });
              }}
            >
              Refresh now
            </BusyButton>
          )}
          <button
            type="button"
            className="button button-secondary"
            onClick={() => void openCurve(null)}
          >
            Close
          </button>
        </div>
      </div>
      <p className="curve-text">{curve.text}</p>
      <p className="muted">
        {shownHandle(platform, curve.handle)}
        {curve.publishedAt !== null && ` · published ${when(curve.publishedAt, timeZone)}`}
        {last !== undefined && ` · last read ${when(last.at, timeZone)}`}
        {curve.deletedAt !== null &&
          ` · deleted on ${networkOf(platform)} (found ${when(curve.deletedAt, timeZone)}); no longer read`}
      </p>
      {curve.points.length === 0 ? (
        <p className="muted">No metrics read for this post yet.</p>
      ) : (
        <UplotChart
          label="This post's impressions and engagements over time"
          colors={colors}
          timeZone={timeZone}
          data={data}
          series={curveSeries}
          span={[curve.publishedAt ?? last?.at ?? 0, last?.at ?? 0]}
        />
      )}
    </section>
  );
}
