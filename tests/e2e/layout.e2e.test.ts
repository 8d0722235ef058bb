// Every view and dialog (tests/helpers/app-scenes.ts) passes the layout check at 1024×700
// and 1440×900, light and dark, with realistic content and with the longest a person
// can reasonably type (tests/helpers/demo-seed.ts): nothing scrolls sideways, no text is
// cut off unreadably, dialogs fit, no console errors and axe finds nothing serious. One
// served app per content set; sizes and themes loop inside it, and every problem found
// is listed at once.
import { describe, expect, it, onTestFinished } from 'vitest';
import { appScenes, leaveScene } from '../helpers/app-scenes.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { startDemoMeta } from '../helpers/demo-meta.ts';
import { seedDemo, type DemoContent } from '../helpers/demo-seed.ts';
import { findLayoutProblems } from '../helpers/layout-check.ts';
import { openApp } from '../helpers/open-app.ts';
import { serveApp } from '../helpers/serve.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

const sizes = [
  { width: 1024, height: 700 },
  { width: 1440, height: 900 },
] as const;
const themes = ['light', 'dark'] as const;

async function problemsEverywhere(
  content: DemoContent,
): Promise<{ problems: string[]; checked: number }> {
  // The first client's Facebook Page and Instagram account live on a fake Meta.
  const meta = await startDemoMeta();
  onTestFinished(() => meta.fake.close());
  const seed = await seedDemo(tempDataDir(), { content, meta: meta.fake });
  const app = await serveApp(seed.dataDir, meta.env);
  const browser = await launchBrowser();
  const problems: string[] = [];
  let checked = 0;
  for (const size of sizes) {
    for (const theme of themes) {
      const { page } = await openApp(app.url, {
        browser,
        viewport: size,
        colorScheme: theme,
        timezoneId: 'Europe/Berlin',
      });
      for (const scene of appScenes(seed)) {
        const where = `${scene.name} ${String(size.width)}×${String(size.height)} ${theme}`;
        await scene.show(page);
        // axe reads structure, names and contrast: the same at both sizes and (but for
        // length) with both content sets, and it is the slow part: all of it once, then
        // contrast alone in the dark theme.
        const once = content === 'realistic' && size.width === 1024;
        const axe = once && (theme === 'light' ? true : 'contrast');
        const found = await findLayoutProblems(page, { axe });
        problems.push(...found.map((p) => `${where}: ${p}`));
        checked += 1;
        await leaveScene(page, scene);
      }
      await page.context().close();
    }
  }
  return { problems, checked };
}

describe('the layout check', () => {
  it('names what a person would notice: a sideways scroll, unreadable cut text, an error', async () => {
    const seed = await seedDemo(tempDataDir(), { content: 'realistic' });
    const { page } = await openApp((await serveApp(seed.dataDir)).url);
    await page.locator('.cal-day').first().waitFor();
    expect(await findLayoutProblems(page, { axe: false })).toEqual([]);
    // (A string: this tsconfig has no DOM types.)
    await page.evaluate(`(() => {
      const wide = document.createElement('p');
      wide.className = 'too-wide';
      wide.textContent = 'x'.repeat(400);
      const cut = document.createElement('p');
      cut.className = 'cut-short';
      cut.style.cssText = 'width: 80px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap';
      cut.textContent = 'Northern Lights Artisanal Sourdough Coop';
      document.querySelector('main').append(wide, cut);
      console.error('something broke');
    })()`);
    const problems = await findLayoutProblems(page);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^sideways: main#main\.view .*; widest: main#main\.view > p\.too-wide "x{40}/,
        ),
        expect.stringMatching(/^unreadable: main#main\.view > p\.cut-short "Northern Lights/),
        expect.stringMatching(/^spills: main#main\.view > p\.too-wide "x{40}/),
        'console error: something broke',
      ]),
    );
    // A title holding the text makes the cut text readable; the error is reported once.
    await page.evaluate(
      "document.querySelector('.cut-short').title = 'Northern Lights Artisanal Sourdough Coop'",
    );
    const after = await findLayoutProblems(page, { axe: false });
    expect(after.filter((p) => p.startsWith('unreadable') || p.startsWith('console'))).toEqual([]);
  }, 60_000);
});

describe('layout of every view and dialog', () => {
  it('holds with realistic content at both sizes, light and dark', async () => {
    const { problems, checked } = await problemsEverywhere('realistic');
    expect(checked).toBeGreaterThanOrEqual(80);
    expect(problems).toEqual([]);
  }, 900_000);

  it('holds with 40-character names, 500-character posts, 60 posts a day, a 25-part thread and 1 or 1,000 readings', async () => {
    const { problems, checked } = await problemsEverywhere('long');
    expect(checked).toBeGreaterThanOrEqual(80);
    expect(problems).toEqual([]);
  }, 900_000);
});
