// `npm run shots`: a PNG of every view and every dialog at 1024×700 and 1440×900, light
// and dark, with realistic and with long demo data, plus an index.html showing them in a
// grid, so a person reviews the whole app in a minute. Seeds temporary data folders,
// runs the real `starling serve` and headless Chromium. Options: --out DIR (default
// shots/), --content realistic|long (default both), --scene A,B (only the scenes whose
// name holds A or B, e.g. `composer`, to look again at what a change touched), --no-build
// (use the built renderer).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startBrowserHost } from '../main/host/browser-host.ts';
import { migrationDescriptions } from '../migrations/index.ts';
import { appScenes, leaveScene, settle } from '../tests/helpers/app-scenes.ts';
import { chromiumPath } from '../tests/helpers/browser.ts';
import { binPath } from '../tests/helpers/cli.ts';
import { startDemoMeta } from '../tests/helpers/demo-meta.ts';
import { seedDemo, type DemoContent } from '../tests/helpers/demo-seed.ts';
import { findLayoutProblems } from '../tests/helpers/layout-check.ts';
import { openApp } from '../tests/helpers/open-app.ts';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'shots' },
    content: { type: 'string' },
    scene: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
  },
});
const outDir = path.resolve(root, values.out);
const contents: DemoContent[] =
  values.content === 'realistic' || values.content === 'long'
    ? [values.content]
    : ['realistic', 'long'];
const sizes = [
  { width: 1024, height: 700 },
  { width: 1440, height: 900 },
] as const;
const themes = ['light', 'dark'] as const;
const sceneParts = values.scene?.split(',') ?? [];
const wanted = (scene: { name: string }) =>
  sceneParts.length === 0 || sceneParts.some((part) => scene.name.includes(part));
const say = (line: string) => process.stderr.write(`shots: ${line}\n`);

interface Shot {
  file: string;
  content: DemoContent | 'empty';
  scene: string;
  caption: string;
  size: string;
  theme: string;
  problems: string[];
}

/** `starling serve` on a data folder; resolves with its URL once printed. */
function serve(
  dataDir: string,
  env: NodeJS.ProcessEnv = {},
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [binPath, '--data-dir', dataDir, '--json', 'serve', '--port', '0'],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } },
  );
  let stdout = '';
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      reject(new Error(`starling serve exited with ${String(code)}`));
    });
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      try {
        resolve({ url: (JSON.parse(stdout) as { url: string }).url, child });
      } catch {
        // Not a whole JSON document yet.
      }
    });
  });
}

const escape = (text: string) =>
  text.replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c,
  );

function indexHtml(shots: Shot[]): string {
  const groups = new Map<string, Shot[]>();
  for (const shot of shots) {
    const key = `${shot.content}: ${shot.caption}`;
    groups.set(key, [...(groups.get(key) ?? []), shot]);
  }
  const problems = shots.filter((s) => s.problems.length > 0).length;
  const sections = [...groups.entries()].map(
    ([title, group]) =>
      `<section><h2>${escape(title)}</h2><div class="row">${group
        .map(
          (
            s,
          ) => `<figure${s.problems.length > 0 ? ' class="bad"' : ''}><a href="${s.file}"><img src="${s.file}" loading="lazy" alt="${escape(`${title}, ${s.size}, ${s.theme}`)}"></a>
<figcaption>${escape(`${s.size} ${s.theme}`)}${s.problems.length === 0 ? '' : `<ul>${s.problems.map((p) => `<li>${escape(p)}</li>`).join('')}</ul>`}</figcaption></figure>`,
        )
        .join('\n')}</div></section>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Starling screenshots</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; background: #f4f4f5; color: #18181b; }
.row { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 12px; }
figure { margin: 0; background: #fff; padding: 8px; border-radius: 6px; border: 1px solid #e4e4e7; }
figure.bad { border-color: #dc2626; }
img { width: 100%; height: auto; display: block; border: 1px solid #e4e4e7; }
figcaption { margin-top: 6px; color: #52525b; } li { color: #b91c1c; font-size: 12px; overflow-wrap: anywhere; }
h2 { font-size: 16px; margin: 24px 0 8px; }
</style></head><body>
<h1>Starling, every view and dialog</h1>
<p>${String(shots.length)} screenshots at ${sizes.map((s) => `${String(s.width)}×${String(s.height)}`).join(' and ')}, light and dark, with realistic and long content; click one to see it full size. ${problems === 0 ? 'The layout check found nothing.' : `The layout check found problems in ${String(problems)} (red border, listed under each).`}</p>
${sections.join('\n')}
</body></html>
`;
}

/**
 * A scene without demo data (the upgrade page, the first run) at every size and theme:
 * a fresh page each time, shot once `ready` has seen the scene drawn.
 */
async function shootEmptyScene(
  browser: Browser,
  url: string,
  shots: Shot[],
  scene: { name: string; caption: string; ready: (page: Page) => Promise<void> },
): Promise<void> {
  for (const size of sizes) {
    for (const theme of themes) {
      const { page } = await openApp(url, { browser, viewport: size, colorScheme: theme });
      const label = `${String(size.width)}x${String(size.height)}`;
      const file = `empty-${scene.name}-${label}-${theme}.png`;
      await scene.ready(page);
      await settle(page);
      await page.screenshot({ path: path.join(outDir, file) });
      const problems = await findLayoutProblems(page, { axe: false });
      for (const p of problems) say(`${file}: ${p}`);
      shots.push({
        file,
        content: 'empty',
        scene: scene.name,
        caption: scene.caption,
        size: label.replace('x', '×'),
        theme,
        problems,
      });
      await page.context().close();
    }
  }
}

/**
 * The upgrade page the hosts show while the core upgrades the user's data: the real
 * browser host before its core is ready, at step 2 of 3 of an upgrade (a real upgrade of a
 * small file is over before a picture could be taken; tests/e2e/upgrade-progress.e2e.test.ts
 * sees one for real).
 */
async function upgradePage(browser: Browser, shots: Shot[]): Promise<void> {
  const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const host = await startBrowserHost({
    core: new Promise<never>(() => undefined),
    upgradeProgress: () => ({
      phase: 'migrating',
      step: {
        index: 2,
        count: 3,
        description: migrationDescriptions['0025-search-by-client'] ?? '',
      },
      fraction: 1 / 3,
    }),
    rendererDir: path.join(root, 'out', 'renderer'),
    port: 0,
    logger: quiet,
  });
  try {
    await shootEmptyScene(browser, host.url, shots, {
      name: 'upgrade-page',
      caption: 'Upgrading the data: the page shown until the app opens',
      ready: (page) => page.getByText('Step 2 of 3').waitFor(),
    });
    say('upgrade page: done');
  } finally {
    await host.close();
  }
}

/** The first-run checklist: only an empty data folder shows it. */
async function firstRun(browser: Browser, shots: Shot[]): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'starling-shots-empty-'));
  const { url, child } = await serve(dataDir);
  try {
    await shootEmptyScene(browser, url, shots, {
      name: 'first-run',
      caption: 'First run: the Get started checklist on an empty app',
      ready: (page) => page.getByRole('heading', { name: 'Get started' }).waitFor(),
    });
    say('empty: done');
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  if (!values['no-build']) {
    say('building the renderer…');
    const built = spawnSync(
      process.execPath,
      [
        path.join(root, 'node_modules/vite/bin/vite.js'),
        'build',
        '--config',
        'vite.renderer.config.ts',
        '--logLevel',
        'warn',
      ],
      { cwd: root, stdio: 'inherit' },
    );
    if (built.status !== 0) throw new Error('the renderer did not build');
  }
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const shots: Shot[] = [];
  try {
    for (const content of contents) {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `starling-shots-${content}-`));
      // The first client's Facebook Page and Instagram account live on a fake Meta.
      const meta = await startDemoMeta();
      const seed = await seedDemo(dataDir, { content, meta: meta.fake });
      const { url, child } = await serve(dataDir, meta.env);
      try {
        for (const size of sizes) {
          for (const theme of themes) {
            const { page } = await openApp(url, {
              browser,
              viewport: size,
              colorScheme: theme,
              timezoneId: 'Europe/Berlin',
            });
            const label = `${String(size.width)}x${String(size.height)}`;
            for (const scene of appScenes(seed).filter(wanted)) {
              const file = `${content}-${scene.name}-${label}-${theme}.png`;
              try {
                await scene.show(page);
                await page.screenshot({ path: path.join(outDir, file) });
                const problems = await findLayoutProblems(page, { axe: false });
                shots.push({
                  file,
                  content,
                  scene: scene.name,
                  caption: scene.caption,
                  size: label.replace('x', '×'),
                  theme,
                  problems,
                });
                for (const p of problems) say(`${file}: ${p}`);
                await leaveScene(page, scene);
              } catch (error) {
                say(
                  `${file}: could not open: ${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)}`,
                );
                await page.screenshot({ path: path.join(outDir, file) }).catch(() => undefined);
                shots.push({
                  file,
                  content,
                  scene: scene.name,
                  caption: scene.caption,
                  size: label,
                  theme,
                  problems: ['could not open this view'],
                });
                await page.keyboard.press('Escape');
              }
            }
            await page.context().close();
            say(`${content} ${label} ${theme}: done`);
          }
        }
      } finally {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
        await meta.fake.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    }
    await firstRun(browser, shots);
    if (wanted({ name: 'upgrade-page' })) await upgradePage(browser, shots);
  } finally {
    await browser.close();
  }
  fs.writeFileSync(path.join(outDir, 'index.html'), indexHtml(shots));
  say(
    `${String(shots.length)} screenshots; open ${path.relative(process.cwd(), path.join(outDir, 'index.html'))}`,
  );
}

await main();
