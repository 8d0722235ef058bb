// A month-view move in real Chromium against the real `starling serve`, with the calendar
// in London and the post's client in New York: a week's move across New York's spring
// change (weeks before London's) keeps 09:00 New York, as `starling posts show` confirms
// ([Note: a day move keeps the post's wall time] in calendar-time.ts).
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import type { PostDetail } from '../../shared/posts.ts';
import { runCli } from '../helpers/cli.ts';
import { makeCore } from '../helpers/core.ts';
import { openApp } from '../helpers/open-app.ts';
import { makeAccount, makeClient, makePost } from '../helpers/post-factories.ts';
import { serveApp } from '../helpers/serve.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

describe('calendar month view across zones', () => {
  it('moves a post by a week in the month view at its own wall time, across a change only its zone makes', async () => {
    // The next spring change in New York, comfortably ahead. London changes its clocks two
    // or three weeks later, so for a week after New York's change the two are an hour
    // closer: a move keeping London's wall time would shift the post by an hour in New York.
    const now = Temporal.Now.zonedDateTimeISO('America/New_York');
    let year = now.year;
    const changeIn = (y: number) => {
      const march = Temporal.PlainDate.from({ year: y, month: 3, day: 1 });
      // The second Sunday of March.
      return march.add({ days: ((7 - march.dayOfWeek) % 7) + 7 });
    };
    if (Temporal.PlainDate.compare(changeIn(year), now.toPlainDate().add({ days: 14 })) < 0) {
      year += 1;
    }
    const before = changeIn(year).subtract({ days: 4 }); // the Wednesday before it
    const nine = (day: Temporal.PlainDate) =>
      day.toPlainDateTime({ hour: 9 }).toZonedDateTime('America/New_York').epochMilliseconds;

    const dataDir = tempDataDir();
    const core = await makeCore({ dataDir });
    const db = core.database.db;
    const beta = await makeClient(db, { name: 'Beta Bikes', timezone: 'America/New_York' });
    const betaX = await makeAccount(db, beta, { handle: 'betabikes' });
    const post = await makePost(db, {
      clientId: beta,
      accountIds: [betaX],
      parts: ['Spring tune-ups'],
      scheduledAt: nine(before),
    });
    await db
      .updateTable('posts')
      .set({ timezone: 'America/New_York' })
      .where('id', '=', post.postId)
      .execute();
    await core.close();

    const app = await serveApp(dataDir);
    const { page, errors } = await openApp(app.url, {
      timezoneId: 'Europe/London',
      viewport: { width: 1400, height: 900 },
    });
    await page.getByRole('link', { name: 'Calendar' }).click();
    await page.getByRole('button', { name: 'Month', exact: true }).click();
    const today = Temporal.Now.plainDateISO('Europe/London');
    const months = (before.year - today.year) * 12 + before.month - today.month;
    for (let i = 0; i < months; i += 1) {
      await page.getByRole('button', { name: 'Next month' }).click();
    }
    const chip = page.locator(`[data-post-id="${post.postId}"]`);
    await chip.focus();
    const press = async (key: string) => {
      await page.keyboard.press(key);
      await page.waitForTimeout(100);
    };
    // Space picks it up, one row down is a week later, Space drops it.
    await press('Space');
    await press('ArrowDown');
    await press('Space');
    await page.getByText(/^Moved to /).waitFor();
    const shown = runCli([
      '--data-dir',
      dataDir,
      '--json',
      'posts',
      'show',
      post.postId,
    ]).json() as PostDetail;
    expect(shown.scheduledAt).toBe(nine(before.add({ days: 7 })));
    expect(shown.localTime).toBe(`${before.add({ days: 7 }).toString()}T09:00`);
    expect(errors).toEqual([]);
  }, 90_000);
});
