// The printed report's figures (main/core/analytics/report-html.ts): a range whose posts
// were never read says so instead of printing zeros that look like data.
import { describe, expect, it } from 'vitest';
import { reportHtml } from '../../main/core/analytics/report-html.ts';
import type { AnalyticsDashboard } from '../../shared/analytics.ts';

const from = Date.UTC(2026, 10, 1);
const to = Date.UTC(2026, 11, 1);

function dashboard(summary: AnalyticsDashboard['summary']): AnalyticsDashboard {
  return {
    clientId: 'c',
    clientName: 'Nova Bakery',
    accountId: null,
    timezone: 'Europe/Berlin',
    from,
    to,
    accounts: [{ id: 'a', handle: 'nova_bakery', status: 'active', metricsUnavailable: null }],
    summary,
    followers: [],
    daily: [],
    topByEngagementRate: [],
    topByImpressions: [],
    heatmap: [],
    usage: { day: '2026-11-30', readsToday: 0, dailyReadCap: 1000 },
    lastSyncedAt: null,
  };
}

const base = { followers: null, followersChange: null, engagementRate: null };

describe('report page figures', () => {
  it('prints "Not read yet" for posts never read, not zeros', () => {
    const html = reportHtml(
      dashboard({ ...base, posts: 2, postsRead: 0, impressions: null, engagements: null }),
    );
    expect(html).toContain('Impressions<b>Not read yet</b>');
    expect(html).toContain('Engagements<b>Not read yet</b>');
    expect(html).not.toContain('Impressions<b>0</b>');
  });

  it('prints the sums, and how many posts they leave out, when some were read', () => {
    const html = reportHtml(
      dashboard({ ...base, posts: 5, postsRead: 3, impressions: 1200, engagements: 40 }),
    );
    expect(html).toContain('Impressions<b>1,200</b>');
    expect(html).toContain('Metrics of 2 of 5 posts are not read from their networks yet');
  });
});
