// The printed report's figures (main/core/analytics/report-html.ts): a range whose posts
// were never read says so instead of printing zeros that look like data; accounts are
// named as the app names them (no @ before a Page's name), in the page and the CSV.
import { describe, expect, it } from 'vitest';
import { postsCsv } from '../../main/core/analytics/report-csv.ts';
import { reportHtml } from '../../main/core/analytics/report-html.ts';
import type { AnalyticsDashboard, TopPost } from '../../shared/analytics.ts';

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
    accounts: [
      { id: 'a', platform: 'x', handle: 'nova_bakery', status: 'active', metricsUnavailable: null },
    ],
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

  it('names a Page without an @ and an X account with one', async () => {
    const d = dashboard({ ...base, posts: 1, postsRead: 1, impressions: 90, engagements: 9 });
    const accounts: AnalyticsDashboard['accounts'] = [
      ...d.accounts,
      {
        id: 'p',
        platform: 'facebook',
        handle: 'Nova Bakery',
        status: 'active',
        metricsUnavailable: null,
      },
    ];
    const post: TopPost = {
      targetId: 't',
      postId: 'post',
      accountId: 'p',
      handle: 'Nova Bakery',
      text: 'Rye on Fridays',
      url: null,
      publishedAt: from + 86_400_000,
      fetchedAt: from + 2 * 86_400_000,
      deletedAt: null,
      impressions: 90,
      likes: 9,
      reposts: 0,
      replies: 0,
      quotes: 0,
      bookmarks: 0,
      clicks: null,
      profileVisits: null,
      engagements: 9,
      engagementRate: 0.1,
    };
    const html = reportHtml({
      ...d,
      accounts,
      followers: [{ accountId: 'p', handle: 'Nova Bakery', points: [{ at: from, followers: 10 }] }],
      topByImpressions: [post],
    });
    expect(html).toContain('@nova_bakery, Nova Bakery');
    expect(html).toContain('Followers of Nova Bakery');
    expect(html).toContain('<td>Nova Bakery</td>');
    expect(html).not.toContain('@Nova Bakery');
    const csv = await postsCsv([post], 'Europe/Berlin', accounts);
    expect(csv.split('\n')[1]).toContain(',Nova Bakery,Rye on Fridays,');
  });
});
