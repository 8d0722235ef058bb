// The analytics dashboard in real Chromium against the real `starling serve`: a client
// with an X account (connected through the fake X) and two posts published on X; the
// dashboard first explains why it is empty, Sync now reads what the fake reports, and
// the summary, top posts, reads used, the post's curve and the CSV download show it. The
// account's handle carries markup, which the chart's tooltip shows as text.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seedPublishedPosts } from '../helpers/analytics-seed.ts';
import { checkLayout } from '../helpers/layout-check.ts';
import { openApp } from '../helpers/open-app.ts';
import { serveApp } from '../helpers/serve.ts';

describe('analytics dashboard in the browser host', () => {
  it('shows the figures the fake X reported after Sync now', async () => {
    const handle = 'nova_bakery<img src=x alt=injected>';
    const seeded = await seedPublishedPosts(
      [
        [
          'Sourdough is back on Saturday',
          { impressions: 4000, likes: 150, reposts: 30, replies: 12 },
        ],
        ['New opening hours from Monday', { impressions: 1000, likes: 20, bookmarks: 5 }],
      ],
      // A handle with markup in it: the network's free text, shown as text everywhere.
      { followers: 1234, username: handle },
    );
    const fake = seeded.fake;
    const app = await serveApp(seeded.dataDir, seeded.env);
    const { page, errors } = await openApp(app.url, { acceptDownloads: true });
    await page.getByRole('link', { name: 'Analytics' }).click();

    // Nothing read yet: the empty state says when metrics arrive.
    await page.getByRole('heading', { name: 'No metrics in this range yet' }).waitFor();
    await page.getByText('an hour after it is published').waitFor();
    await page.getByText('X reads today: 0 of 1,000').waitFor();
    await checkLayout(page, 'Analytics before any reading');

    await page.getByRole('button', { name: 'Sync now' }).first().click();
    const summary = page.getByRole('region', { name: 'Summary' });
    await summary.getByText('Posts published', { exact: true }).waitFor();
    const figure = (label: string) =>
      summary.locator('.analytics-figure', { hasText: label }).locator('dd');
    await expect
      .poll(() => figure('Impressions').textContent())
      .toBe((5000).toLocaleString('en-US'));
    expect(await figure('Engagements').textContent()).toBe('217');
    // 217 / 5000 = 4.34 %
    expect(await figure('Engagement rate').textContent()).toBe('4.34 %');
    expect(await figure('Followers').textContent()).toBe((1234).toLocaleString('en-US'));
    // One follower reading: the chart's time axis spans about a day either side of it,
    // not the years uplot pads a single point with.
    const followers = page.getByRole('img', { name: 'Followers over time' });
    await expect.poll(() => followers.getAttribute('data-x-to')).not.toBeNull();
    const from = Number(await followers.getAttribute('data-x-from'));
    const to = Number(await followers.getAttribute('data-x-to'));
    const day = 24 * 60 * 60_000;
    expect(to - from).toBeLessThanOrEqual(3 * day);
    expect(Math.abs((from + to) / 2 - Date.now())).toBeLessThan(2 * day);
    // Its tooltip names the account in text, markup and all, and makes no element of it.
    await followers.locator('.u-over').hover();
    const tip = followers.locator('.chart-tooltip');
    await expect.poll(() => tip.textContent()).toContain(`@${handle}: 1,234`);
    expect(await tip.locator('img').count()).toBe(0);
    await page.getByText('Engagement rate = engagements ÷ impressions.').waitFor();
    // One GET /2/tweets for both posts and one users/me: three reads.
    await page.getByText('X reads today: 3 of 1,000').waitFor();

    const byImpressions = page.getByRole('region', { name: 'Top posts by impressions' });
    const rows = byImpressions.locator('tbody tr');
    expect(await rows.count()).toBe(2);
    await expect.poll(() => rows.first().textContent()).toContain('Sourdough is back on Saturday');
    const byRate = page.getByRole('region', { name: 'Top posts by engagement rate' });
    expect(await byRate.locator('tbody tr').first().textContent()).toContain('4.80 %');

    // Charts are drawn by uplot, and a post opens its curve.
    expect(await page.locator('.chart canvas').count()).toBeGreaterThanOrEqual(2);
    await byImpressions.getByRole('button', { name: 'Sourdough is back on Saturday' }).click();
    const curve = page.getByRole('region', { name: 'Post over time' });
    await curve.getByRole('img', { name: /over time/ }).waitFor();
    await checkLayout(page, 'Analytics with a post’s curve open');
    fake.setMetrics(fake.ledger.tweets().find((t) => t.text.startsWith('Sourdough'))?.id ?? '', {
      impressions: 6000,
    });
    await curve.getByRole('button', { name: 'Refresh now' }).click();
    await expect
      .poll(() => figure('Impressions').textContent())
      .toBe((7000).toLocaleString('en-US'));
    // The toast names the post's own network, looked up from its account.
    await page.getByText('Metrics read from X.').waitFor();

    // The network filter offers the networks the accounts are on, and filters by them.
    const network = page.getByLabel('Network');
    expect(await network.locator('option').allTextContents()).toEqual(['All networks', 'X']);
    await network.selectOption({ label: 'X' });
    await expect
      .poll(() => figure('Impressions').textContent())
      .toBe((7000).toLocaleString('en-US'));
    await network.selectOption({ label: 'All networks' });

    // Nothing serious for assistive technology (axe is part of the layout check), in
    // either theme.
    await checkLayout(page, 'Analytics after Sync now');

    // The CSV report downloads with both posts and their latest metrics.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = fs.readFileSync(await download.path(), 'utf8');
    expect(download.suggestedFilename()).toMatch(/^nova-bakery-.*\.csv$/);
    expect(csv).toContain('Sourdough is back on Saturday');
    expect(csv).toMatch(/,6000,150,30,12,0,0,/);

    // Readable in the dark theme too: the charts are redrawn with the dark tokens.
    await page.evaluate("document.documentElement.dataset.theme = 'dark'");
    await page.locator('.chart canvas').first().waitFor();
    await checkLayout(page, 'Analytics, dark theme');
    // The composer's schedule picker suggests the best times from this history.
    await page.getByRole('link', { name: 'Composer' }).click();
    const best = page.getByRole('group', { name: 'Best times to post' });
    const suggestion = best.getByRole('button').first();
    await suggestion.waitFor();
    await checkLayout(page, 'Composer with best times, dark theme');
    const label = (await suggestion.textContent()) ?? '';
    expect(label).toMatch(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d\d:00$/);
    await suggestion.click();
    expect(await page.getByLabel('Time', { exact: true }).inputValue()).toBe(label.slice(4));
    expect(await page.getByLabel('Date', { exact: true }).inputValue()).toMatch(
      /^\d{4}-\d\d-\d\d$/,
    );
    if (process.env.ANALYTICS_SCREENSHOT !== undefined) {
      await page.screenshot({ path: process.env.ANALYTICS_SCREENSHOT, fullPage: true });
    }
    expect(errors).toEqual([]);
  }, 120_000);
});
