// Prints the report page to PDF with a headless Chromium ($STARLING_CHROMIUM or
// /usr/bin/chromium) in a throwaway profile: the CLI, daemon and browser host. The
// desktop app prints with Electron's own Chromium instead (main/shell/pdf-printer.ts).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { failure } from '../../../shared/result.ts';

const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const printTimeoutMs = 60_000;
const noScripts = `<meta http-equiv="Content-Security-Policy" content="script-src 'none'">`;

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const fromEnv = env.STARLING_CHROMIUM;
  if (fromEnv !== undefined && fromEnv !== '') return fs.existsSync(fromEnv) ? fromEnv : null;
  return candidates.find((p) => fs.existsSync(p)) ?? null;
}

/** The PDF bytes of `html` as Chromium prints it. */
export async function printHtmlToPdf(
  html: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Buffer> {
  const chromium = findChromium(env);
  if (chromium === null) {
    throw failure(
      'VALIDATION',
      'PDF reports need Chromium, and none was found. Install it (Debian: apt-get install chromium) ' +
        'or set STARLING_CHROMIUM to its path; CSV export works without it.',
    );
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'starling-report-'));
  try {
    const page = path.join(dir, 'report.html');
    const pdf = path.join(dir, 'report.pdf');
    // Printed with scripts off, as the desktop app prints (pdf-printer.ts): the pages it
    // prints need none, and a page that was not ours could not run any. The switch that
    // turns scripts off (--blink-settings) also stops headless Chromium printing, so a
    // policy goes first (after the doctype, which keeps standards mode); the parser puts
    // a meta before <html> into the head.
    fs.writeFileSync(
      page,
      html.replace(/^(\s*<!doctype[^>]*>)?/i, (start) => start + noScripts),
    );
    const args = [
      '--headless',
      // Chromium refuses to start its sandbox as root (CI, containers); elsewhere it keeps it.
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-extensions',
      `--user-data-dir=${path.join(dir, 'profile')}`,
      '--no-pdf-header-footer',
      `--print-to-pdf=${pdf}`,
      pathToFileURL(page).href,
    ];
    const stderr = await new Promise<string>((resolve, reject) => {
      const child = spawn(chromium, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      let text = '';
      child.stderr.on('data', (chunk: Buffer) => {
        text = (text + chunk.toString()).slice(-4000);
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), printTimeoutMs);
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.on('close', () => {
        clearTimeout(timer);
        resolve(text);
      });
    });
    if (!fs.existsSync(pdf) || fs.statSync(pdf).size === 0) {
      throw failure(
        'INTERNAL',
        `Chromium (${chromium}) did not print the report: ${stderr.trim().split('\n').at(-1) ?? 'no output'}`,
      );
    }
    return fs.readFileSync(pdf);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
