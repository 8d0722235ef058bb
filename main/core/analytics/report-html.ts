// The client report page: summary figures, charts and top posts as one self-contained
// HTML file (no scripts, no network) that Chromium prints to PDF.
import {
  engagementDefinition,
  notReadYet,
  unreadNote,
  type AnalyticsDashboard,
  type TopPost,
} from '../../../shared/analytics.ts';
import { accountNamer, localTime } from './report-csv.ts';
import { esc, lineChart } from './report-svg.ts';

const pct = (r: number | null) => (r === null ? '–' : `${(r * 100).toFixed(2)} %`);
const num = (n: number | null) => (n === null ? '–' : n.toLocaleString('en-US'));

function topTable(
  title: string,
  posts: TopPost[],
  tz: string,
  name: (accountId: string, handle: string) => string,
): string {
  if (posts.length === 0)
    return `<h2>${esc(title)}</h2><p>No posts with metrics in this range.</p>`;
  const rows = posts
    .map(
      (p) =>
        `<tr><td>${esc(localTime(p.publishedAt, tz))}</td><td>${esc(name(p.accountId, p.handle))}</td>` +
        `<td class="text">${esc(p.text)}${p.deletedAt === null ? '' : ' <em>(deleted on X)</em>'}</td>` +
        `<td>${num(p.impressions)}</td><td>${num(p.engagements)}</td><td>${pct(p.engagementRate)}</td></tr>`,
    )
    .join('');
  return (
    `<h2>${esc(title)}</h2><table><thead><tr><th>Published</th><th>Account</th><th>Post</th>` +
    `<th>Impressions</th><th>Engagements</th><th>Rate</th></tr></thead><tbody>${rows}</tbody></table>`
  );
}

export function reportHtml(d: AnalyticsDashboard): string {
  const day = (at: number) => localTime(at, d.timezone).slice(0, 10);
  const range = `${day(d.from)} – ${day(d.to - 1)}`;
  const s = d.summary;
  const name = accountNamer(d.accounts);
  const labels = d.daily.map((x) => x.day);
  const activity =
    lineChart('Impressions gained per day', labels, [
      { label: 'Impressions', color: '#2563eb', values: d.daily.map((x) => x.impressions) },
    ]) +
    lineChart('Engagements gained per day', labels, [
      { label: 'Engagements', color: '#db2777', values: d.daily.map((x) => x.engagements) },
    ]);
  const followerCharts = d.followers
    .filter((f) => f.points.length > 0)
    .map((f) =>
      lineChart(
        `Followers of ${name(f.accountId, f.handle)}`,
        f.points.map((p) => day(p.at)),
        [{ label: 'Followers', color: '#0f766e', values: f.points.map((p) => p.followers) }],
        { fromZero: false },
      ),
    )
    .join('');
  const accounts = d.accounts
    .filter((a) => d.accountId === null || a.id === d.accountId)
    .map((a) => name(a.id, a.handle))
    .join(', ');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"><title>${esc(d.clientName)} — report ${esc(range)}</title>
<style>
  @page { size: A4; margin: 16mm; }
  body { font-family: system-ui, sans-serif; color: #111; font-size: 11pt; }
  h1 { font-size: 18pt; margin: 0 0 4pt; } h2 { font-size: 13pt; margin: 16pt 0 6pt; }
  .muted { color: #555; }
  .figures { display: grid; grid-template-columns: repeat(3, 1fr); gap: 8pt; margin: 12pt 0; }
  .figure { border: 1px solid #ccc; border-radius: 6pt; padding: 8pt; }
  .figure b { display: block; font-size: 16pt; }
  figure { margin: 8pt 0; break-inside: avoid; } figcaption { font-weight: 600; margin-bottom: 4pt; }
  table { width: 100%; border-collapse: collapse; font-size: 9pt; }
  th, td { border-bottom: 1px solid #ddd; padding: 4pt; text-align: left; vertical-align: top; }
  td.text { max-width: 260pt; overflow-wrap: anywhere; }
  tr { break-inside: avoid; }
</style></head><body>
<h1>${esc(d.clientName)}</h1>
<p class="muted">${esc(range)} (${esc(d.timezone)}) · ${esc(accounts || 'no accounts')}</p>
<section class="figures">
  <div class="figure">Posts published<b>${num(s.posts)}</b></div>
  <div class="figure">Impressions<b>${s.impressions === null ? notReadYet : num(s.impressions)}</b></div>
  <div class="figure">Engagements<b>${s.engagements === null ? notReadYet : num(s.engagements)}</b></div>
  <div class="figure">Engagement rate<b>${pct(s.engagementRate)}</b></div>
  <div class="figure">Followers<b>${num(s.followers)}</b></div>
  <div class="figure">Follower change<b>${s.followersChange === null ? '–' : (s.followersChange >= 0 ? '+' : '') + num(s.followersChange)}</b></div>
</section>
${s.postsRead > 0 && s.postsRead < s.posts ? `<p class="muted">${esc(unreadNote(s))}</p>` : ''}
<p class="muted">${esc(engagementDefinition)}</p>
${activity}
${followerCharts}
${topTable('Top posts by engagement rate', d.topByEngagementRate, d.timezone, name)}
${topTable('Top posts by impressions', d.topByImpressions, d.timezone, name)}
</body></html>`;
}
