// Every view and dialog (tests/helpers/app-scenes.ts) passes the layout check at 1024×700
// and 1440×900, light and dark, with realistic content and with the longest a person
// can reasonably type (tests/helpers/demo-seed.ts): nothing scrolls sideways, no text is
// cut off unreadably, dialogs fit, no console errors and axe finds nothing serious. One
// served app per content set; sizes and themes loop inside it, and every problem found
// is listed at once.
import { describe, expect, it } from 'vitest';
import { appScenes, leaveScene } from '../helpers/app-scenes.ts';
import { launchBrowser } from '../helpers/browser.ts';
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
  const seed = await seedDemo(tempDataDir(), { content });
  const app = await serveApp(seed.dataDir);
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

describe('layout of every view and dialog', () => {
  it('holds with realistic content at both sizes, light and dark', async () => {
    const { problems, checked } = await problemsEverywhere('realistic');
    expect(checked).toBeGreaterThanOrEqual(80);
    expect(problems).toEqual([]);
  }, 600_000);

  it('holds with 40-character names, 500-character posts, 60 posts a day, a 25-part thread and 1 or 1,000 readings', async () => {
    const { problems, checked } = await problemsEverywhere('long');
    expect(checked).toBeGreaterThanOrEqual(80);
    expect(problems).toEqual([]);
  }, 600_000);
});
