// The agenda (the calendar's list view) in real Chromium against the real `starling serve`:
// a year of posts is drawn a screenful at a time, scrolls to its last post, keeps its day
// header in sight, and the keyboard moves through all of it, not only what is drawn; at
// 1024 px a long first line stops before the networks' marks instead of running under them.
import { describe, expect, it } from 'vitest';
import { Temporal } from 'temporal-polyfill';
import { makeCore } from '../helpers/core.ts';
import { makeNetworkAccount } from '../helpers/network-account-rows.ts';
import { makeAccount, makeClient, makePost } from '../helpers/post-factories.ts';
import { checkLayout } from '../helpers/layout-check.ts';
import { openApp } from '../helpers/open-app.ts';
import { serveApp } from '../helpers/serve.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

const berlin = (day: Temporal.PlainDate, hour: number) =>
  day.toPlainDateTime({ hour }).toZonedDateTime('Europe/Berlin').epochMilliseconds;

/** The post whose chip has the focus (plain JS: the tests are type-checked without the DOM). */
const focusedPost = `document.activeElement?.getAttribute('data-post-id') ?? null`;

/** The day of the agenda row under the top edge of its scroll box. */
const rowDayAtTop = `(() => {
  const el = document.querySelector('.cal-list-scroll');
  const y = (r) => new DOMMatrix(getComputedStyle(r).transform).m42;
  const at = [...el.querySelectorAll('[data-index]')].find(
    (r) => y(r) <= el.scrollTop && y(r) + r.offsetHeight > el.scrollTop,
  );
  return at?.dataset.day ?? '';
})()`;

/** Sweeps the agenda from the top, two screenfuls a frame for 12 frames, then stops. */
const sweepSource = `new Promise((resolve) => {
  const el = document.querySelector('.cal-list-scroll');
  el.scrollTop = 0;
  let frames = 0;
  const step = () => {
    el.scrollTop += 2 * el.clientHeight;
    frames += 1;
    if (frames < 12) requestAnimationFrame(step);
    else resolve(el.scrollTop);
  };
  requestAnimationFrame(step);
})`;

/** The served app's agenda, in Berlin time, at `viewport`. */
async function openAgenda(dataDir: string, viewport: { width: number; height: number }) {
  const app = await serveApp(dataDir);
  const opened = await openApp(app.url, { timezoneId: 'Europe/Berlin', viewport });
  await opened.page.getByRole('link', { name: 'Calendar' }).click();
  await opened.page.getByRole('button', { name: 'List', exact: true }).click();
  return opened;
}

/** One post a month at 09:00 Berlin time on `day`, from this month on: their ids. */
async function postMonthly(dataDir: string, months: number, day: number): Promise<string[]> {
  const core = await makeCore({ dataDir });
  const db = core.database.db;
  const client = await makeClient(db, { name: 'Acme Bakery', timezone: 'Europe/Berlin' });
  const account = await makeAccount(db, client, { handle: 'acmebakery' });
  const first = Temporal.Now.plainDateISO('Europe/Berlin').with({ day });
  const ids: string[] = [];
  for (let m = 0; m < months; m += 1) {
    const made = await makePost(db, {
      clientId: client,
      accountIds: [account],
      parts: [`Loaf of month ${String(m)}`],
      scheduledAt: berlin(first.add({ months: m }), 9),
    });
    ids.push(made.postId);
  }
  await core.close();
  return ids;
}

describe('the agenda in the browser host', () => {
  it('lists a year of posts a window at a time, scrolls to the last, and moves by keyboard', async () => {
    const dataDir = tempDataDir();
    const core = await makeCore({ dataDir });
    const db = core.database.db;
    const acme = await makeClient(db, { name: 'Acme Bakery', timezone: 'Europe/Berlin' });
    const acmeX = await makeAccount(db, acme, { handle: 'acmebakery' });
    // Four posts a day for the twelve months the agenda shows (from this month on).
    const first = Temporal.Now.plainDateISO('Europe/Berlin').with({ day: 1 });
    const lastDay = first.add({ months: 12 }).subtract({ days: 1 });
    const days = first.until(lastDay).days + 1;
    const ids: string[] = [];
    for (let d = 0; d < days; d += 1) {
      for (const hour of [8, 11, 14, 17]) {
        const made = await makePost(db, {
          clientId: acme,
          accountIds: [acmeX],
          parts: [`Bake ${String(d)} at ${String(hour)}`],
          scheduledAt: berlin(first.add({ days: d }), hour),
        });
        ids.push(made.postId);
      }
    }
    const last = await makePost(db, {
      clientId: acme,
      accountIds: [acmeX],
      parts: ['Last loaf of the year'],
      scheduledAt: berlin(lastDay, 21),
    });
    await core.close();

    const { page, errors } = await openAgenda(dataDir, { width: 1400, height: 900 });
    const agenda = page.getByRole('list', { name: 'Agenda' });
    await agenda.waitFor();
    const firstChip = page.locator(`[data-post-id="${ids[0] ?? ''}"]`);
    await firstChip.waitFor();

    // ~1,800 rows (a header per day, a row per post), a screenful of them drawn.
    const rows = Number(await page.locator('.cal-list-scroll').getAttribute('data-rows'));
    expect(rows).toBe(days + ids.length + 1);
    const drawn = await agenda.getByRole('listitem').count();
    expect(drawn).toBeGreaterThan(10);
    expect(drawn).toBeLessThan(120);
    const firstItem = agenda.getByRole('listitem').first();
    expect(await firstItem.getAttribute('aria-setsize')).toBe(String(rows));
    expect(await firstItem.getAttribute('aria-posinset')).toBe('1');
    await checkLayout(page, 'Calendar list of a year');

    // The keyboard: down to the next post, End to the very last, Home back to the first.
    await firstChip.focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate<string | null>(focusedPost)).toBe(ids[1]);
    await page.keyboard.press('End');
    await expect.poll(() => page.evaluate<string | null>(focusedPost)).toBe(last.postId);
    await page.keyboard.press('Home');
    await expect.poll(() => page.evaluate<string | null>(focusedPost)).toBe(ids[0]);

    // Swept past (reading nothing on the way: it would land on rows already gone), the
    // agenda fills in where the sweep stops.
    const stoppedAt = await page.evaluate<number>(sweepSource);
    expect(stoppedAt).toBeGreaterThan(10_000);
    await expect.poll(() => page.locator('.cal-list-scroll .cal-list-placeholder').count()).toBe(0);
    expect(await page.locator('.cal-list-scroll .cal-chip').count()).toBeGreaterThan(10);

    // Scrolled to the end by hand (the wheel or the bar), the last post shows there too.
    await page.evaluate(
      "const el = document.querySelector('.cal-list-scroll'); el.scrollTop = el.scrollHeight",
    );
    const lastChip = page.locator(`[data-post-id="${last.postId}"]`);
    await lastChip.waitFor();
    expect(await lastChip.isVisible()).toBe(true);
    expect(await agenda.getByRole('listitem').count()).toBeLessThan(120);
    // The day of the rows at the top stays above them while its own header is scrolled away.
    const topDay = await page.evaluate<string>(rowDayAtTop);
    await expect
      .poll(() => page.locator('.cal-list-sticky').textContent())
      .toMatch(new RegExp(`\\b${String(Number(topDay.slice(8)))}\\b`));
    expect(errors).toEqual([]);
  }, 180_000);

  it('reads every month’s posts as the span moves, however far apart they are', async () => {
    // One post a month: blocks of days with 31-day gaps between their posts, each read
    // with one calendar:range of at most 62 days (list-rows.ts), at every click.
    const dataDir = tempDataDir();
    const ids = await postMonthly(dataDir, 8, 1);

    const { page, errors } = await openAgenda(dataDir, { width: 1400, height: 900 });
    await page.locator(`[data-post-id="${ids[0] ?? ''}"]`).waitFor();
    const next = page.getByRole('button', { name: 'Next month' });
    const previous = page.getByRole('button', { name: 'Previous month' });
    // Each click starts a new span at once, as a user clicking through months does.
    for (const [click, shown] of [
      [next, 1],
      [next, 2],
      [next, 3],
      [previous, 2],
      [next, 3],
      [next, 4],
    ] as const) {
      await click.click();
      await page.locator(`[data-post-id="${ids[shown] ?? ''}"]`).waitFor({ timeout: 5_000 });
    }
    expect(errors).toEqual([]);
  });

  it('reads the new span when it comes before the last span’s look at the screen', async () => {
    // The agenda looks at what is on screen a moment after it changed (list-pages.ts). With
    // the page's clock held, that moment comes only after the next month's span has
    // arrived: the new span must be read, not left to the last span's pending look.
    const dataDir = tempDataDir();
    const ids = await postMonthly(dataDir, 2, 14);

    const app = await serveApp(dataDir);
    const { page, errors } = await openApp(app.url, {
      timezoneId: 'Europe/Berlin',
      viewport: { width: 1400, height: 900 },
    });
    await page.clock.install();
    await page.reload();
    await page.getByRole('link', { name: 'Calendar' }).click();
    await page.clock.pauseAt(Date.now() + 2_000);
    await page.getByRole('button', { name: 'List', exact: true }).click();
    const dayHeaders = page.getByText('1 post', { exact: true });
    await expect.poll(() => dayHeaders.count()).toBe(2);
    await page.getByRole('button', { name: 'Next month' }).click();
    await expect.poll(() => dayHeaders.count()).toBe(1);
    // One look's wait, and no more: the clock stays held while the posts are read.
    await page.clock.runFor(100);
    await page.locator(`[data-post-id="${ids[1] ?? ''}"]`).waitFor({ timeout: 5_000 });
    expect(errors).toEqual([]);
  });

  it('ends a long first line before the networks’ marks at laptop width', async () => {
    const dataDir = tempDataDir();
    const core = await makeCore({ dataDir });
    const db = core.database.db;
    const client = await makeClient(db, { name: 'Acme Bakery', timezone: 'Europe/Berlin' });
    const accounts = [
      await makeAccount(db, client, { handle: 'acmebakery' }),
      await makeNetworkAccount(db, client, { platform: 'bluesky', handle: 'acme.bsky.social' }),
      await makeNetworkAccount(db, client, { platform: 'facebook', handle: 'Acme Bakery' }),
    ];
    const day = Temporal.Now.plainDateISO('Europe/Berlin').add({ days: 1 });
    const long =
      'Sourdough starter workshop every Saturday morning with fresh rye, spelt and heritage wheat. '.repeat(
        2,
      );
    const thread = await makePost(db, {
      clientId: client,
      accountIds: accounts,
      parts: [long, 'Sign up at the counter.'],
      scheduledAt: berlin(day, 9),
    });
    const single = await makePost(db, {
      clientId: client,
      accountIds: [accounts[0] ?? ''],
      parts: [long],
      scheduledAt: berlin(day, 10),
    });
    await core.close();

    const { page, errors } = await openAgenda(dataDir, { width: 1024, height: 700 });
    for (const id of [thread.postId, single.postId]) {
      const chip = page.locator(`.cal-list-row [data-post-id="${id}"]`);
      await chip.waitFor();
      // The text is clipped (its ellipsis) at the padding edge; the marks and the thread
      // length sit in the chip's ::after at its right edge, so the padding must hold them.
      const room = await page.evaluate<{ clipped: boolean; padding: number; marks: number }>(
        `(() => {
          const chip = document.querySelector('.cal-list-row [data-post-id="${id}"]');
          const marks = getComputedStyle(chip, '::after');
          return {
            clipped: chip.scrollWidth > chip.clientWidth,
            padding: parseFloat(getComputedStyle(chip).paddingRight),
            // The app sizes boxes border-box: the width holds the padding.
            marks:
              parseFloat(marks.width) +
              (marks.boxSizing === 'border-box'
                ? 0
                : parseFloat(marks.paddingLeft) + parseFloat(marks.paddingRight)),
          };
        })()`,
      );
      expect(room.clipped).toBe(true);
      expect(room.padding).toBeGreaterThanOrEqual(room.marks);
      // The client badge (the chip's ::before) and the line of text sit on the taller list
      // chip's middle, not at the top where the week's 20 px chip puts them.
      const middle = await page.evaluate<{ chip: number; badge: number; text: number }>(
        `(() => {
          const chip = document.querySelector('.cal-list-row [data-post-id="${id}"]');
          const badge = getComputedStyle(chip, '::before');
          const height = chip.getBoundingClientRect().height;
          return {
            chip: height / 2,
            badge: parseFloat(badge.top) + parseFloat(badge.height) / 2,
            text: parseFloat(getComputedStyle(chip).lineHeight) / 2,
          };
        })()`,
      );
      expect(Math.abs(middle.badge - middle.chip)).toBeLessThanOrEqual(1);
      expect(Math.abs(middle.text - middle.chip)).toBeLessThanOrEqual(1);
    }
    await checkLayout(page, 'Calendar list with long first lines at 1024 px');
    expect(errors).toEqual([]);
  }, 60_000);
});
