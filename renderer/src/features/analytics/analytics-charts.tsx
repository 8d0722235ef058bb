// The dashboard's charts: followers over time, impressions and engagements gained per
// day (uplot), and the weekday × hour heatmap of average engagements (best times).
import { useMemo } from 'react';
import type { AnalyticsDashboard } from '../../../../shared/analytics.ts';
import { plural } from '../../../../shared/plural.ts';
import { shownHandle } from '../../../../shared/networks/index.ts';
import { weekdayNames } from './analytics-format.ts';
import type { ChartColors } from './theme-colors.ts';
import { UplotChart, type ChartSeries } from './uplot-chart.tsx';
import { useAccountNetworks } from '../calendar/chip-networks.ts';

const activitySeries: ChartSeries[] = [
  { label: 'Impressions', color: 'accent' },
  { label: 'Engagements', color: 'second', right: true },
];

export function ActivityChart({ d, colors }: { d: AnalyticsDashboard; colors: ChartColors }) {
  const data = useMemo<[number[], number[], number[]]>(
    () => [
      d.daily.map((x) => x.start),
      d.daily.map((x) => x.impressions),
      d.daily.map((x) => x.engagements),
    ],
    [d],
  );
  return (
    <section className="panel analytics-card" aria-labelledby="activity-heading">
      <h2 id="activity-heading">Impressions and engagements per day</h2>
      <p className="muted">Gained that day across all posts, in {d.timezone} days.</p>
      <UplotChart
        label="Impressions and engagements gained per day"
        colors={colors}
        timeZone={d.timezone}
        data={data}
        series={activitySeries}
        span={[d.from, d.to]}
      />
    </section>
  );
}

export function FollowersChart({ d, colors }: { d: AnalyticsDashboard; colors: ChartColors }) {
  const shown = useMemo(() => d.followers.filter((f) => f.points.length > 0), [d.followers]);
  const networks = useAccountNetworks(shown.map((f) => ({ id: f.accountId })));
  // One string, so the chart is drawn again only when a name changes.
  const names = shown.map((f, i) => shownHandle(networks[i], f.handle)).join('\n');
  const { data, series } = useMemo(() => {
    // One x axis for all accounts: every instant any of them was read.
    const xs = [...new Set(shown.flatMap((f) => f.points.map((p) => p.at)))].sort((a, b) => a - b);
    const palette: (keyof ChartColors)[] = ['third', 'accent', 'second', 'muted'];
    const columns = shown.map((f) => {
      const at = new Map(f.points.map((p) => [p.at, p.followers]));
      return xs.map((x) => at.get(x) ?? null);
    });
    return {
      data: [xs, ...columns] as [number[], ...(number | null)[][]],
      series: shown.map((f, i) => ({
        label: names.split('\n')[i] ?? f.handle,
        color: palette[i % palette.length] ?? 'accent',
      })),
    };
  }, [shown, names]);
  return (
    <section className="panel analytics-card" aria-labelledby="followers-heading">
      <h2 id="followers-heading">Followers</h2>
      {shown.length === 0 ? (
        <p className="muted">
          No follower counts in this range yet. They are read once a day per account, or when you
          press Refresh account.
        </p>
      ) : (
        <UplotChart
          label="Followers over time"
          colors={colors}
          timeZone={d.timezone}
          data={data}
          series={series}
          span={[d.from, d.to]}
        />
      )}
    </section>
  );
}

export function BestTimes({ d }: { d: AnalyticsDashboard }) {
  const max = Math.max(0, ...d.heatmap.map((c) => c.avgEngagements));
  const cell = new Map(d.heatmap.map((c) => [c.weekday * 24 + c.hour, c]));
  const best = [...d.heatmap].sort((a, b) => b.avgEngagements - a.avgEngagements).slice(0, 3);
  return (
    <section className="panel analytics-card" aria-labelledby="heatmap-heading">
      <h2 id="heatmap-heading">Best times to post</h2>
      <p className="muted">
        Average engagements per post by the weekday and hour it went out ({d.timezone}), from this
        client’s posts of the last 12 months.
        {best.length > 0 &&
          ` Best so far: ${best.map((b) => `${weekdayNames[b.weekday] ?? ''} ${String(b.hour).padStart(2, '0')}:00`).join(', ')}.`}
      </p>
      {d.heatmap.length === 0 ? (
        <p className="muted">
          No published posts with metrics yet, so there is nothing to compare.
        </p>
      ) : (
        <div className="heatmap-scroll">
          <table className="heatmap">
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">Weekday</span>
                </th>
                {Array.from({ length: 24 }, (_, h) => (
                  <th scope="col" key={h}>
                    {h % 3 === 0 ? String(h).padStart(2, '0') : ''}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {weekdayNames.map((name, w) => (
                <tr key={name}>
                  <th scope="row">{name}</th>
                  {Array.from({ length: 24 }, (_, h) => {
                    const c = cell.get(w * 24 + h);
                    const level = c === undefined || max === 0 ? 0 : c.avgEngagements / max;
                    const text =
                      c === undefined
                        ? `${name} ${String(h)}:00: no posts`
                        : `${name} ${String(h)}:00: ${c.avgEngagements.toFixed(1)} engagements on average over ${plural(c.posts, 'post')}`;
                    return (
                      <td key={h} title={text} style={{ '--level': level } as React.CSSProperties}>
                        <span className="visually-hidden">{text}</span>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
