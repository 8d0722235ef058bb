// The calendar in real Chromium against the real `starling serve`: a post dragged with the
// mouse in week view lands on the quarter hour dropped on and `starling posts show`
// agrees (and Undo puts it back); the view switches to a client's time zone; filters by
// client and campaign narrow what is shown.
import { describe, expect, it } from 'vitest';
import type { PostDetail } from '../../shared/posts.ts';
import { Temporal } from 'temporal-polyfill';
import { runCli } from '../helpers/cli.ts';
import { makeCore } from '../helpers/core.ts';
import { makeAccount, makeClient, makePost } from '../helpers/post-factories.ts';
import { checkLayout } from '../helpers/layout-check.ts';
import { openApp } from '../helpers/open-app.ts';
import { serveApp } from '../helpers/serve.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

/** Monday two weeks ahead in Berlin, so every time used is in the future. */
function mondayAhead(): Temporal.PlainDate {
  const today = Temporal.Now.plainDateISO('Europe/Berlin');
  return today.subtract({ days: today.dayOfWeek - 1 }).add({ days: 14 });
}

const berlin = (day: Temporal.PlainDate, hour: number, minute = 0) =>
  day.toPlainDateTime({ hour, minute }).toZonedDateTime('Europe/Berlin').epochMilliseconds;

const wall = (at: number, zone: string) => {
  const z = Temporal.Instant.fromEpochMilliseconds(at).toZonedDateTimeISO(zone);
  return `${String(z.hour).padStart(2, '0')}:${String(z.minute).padStart(2, '0')}`;
};

describe('calendar in the browser host', () => {
  it('drags a post to another day and time, switches zone, filters by client and campaign', async () => {
    const dataDir = tempDataDir();
    const monday = mondayAhead();
    const core = await makeCore({ dataDir });
    const db = core.database.db;
    const acme = await makeClient(db, { name: 'Acme Bakery', timezone: 'Europe/Berlin' });
    const beta = await makeClient(db, { name: 'Beta Bikes', timezone: 'America/New_York' });
    const acmeX = await makeAccount(db, acme, { handle: 'acmebakery' });
    const betaX = await makeAccount(db, beta, { handle: 'betabikes' });
    const moving = await makePost(db, {
      clientId: acme,
      accountIds: [acmeX],
      parts: ['Sourdough drop'],
      scheduledAt: berlin(monday, 9),
    });
    const other = await makePost(db, {
      clientId: beta,
      accountIds: [betaX],
      parts: ['Spring tune-up'],
      scheduledAt: berlin(monday.add({ days: 1 }), 15),
    });
    const campaign = await core.dispatch('campaigns:create', {
      clientId: beta,
      name: 'Tune-up month',
    });
    if (!campaign.ok) throw new Error(campaign.error.message);
    const tuneUp = (campaign.value as { id: string }).id;
    const inCampaign = await core.dispatch('posts:set-campaign', {
      postId: other.postId,
      campaignId: tuneUp,
    });
    expect(inCampaign.ok).toBe(true);
    const third = await makePost(db, {
      clientId: beta,
      accountIds: [betaX],
      parts: ['Not in the campaign'],
      scheduledAt: berlin(monday.add({ days: 2 }), 16),
    });
    await core.close();

    const app = await serveApp(dataDir);
    const { page, errors } = await openApp(app.url, {
      timezoneId: 'Europe/Berlin',
      viewport: { width: 1400, height: 900 },
    });
    const step = (name: string) => {
      process.stderr.write(`calendar e2e: ${name}\n`);
    };

    // The month view first: nothing serious for assistive technology (axe is part of the
    // layout check).
    await page.locator('.cal-day').first().waitFor();
    await checkLayout(page, 'Calendar month');
    step('week view');
    // Week view, two weeks ahead.
    await page.getByRole('button', { name: 'Week', exact: true }).click();
    await page.getByRole('button', { name: 'Next week' }).click();
    await page.getByRole('button', { name: 'Next week' }).click();
    const chip = page.locator(`[data-post-id="${moving.postId}"]`);
    await chip.waitFor();
    expect(await chip.getAttribute('aria-label')).toMatch(
      /^09:00 Sourdough drop \(Acme Bakery @acmebakery, Scheduled\)$/,
    );
    await checkLayout(page, 'Calendar week');

    step('drag');
    // A real mouse drag: two columns right (Wednesday) and two hours down (11:00).
    const from = await chip.boundingBox();
    const wednesday = await page
      .locator(`.cal-week-col[data-day="${monday.add({ days: 2 }).toString()}"]`)
      .boundingBox();
    if (from === null || wednesday === null) throw new Error('chip or column not laid out');
    const start = { x: from.x + 10, y: from.y + from.height / 2 };
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(start.x + 20, start.y + 10, { steps: 5 });
    await page.mouse.move(wednesday.x + wednesday.width / 2, start.y + 160, { steps: 15 });
    await page.mouse.up();
    await page.getByText(/^Moved to .*11:00\.$/).waitFor();

    step('cli');
    const cli = (args: string[]) => runCli(['--data-dir', dataDir, '--json', ...args]);
    const expected = berlin(monday.add({ days: 2 }), 11);
    const shown = cli(['posts', 'show', moving.postId]).json() as PostDetail;
    expect(shown).toMatchObject({
      status: 'scheduled',
      scheduledAt: expected,
      timezone: 'Europe/Berlin',
      localTime: `${monday.add({ days: 2 }).toString()}T11:00`,
    });
    await expect.poll(() => chip.getAttribute('aria-label')).toMatch(/^11:00 /);

    step('undo');
    // Undo puts it back where it was.
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByText('Move undone.').waitFor();
    expect((cli(['posts', 'show', moving.postId]).json() as PostDetail).scheduledAt).toBe(
      berlin(monday, 9),
    );

    step('zone');
    // The client's zone: the same instant, New York's wall time.
    await page.getByLabel('Time zone').selectOption({ label: 'Beta Bikes (America/New_York)' });
    await page.getByText(/Shown in America\/New_York/).waitFor();
    const nyTime = wall(berlin(monday, 9), 'America/New_York');
    await expect.poll(() => chip.getAttribute('aria-label')).toMatch(new RegExp(`^${nyTime} `));
    await page.getByLabel('Time zone').selectOption({ index: 0 });
    await expect.poll(() => chip.getAttribute('aria-label')).toMatch(/^09:00 /);

    step('filters');
    // Filters: one client, then one campaign.
    const otherChip = page.locator(`[data-post-id="${other.postId}"]`);
    const thirdChip = page.locator(`[data-post-id="${third.postId}"]`);
    await otherChip.waitFor();
    await page.getByLabel('Client', { exact: true }).selectOption({ label: 'Beta Bikes' });
    await chip.waitFor({ state: 'detached' });
    await otherChip.waitFor();
    await thirdChip.waitFor();
    await page.getByLabel('Campaign', { exact: true }).selectOption({ label: 'Tune-up month' });
    await thirdChip.waitFor({ state: 'detached' });
    await otherChip.waitFor();
    await page.getByLabel('Client', { exact: true }).selectOption({ label: 'All clients' });
    await chip.waitFor();

    // The agenda lists the same post under its day.
    await page.getByRole('button', { name: 'List', exact: true }).click();
    await page.getByRole('list', { name: 'Agenda' }).waitFor();
    // The agenda shows the month of the day in view (today + 14 days), which may be the
    // month after the post's when that week spans two months.
    if (Temporal.Now.plainDateISO('Europe/Berlin').add({ days: 14 }).month !== monday.month) {
      await page.getByRole('button', { name: 'Previous month' }).click();
    }
    await chip.waitFor();
    await checkLayout(page, 'Calendar list');

    expect(errors).toEqual([]);
  }, 90_000);

  it('sets queue slots in account settings, shows them as ghost cells that open the composer, moves a post by keyboard', async () => {
    const dataDir = tempDataDir();
    const monday = mondayAhead();
    const core = await makeCore({ dataDir });
    const db = core.database.db;
    const acme = await makeClient(db, { name: 'Acme Bakery', timezone: 'Europe/Berlin' });
    const acmeX = await makeAccount(db, acme, { handle: 'acmebakery' });
    const post = await makePost(db, {
      clientId: acme,
      accountIds: [acmeX],
      parts: ['Rye Monday'],
      scheduledAt: berlin(monday, 9),
    });
    await core.close();

    const app = await serveApp(dataDir);
    const { page, errors } = await openApp(app.url, {
      timezoneId: 'Europe/Berlin',
      viewport: { width: 1400, height: 900 },
    });

    await page.getByRole('link', { name: 'Clients' }).click();
    await page.getByRole('button', { name: 'Queue slots of @acmebakery' }).click();
    const dialog = page.getByRole('dialog', { name: 'Queue slots of @acmebakery' });
    await dialog.getByLabel('Day').selectOption({ label: 'Monday to Friday' });
    await dialog.getByLabel('Time').fill('10:30');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await dialog.getByText('Fri 10:30').waitFor();
    await checkLayout(page, 'Queue slots dialog with five slots');
    await dialog.getByRole('button', { name: 'Save slots' }).click();
    await page.getByText('Saved 5 queue slots for @acmebakery.').waitFor();

    await page.getByRole('link', { name: 'Calendar' }).click();
    await page.getByRole('button', { name: 'Week', exact: true }).click();
    await page.getByRole('button', { name: 'Next week' }).click();
    await page.getByRole('button', { name: 'Next week' }).click();
    const ghosts = page.getByRole('link', { name: /^Free slot 10:30 @acmebakery/ });
    await expect.poll(() => ghosts.count()).toBe(5);
    await checkLayout(page, 'Calendar week with free slots');

    // Keyboard: Space picks the post up, four quarter hours down and a day right, Space drops.
    const chip = page.locator(`[data-post-id="${post.postId}"]`);
    await chip.focus();
    // Paced like a person: dnd-kit starts listening for arrows once the pick-up has rendered.
    const press = async (key: string) => {
      await page.keyboard.press(key);
      await page.waitForTimeout(100);
    };
    await press('Space');
    for (let i = 0; i < 4; i += 1) await press('ArrowDown');
    await press('ArrowRight');
    await press('Space');
    await page.getByText(/^Moved to .*10:00\.$/).waitFor();
    const shown = runCli([
      '--data-dir',
      dataDir,
      '--json',
      'posts',
      'show',
      post.postId,
    ]).json() as PostDetail;
    expect(shown.scheduledAt).toBe(berlin(monday.add({ days: 1 }), 10));
    // Tuesday 10:30 is still free; Monday's slot too (the post left 09:00, not a slot).
    await expect.poll(() => ghosts.count()).toBe(5);

    // A ghost cell opens the composer for that account at that time.
    const tuesday = monday.add({ days: 1 });
    await page
      .locator(`.cal-week-col[data-day="${tuesday.toString()}"]`)
      .getByRole('link', { name: /^Free slot 10:30/ })
      .click();
    await expect
      .poll(() => new URL(page.url()).hash)
      .toBe(
        `#/composer?account=${acmeX}&at=${encodeURIComponent(new Date(berlin(tuesday, 10, 30)).toISOString())}`,
      );
    expect(errors).toEqual([]);
  }, 90_000);

  it('asks before a drop into the past, publishes now only when confirmed, and never moves a published post', async () => {
    // A zone where it is mid-day now, so "earlier today" and "later today" both exist.
    const zones = [
      'Pacific/Honolulu',
      'America/Los_Angeles',
      'America/Chicago',
      'America/Sao_Paulo',
      'Atlantic/Azores',
      'Europe/London',
      'Europe/Athens',
      'Asia/Dubai',
      'Asia/Kolkata',
      'Asia/Bangkok',
      'Asia/Tokyo',
      'Australia/Sydney',
      'Pacific/Auckland',
      'Pacific/Kiritimati',
    ];
    const zone = zones.find((z) => {
      const hour = Temporal.Now.zonedDateTimeISO(z).hour;
      return hour >= 8 && hour <= 15;
    });
    if (zone === undefined) throw new Error('no zone is at mid-day now');
    const now = Temporal.Now.zonedDateTimeISO(zone);
    const later = now.round({ smallestUnit: 'hour', roundingMode: 'floor' }).add({ hours: 3 });
    const dataDir = tempDataDir();
    const core = await makeCore({ dataDir });
    const db = core.database.db;
    const client = await makeClient(db, { name: 'Clockwork', timezone: zone });
    const account = await makeAccount(db, client, { handle: 'clockwork' });
    const waiting = await makePost(db, {
      clientId: client,
      accountIds: [account],
      parts: ['Later today'],
      scheduledAt: later.epochMilliseconds,
    });
    const published = await makePost(db, {
      clientId: client,
      accountIds: [account],
      parts: ['Already out'],
      scheduledAt: later.add({ hours: 1 }).epochMilliseconds,
      status: 'published',
    });
    await core.close();

    const app = await serveApp(dataDir);
    const { page, errors } = await openApp(app.url, {
      timezoneId: zone,
      viewport: { width: 1400, height: 900 },
    });
    await page.getByRole('button', { name: 'Week', exact: true }).click();
    const chip = page.locator(`[data-post-id="${waiting.postId}"]`);
    const out = page.locator(`[data-post-id="${published.postId}"]`);
    await chip.waitFor();
    expect(await out.getAttribute('aria-label')).toContain(', cannot be moved');

    const dragUp = async (locator: typeof chip, hours: number) => {
      await locator.scrollIntoViewIfNeeded();
      const box = await locator.boundingBox();
      if (box === null) throw new Error('chip not laid out');
      const start = { x: box.x + 10, y: box.y + box.height / 2 };
      await page.mouse.move(start.x, start.y);
      await page.mouse.down();
      await page.mouse.move(start.x, start.y - 10, { steps: 5 });
      await page.mouse.move(start.x, start.y - hours * 80, { steps: 15 });
      await page.mouse.up();
    };
    const show = (id: string) =>
      runCli(['--data-dir', dataDir, '--json', 'posts', 'show', id]).json() as PostDetail;

    // Four hours earlier is the past: asked first; Cancel leaves it where it was.
    await dragUp(chip, 4);
    const ask = page.getByRole('alertdialog', { name: 'That time has passed' });
    await ask.waitFor();
    await checkLayout(page, 'That time has passed dialog');
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await ask.waitFor({ state: 'detached' });
    expect(show(waiting.postId).scheduledAt).toBe(later.epochMilliseconds);

    // Confirmed: it goes out now instead.
    await dragUp(chip, 4);
    await ask.getByRole('button', { name: 'Publish now' }).click();
    await page.getByText(/^Moved to /).waitFor();
    const moved = show(waiting.postId);
    expect(moved.status).toBe('scheduled');
    expect(Math.abs((moved.scheduledAt ?? 0) - Date.now())).toBeLessThan(120_000);

    // A published post does not move.
    await dragUp(out, 2);
    expect(show(published.postId).scheduledAt).toBe(later.add({ hours: 1 }).epochMilliseconds);
    expect(errors).toEqual([]);
  }, 90_000);
});
