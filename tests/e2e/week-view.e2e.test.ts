// Posts at the same time in the week view, in real Chromium against `starling serve` at
// 1024×700: the first stays readable (its time and first words), the rest are behind a
// "+N more" that says what it holds, and opening it shows every post at full width.
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
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

describe('week view with posts at the same time', () => {
  it('shows the first post readable and the others behind a labelled "+N more"', async () => {
    const dataDir = tempDataDir();
    const monday = mondayAhead();
    const nine = monday
      .toPlainDateTime({ hour: 9 })
      .toZonedDateTime('Europe/Berlin').epochMilliseconds;
    const core = await makeCore({ dataDir });
    const db = core.database.db;
    const client = await makeClient(db, { name: 'Acme Bakery', timezone: 'Europe/Berlin' });
    const account = await makeAccount(db, client, { handle: 'acmebakery' });
    const texts = ['Sourdough drop', 'Rye on Fridays', 'Spelt is back', 'Brioche weekend'];
    for (const [i, text] of texts.entries()) {
      await makePost(db, {
        clientId: client,
        accountIds: [account],
        parts: i === 1 ? [text, 'Second part', 'Third part'] : [text],
        scheduledAt: nine,
      });
    }
    // Tuesday: two posts at 10:00 and one at 10:15, so "+1" sits beside the first chip.
    const tuesdayAt = (hour: number, minute: number) =>
      monday.add({ days: 1 }).toPlainDateTime({ hour, minute }).toZonedDateTime('Europe/Berlin')
        .epochMilliseconds;
    for (const [hour, minute] of [
      [10, 0],
      [10, 0],
      [10, 15],
    ] as const) {
      await makePost(db, {
        clientId: client,
        accountIds: [account],
        parts: ['Croissant masterclass this weekend'],
        scheduledAt: tuesdayAt(hour, minute),
      });
    }
    await core.close();

    const app = await serveApp(dataDir);
    const { page, errors } = await openApp(app.url, {
      timezoneId: 'Europe/Berlin',
      viewport: { width: 1024, height: 700 },
    });
    await page.locator('.cal-day').first().waitFor();
    await checkLayout(page, 'Calendar month');
    await page.getByRole('button', { name: 'Week', exact: true }).click();
    await page.getByRole('button', { name: 'Next week' }).click();
    await page.getByRole('button', { name: 'Next week' }).click();
    const column = page.locator(`.cal-week-col[data-day="${monday.toString()}"]`);
    const chips = column.locator('.cal-chip');
    await chips.first().waitFor();

    // Each chip shown has room for its time and the first words: "09:00 Sou" is laid out
    // inside the chip's padding box, not clipped behind an ellipsis.
    const visible = () =>
      page.evaluate<{ width: number; text: string | null; fits: boolean }[]>(`(() => {
        const chips = document.querySelectorAll('.cal-week-col[data-day="${monday.toString()}"] .cal-chip');
        return [...chips]
          .filter((el) => el.getBoundingClientRect().width > 0)
          .map((el) => {
            const box = el.getBoundingClientRect();
            // React writes "09:00", " " and the first line as separate text nodes.
            const range = document.createRange();
            range.setStart(el, 0);
            let left = 9;
            for (const node of el.childNodes) {
              const length = node.textContent?.length ?? 0;
              if (node.nodeType !== Node.TEXT_NODE) continue;
              range.setEnd(node, Math.min(left, length));
              left -= Math.min(left, length);
              if (left === 0) break;
            }
            const right = box.right - parseFloat(getComputedStyle(el).paddingRight);
            return {
              width: box.width,
              text: el.textContent,
              fits: range.getBoundingClientRect().right <= right + 0.5,
            };
          });
      })()`);
    const before = await visible();
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({ fits: true, text: expect.stringMatching(/^09:00 /) });
    await checkLayout(page, 'Calendar week with four posts at 09:00 folded');

    const more = column.getByRole('button', { name: /^\+3 more posts at 09:00 on \w+day, / });
    expect(await more.locator('.cal-week-more-count').textContent()).toBe('+3 more');
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    await more.click();
    // Open, the same button names what it folds away again.
    const fewer = column.getByRole('button', { name: /^Show fewer posts at 09:00 on / });
    expect(await fewer.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(async () => (await visible()).length).toBe(4);
    for (const chip of await visible()) {
      expect(chip).toMatchObject({ fits: true, text: expect.stringMatching(/^09:00 /) });
    }
    expect((await visible()).map((c) => c.text?.slice(6)).sort()).toEqual([...texts].sort());
    // The thread's chip ("Rye on Fridays", three parts) draws no thread length in a column
    // this narrow: its first line ran on under it, cut off without an ellipsis.
    const ends = await page.evaluate<string[]>(`[...document.querySelectorAll(
      '.cal-week-col[data-day="${monday.toString()}"] .cal-chip[data-parts]')]
      .map((el) => getComputedStyle(el, '::after').content)`);
    expect(ends).toEqual(['none']);
    await checkLayout(page, 'Calendar week with four posts at 09:00 unfolded');

    // Beside "+1" a chip keeps its time whole before the ellipsis: "10:00…", not "10:0…".
    const tuesday = monday.add({ days: 1 }).toString();
    const besideMore = await page.evaluate<{ text: string | null; room: number }[]>(`(() => {
      const row = document.querySelector('.cal-week-col[data-day="${tuesday}"] .cal-week-row:has(> .cal-week-more)');
      const el = row.querySelector('.cal-chip');
      const box = el.getBoundingClientRect();
      const range = document.createRange();
      range.setStart(el.firstChild, 0);
      range.setEnd(el.firstChild, 5);
      const ellipsis = document.createElement('span');
      ellipsis.textContent = '…';
      el.append(ellipsis);
      const ellipsisWidth = ellipsis.getBoundingClientRect().width;
      ellipsis.remove();
      const right = box.right - parseFloat(getComputedStyle(el).paddingRight);
      return [{ text: el.textContent, room: right - range.getBoundingClientRect().right - ellipsisWidth }];
    })()`);
    expect(besideMore[0]?.text).toMatch(/^10:00 /);
    expect(besideMore[0]?.room).toBeGreaterThanOrEqual(0);

    // Escape folds the list again, back to the first post and "+3 more".
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await visible()).length).toBe(1);
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    expect(
      await page.evaluate<boolean>(
        "document.activeElement?.classList.contains('cal-week-more') === true",
      ),
    ).toBe(true);
    expect(errors).toEqual([]);
  }, 60_000);
});
