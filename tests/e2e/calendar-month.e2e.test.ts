// The month view in real Chromium against the real `starling serve`: a busy day shows its
// first eight posts by time and "+N more" from the day's count, the last day of the month
// shows its own (the month reads each day's first posts, not the month's first 10,000),
// "+N more" stays in the cell under campaign stripes, and opening a day reads and shows
// all of its posts.
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { makeCore } from '../helpers/core.ts';
import { makeAccount, makeClient, makePost } from '../helpers/post-factories.ts';
import { openApp } from '../helpers/open-app.ts';
import { serveApp } from '../helpers/serve.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

const berlin = (day: Temporal.PlainDate, hour: number, minute = 0) =>
  day.toPlainDateTime({ hour, minute }).toZonedDateTime('Europe/Berlin').epochMilliseconds;

describe('the month view in the browser host', () => {
  it('shows every day’s first posts with "+N more", and all of a day once opened', async () => {
    const dataDir = tempDataDir();
    const core = await makeCore({ dataDir });
    const db = core.database.db;
    const acme = await makeClient(db, { name: 'Acme Bakery', timezone: 'Europe/Berlin' });
    const acmeX = await makeAccount(db, acme, { handle: 'acmebakery' });
    // Next month, so every post is ahead of now.
    const first = Temporal.Now.plainDateISO('Europe/Berlin').with({ day: 1 }).add({ months: 1 });
    const busy = first.add({ days: 2 });
    const last = first.add({ months: 1 }).subtract({ days: 1 });
    const post = async (day: Temporal.PlainDate, hour: number, minute: number) =>
      (
        await makePost(db, {
          clientId: acme,
          accountIds: [acmeX],
          parts: [`Bake ${day.toString()} ${String(hour)}:${String(minute)}`],
          scheduledAt: berlin(day, hour, minute),
        })
      ).postId;
    // Twelve on the busy day, made latest first: the first eight by time are 08:00–11:30.
    const busyIds: string[] = [];
    for (let k = 11; k >= 0; k -= 1)
      busyIds.unshift(await post(busy, 8 + Math.floor(k / 2), (k % 2) * 30));
    const lastIds: string[] = [];
    for (let h = 0; h < 9; h += 1) lastIds.push(await post(last, 9 + h, 0));
    // Two campaign stripes over the busy day take room from its chips, not its "+N more".
    for (const name of ['Winter menu', 'Open bakery day']) {
      const campaign = await core.dispatch('campaigns:create', {
        clientId: acme,
        name,
        startsOn: first.toString(),
        endsOn: last.toString(),
      });
      if (!campaign.ok) throw new Error(campaign.error.message);
    }
    await core.close();

    const app = await serveApp(dataDir);
    const { page, errors } = await openApp(app.url, {
      timezoneId: 'Europe/Berlin',
      viewport: { width: 1400, height: 900 },
    });
    await page.getByRole('link', { name: 'Calendar' }).click();
    await page.getByRole('button', { name: 'Next month' }).click();
    const busyCell = page.locator(`.cal-day[data-day="${busy.toString()}"]`);
    const lastCell = page.locator(`.cal-day[data-day="${last.toString()}"]`);
    await busyCell.locator('.cal-chip').first().waitFor();

    // The busy day: its count, its first eight by time, "+4 more".
    expect(await busyCell.getAttribute('aria-label')).toMatch(/: 12 posts$/);
    // The posts a day's cell draws, in order (plain JS: tests are type-checked without the DOM).
    const chipIds = (day: Temporal.PlainDate) =>
      page.evaluate<string[]>(
        `[...document.querySelectorAll('.cal-day[data-day="${day.toString()}"] [data-post-id]')].map((e) => e.getAttribute('data-post-id'))`,
      );
    expect(await chipIds(busy)).toEqual(busyIds.slice(0, 8));
    const more = busyCell.locator('.cal-more');
    expect(await more.textContent()).toBe('+4 more');
    // In sight without scrolling the day's list: whole, inside the cell's box (in the list
    // it was below the cell's bottom, where the cell cuts it off).
    const cellBox = await busyCell.boundingBox();
    const moreBox = await more.boundingBox();
    expect(moreBox).not.toBeNull();
    expect((moreBox?.y ?? 0) + (moreBox?.height ?? 0)).toBeLessThanOrEqual(
      (cellBox?.y ?? 0) + (cellBox?.height ?? 0),
    );
    // The month's last day shows its own first eight.
    expect(await lastCell.getAttribute('aria-label')).toMatch(/: 9 posts$/);
    expect(await chipIds(last)).toEqual(lastIds.slice(0, 8));
    expect(await lastCell.locator('.cal-more').textContent()).toBe('+1 more');

    // Opened, the day reads the rest and shows all twelve in time order.
    await more.click();
    await expect.poll(() => chipIds(busy)).toEqual(busyIds);
    expect(await busyCell.locator('.cal-more').count()).toBe(0);

    // Another month and back: the cell is closed again, eight chips and "+4 more".
    await page.getByRole('button', { name: 'Next month' }).click();
    await busyCell.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Previous month' }).click();
    await expect.poll(() => chipIds(busy)).toEqual(busyIds.slice(0, 8));
    expect(await busyCell.locator('.cal-more').textContent()).toBe('+4 more');
    expect(errors).toEqual([]);
  }, 120_000);
});
