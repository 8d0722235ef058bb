// `starling analytics sync` and `analytics export` as a user runs them: the real CLI in a
// child process against the fake X, CSV and PDF files written, refusals leaving no file.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedPublishedPosts } from '../helpers/analytics-seed.ts';
import { binPath, type CliRun } from '../helpers/cli.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

const posts = [
  ['Sourdough is back on Saturday', { impressions: 4000, likes: 150, reposts: 30, replies: 12 }],
  ['=HYPERLINK("http://evil") opening hours', { impressions: 1000, likes: 20, bookmarks: 5 }],
] as const;

/** The CLI without blocking this process, which serves the fake X the CLI calls. */
function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [binPath, ...args],
      { env: { ...process.env, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const status = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ status, stdout, stderr, json: () => JSON.parse(stdout) as unknown });
      },
    );
  });
}

const day = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe('starling analytics', () => {
  it('syncs metrics and exports them as CSV and PDF', async () => {
    const seeded = await seedPublishedPosts(posts, { followers: 321 });
    const cli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
      runCli(['--data-dir', seeded.dataDir, ...args], { ...seeded.env, ...env });

    const human = await cli(['analytics', 'sync', '--account', seeded.accountId]);
    expect(human.status).toBe(0);
    expect(human.stdout).toContain('Read metrics of 2 posts and follower counts of 1 account.');
    expect(human.stdout).toContain('(3 X reads; today 3 of 1000)');
    // Nothing is due again right away.
    const again = await cli(['--json', 'analytics', 'sync']);
    expect(again.json()).toMatchObject({ postsRead: 0, accountsRead: 0, reads: 0, readsToday: 3 });

    const out = path.join(tempDataDir(), 'report.csv');
    const range = ['--client', seeded.clientId, '--from', day(-2), '--to', day(1)];
    const csv = await cli([
      '--json',
      'analytics',
      'export',
      ...range,
      '--format',
      'csv',
      '--out',
      out,
    ]);
    expect(csv.status).toBe(0);
    expect(csv.json()).toMatchObject({ format: 'csv', mime: 'text/csv' });
    const lines = fs.readFileSync(out, 'utf8').trim().split('\r\n');
    expect(lines[0]).toBe(
      'published_local,published_utc,account,text,url,impressions,likes,reposts,replies,quotes,bookmarks,clicks,profile_visits,engagements,engagement_rate,metrics_read_utc,deleted_on_x_utc',
    );
    expect(lines).toHaveLength(3);
    // Every cell a spreadsheet would run is defused, the account's leading @ too.
    expect(lines.join('\n')).toContain("'@nova_bakery,Sourdough is back on Saturday,");
    expect(lines.join('\n')).toContain(',4000,150,30,12,0,0,0,0,192,0.0480,');
    // A post text a spreadsheet would run as a formula is defused.
    expect(lines.join('\n')).toContain(`"'=HYPERLINK(""http://evil"") opening hours"`);

    // An existing file is not replaced without --force; nothing changes.
    const before = fs.readFileSync(out);
    const refused = await cli(['analytics', 'export', ...range, '--format', 'csv', '--out', out]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('already exists');
    expect(fs.readFileSync(out)).toEqual(before);

    const bad = await cli([
      'analytics',
      'export',
      ...range,
      '--format',
      'xlsx',
      '--out',
      `${out}.x`,
    ]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--format must be csv or pdf');
    expect(fs.existsSync(`${out}.x`)).toBe(false);

    const pdfOut = path.join(path.dirname(out), 'report.pdf');
    const noChromium = await cli(
      ['analytics', 'export', ...range, '--format', 'pdf', '--out', pdfOut],
      {
        STARLING_CHROMIUM: '/nowhere/chromium',
      },
    );
    expect(noChromium.status).toBe(1);
    expect(noChromium.stderr).toContain('PDF reports need Chromium');
    expect(fs.existsSync(pdfOut)).toBe(false);

    const pdf = await runCli(
      [
        '--data-dir',
        seeded.dataDir,
        'analytics',
        'export',
        ...range,
        '--format',
        'pdf',
        '--out',
        pdfOut,
      ],
      seeded.env,
    );
    expect(pdf.stderr).toBe('');
    expect(pdf.status).toBe(0);
    const bytes = fs.readFileSync(pdfOut);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(5_000);
  }, 120_000);
});
