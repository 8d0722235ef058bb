// The CSV report: one row per post published in the range with its latest metrics,
// times in the client's zone and UTC, written by csv-stringify (quoting, and formula-safe:
// see [Note: CSV formula cells] in ../data/csv-cells.ts).
import type { AnalyticsDashboard, TopPost } from '../../../shared/analytics.ts';
import { shownHandle } from '../../../shared/networks/index.ts';
import { defusedCells } from '../data/csv-cells.ts';

const header = [
  'published_local',
  'published_utc',
  'account',
  'text',
  'url',
  'impressions',
  'likes',
  'reposts',
  'replies',
  'quotes',
  'bookmarks',
  'clicks',
  'profile_visits',
  'engagements',
  'engagement_rate',
  'metrics_read_utc',
  'deleted_on_x_utc',
];

const iso = (at: number | null) => (at === null ? '' : new Date(at).toISOString());

export function localTime(at: number, timezone: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

/** The metric cells of a post, empty when they were never read ([Note: not read yet]). */
function metricCells(p: TopPost): (number | string)[] {
  if (p.fetchedAt === 0) return Array.from({ length: 10 }, () => '');
  return [
    p.impressions ?? '',
    p.likes,
    p.reposts,
    p.replies,
    p.quotes,
    p.bookmarks,
    p.clicks ?? '',
    p.profileVisits ?? '',
    p.engagements,
    p.engagementRate === null ? '' : p.engagementRate.toFixed(4),
  ];
}

/**
 * Names the dashboard's accounts as the app does: an @ before @-handles only, none before a
 * Page's or a LinkedIn member's name.
 */
export function accountNamer(
  accounts: AnalyticsDashboard['accounts'],
): (accountId: string, handle: string) => string {
  const platformOf = new Map(accounts.map((a) => [a.id, a.platform]));
  return (accountId, handle) => shownHandle(platformOf.get(accountId), handle);
}

export async function postsCsv(
  posts: TopPost[],
  timezone: string,
  accounts: AnalyticsDashboard['accounts'],
): Promise<string> {
  const name = accountNamer(accounts);
  // The library is loaded here, on first use, not with the core (vite.cli.config.ts).
  const { stringify } = await import('csv-stringify/sync');
  const rows = [...posts]
    .sort((a, b) => a.publishedAt - b.publishedAt)
    .map((p) => [
      localTime(p.publishedAt, timezone),
      iso(p.publishedAt),
      name(p.accountId, p.handle),
      p.text,
      p.url ?? '',
      ...metricCells(p),
      p.fetchedAt === 0 ? '' : iso(p.fetchedAt),
      iso(p.deletedAt),
    ]);
  return stringify([header, ...rows], { ...defusedCells, record_delimiter: '\r\n' });
}
