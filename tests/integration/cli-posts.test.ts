// `starling posts …` as a process, on a real data folder: schedule a thread with a media
// file, list, show, reschedule across a DST change keeping 09:00 in Berlin, cancel; and
// refusals that print an error, exit non-zero and write nothing (no stored media copy);
// one post to accounts of X, Bluesky and Mastodon at once, each network's rules applied.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PostDetail, PostSummary } from '../../shared/posts.ts';
import { runCli } from '../helpers/cli.ts';
import { dumpDatabase, makeCore } from '../helpers/core.ts';
import { makeNetworkAccount } from '../helpers/network-account-rows.ts';
import { makeAccount, pngBytes } from '../helpers/post-factories.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

/** Next year's spring-forward Sunday in Europe/Berlin (the last Sunday of March). */
function nextSpringForward(): { year: number; day: number } {
  const year = new Date().getUTCFullYear() + 1;
  const last = new Date(Date.UTC(year, 2, 31));
  return { year, day: 31 - last.getUTCDay() };
}

async function setup() {
  const dataDir = tempDataDir();
  const env = { TZ: 'Europe/Berlin' };
  const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args], env);
  const client = cli('--json', 'clients', 'add', '--name', 'Bakery', '--timezone', 'Europe/Berlin');
  expect(client.status, client.stderr).toBe(0);
  const clientId = (client.json() as { id: string }).id;
  const core = await makeCore({ dataDir });
  const accountId = await makeAccount(core.database.db, clientId, { handle: 'bakery' });
  const image = path.join(dataDir, 'loaf.png');
  fs.writeFileSync(image, pngBytes(4096));
  return { dataDir, cli, core, clientId, accountId, image };
}

describe('starling posts', () => {
  it('schedules a thread with media, lists, shows, reschedules across DST and cancels', async () => {
    const { dataDir, cli, core, accountId, image } = await setup();
    const { year, day } = nextSpringForward();
    const date = (d: number) => `${String(year)}-03-${String(d).padStart(2, '0')}`;

    const scheduled = cli(
      '--json',
      'posts',
      'schedule',
      '--account',
      accountId,
      '--at',
      `${date(day - 2)} 09:00`,
      '--text',
      'Fresh bread at nine',
      '--media',
      image,
      '--alt',
      'A loaf on the counter',
      '--thread',
      'Rye on Fridays',
    );
    expect(scheduled.status, scheduled.stderr).toBe(0);
    const post = scheduled.json() as PostSummary;
    expect(post).toMatchObject({
      status: 'scheduled',
      timezone: 'Europe/Berlin',
      localTime: `${date(day - 2)}T09:00`,
      scheduledAt: Date.UTC(year, 2, day - 2, 8, 0),
      targets: [{ accountId, handle: 'bakery', status: 'scheduled' }],
    });
    const sha = createHash('sha256').update(fs.readFileSync(image)).digest('hex');
    expect(fs.existsSync(path.join(dataDir, 'media', sha))).toBe(true);
    expect(dumpDatabase(core).media_assets).toEqual([
      expect.objectContaining({
        sha256: sha,
        kind: 'image',
        bytes: 4096,
        original_name: 'loaf.png',
      }),
    ]);

    const listed = cli('--json', 'posts', 'list', '--from', date(day - 2), '--to', date(day - 2));
    expect((listed.json() as PostSummary[]).map((p) => p.id)).toEqual([post.id]);
    expect(cli('--json', 'posts', 'list', '--from', date(day - 1)).json()).toEqual([]);
    const table = cli('posts', 'list', '--status', 'scheduled');
    expect(table.stdout).toContain(post.id);
    expect(table.stdout).toContain(`${date(day - 2)} 09:00 Europe/Berlin`);

    const shown = cli('--json', 'posts', 'show', post.id).json() as PostDetail;
    expect(shown.parts).toEqual([
      expect.objectContaining({
        position: 0,
        text: 'Fresh bread at nine',
        media: [expect.objectContaining({ kind: 'image', altText: 'A loaf on the counter' })],
      }),
      expect.objectContaining({ position: 1, text: 'Rye on Fridays', media: [] }),
    ]);
    const page = cli('posts', 'show', post.id);
    expect(page.status).toBe(0);
    expect(page.stdout).toMatch(/Targets:\n {2}@bakery {2}scheduled {2}\(attempts: 0\)/);
    expect(page.stdout).toContain('alt: A loaf on the counter');
    expect(page.stdout).toMatch(/Event log:\n.*post\.scheduled/);

    // Across the change the offset moves from +01:00 to +02:00; 09:00 stays 09:00.
    const moved = cli('--json', 'posts', 'reschedule', post.id, '--at', `${date(day + 1)} 09:00`);
    expect(moved.status, moved.stderr).toBe(0);
    expect(moved.json()).toMatchObject({
      localTime: `${date(day + 1)}T09:00`,
      scheduledAt: Date.UTC(year, 2, day + 1, 7, 0),
    });
    expect(dumpDatabase(core).publish_jobs).toEqual([
      expect.objectContaining({ status: 'pending', run_at: Date.UTC(year, 2, day + 1, 7, 0) }),
    ]);

    const cancelled = cli('posts', 'cancel', post.id);
    expect(cancelled.status, cancelled.stderr).toBe(0);
    expect(cancelled.stdout).toContain('Cancelled post');
    const again = cli('--json', 'posts', 'cancel', post.id);
    expect(again.status).not.toBe(0);
    expect(again.json()).toMatchObject({ error: { code: 'CONFLICT' } });
  });

  it('refuses a DST-skipped time and other bad input, keeping no rows and no media copy', async () => {
    const { dataDir, cli, core, accountId } = await setup();
    const { year, day } = nextSpringForward();
    const other = path.join(dataDir, 'other.png');
    fs.writeFileSync(other, pngBytes(2048));
    const before = dumpDatabase(core);
    const schedule = (...extra: string[]) =>
      cli('--json', 'posts', 'schedule', '--account', accountId, ...extra);

    const gap = schedule(
      '--at',
      `${String(year)}-03-${String(day)} 02:30`,
      '--text',
      'Too early',
      '--media',
      other,
    );
    expect(gap.status).toBe(1);
    expect(gap.stderr).toMatch(
      /does not exist in Europe\/Berlin \(clocks jump from 02:00 to 03:00\)/,
    );
    expect(gap.json()).toMatchObject({ error: { code: 'VALIDATION' } });

    const refusals = [
      schedule('--at', `${String(year)}-10-31 02:30`, '--text', 'Twice'),
      schedule('--at', `${String(year)}-05-01 09:00`, '--text', 'x'.repeat(281), '--media', other),
      schedule('--at', `${String(year)}-05-01 09:00`, '--media', other, '--text', 'Media first'),
      schedule('--at', `${String(year)}-05-01 09:00`, '--text', 'Hi', '--alt', 'no media'),
      schedule('--at', `${String(year)}-05-01 09:00`, '--text', 'Hi', '--media', 'missing.png'),
      schedule('--at', 'next tuesday', '--text', 'Hi'),
      cli(
        '--json',
        'posts',
        'schedule',
        '--account',
        'nope',
        '--at',
        '2030-01-01 09:00',
        '--text',
        'Hi',
      ),
    ];
    for (const run of refusals) {
      expect(run.status, run.stdout).not.toBe(0);
      expect(run.stderr).toMatch(/^starling: /);
      expect(run.json()).toMatchObject({ error: { code: expect.any(String) } });
    }
    expect(refusals[0]?.stderr).toContain('happens twice in Europe/Berlin: add +02:00');
    expect(refusals[4]?.stderr).toContain('missing.png: no such file');
    expect(dumpDatabase(core)).toEqual(before);
    expect(
      fs.existsSync(path.join(dataDir, 'media')) ? fs.readdirSync(path.join(dataDir, 'media')) : [],
    ).toEqual([]);
  });

  it('schedules one post to X, Bluesky and Mastodon accounts in one call, checked by each network', async () => {
    const { cli, core, clientId, accountId } = await setup();
    const db = core.database.db;
    const bluesky = await makeNetworkAccount(db, clientId, {
      platform: 'bluesky',
      handle: 'bakery.bsky.social',
    });
    const mastodon = await makeNetworkAccount(db, clientId, {
      platform: 'mastodon',
      handle: 'bakery@mastodon.social',
    });
    const accounts = ['--account', accountId, '--account', bluesky, '--account', mastodon];
    const at = `${String(new Date().getUTCFullYear() + 1)}-05-01 09:00`;

    const scheduled = cli('--json', 'posts', 'schedule', ...accounts, '--at', at, '--text', 'Rye');
    expect(scheduled.status, scheduled.stderr).toBe(0);
    const post = scheduled.json() as PostSummary;
    expect(post.targets.map((t) => [t.accountId, t.handle, t.status])).toEqual(
      expect.arrayContaining([
        [accountId, 'bakery', 'scheduled'],
        [bluesky, 'bakery.bsky.social', 'scheduled'],
        [mastodon, 'bakery@mastodon.social', 'scheduled'],
      ]),
    );
    expect(post.targets).toHaveLength(3);
    expect(dumpDatabase(core).publish_jobs).toHaveLength(3);

    // A long link is 23 on X and Mastodon but every character on Bluesky: only Bluesky refuses.
    const before = dumpDatabase(core);
    const link = `Menu: https://example.com/${'m'.repeat(300)}`;
    const refused = cli('--json', 'posts', 'schedule', ...accounts, '--at', at, '--text', link);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(
      "The post for @bakery.bsky.social is 26 characters over Bluesky's 300",
    );
    expect(refused.stderr).not.toMatch(/X's|Mastodon's/);
    expect(dumpDatabase(core)).toEqual(before);
  });

  it('documents how --media attaches to parts, and sets a client grace window', async () => {
    const { cli, clientId } = await setup();
    const help = runCli(['posts', 'schedule', '--help']);
    expect(help.stdout).toContain(
      'Each --media attaches a file to the part written just before it',
    );
    const updated = cli('--json', 'clients', 'update', clientId, '--grace-minutes', '30');
    expect(updated.status, updated.stderr).toBe(0);
    expect(updated.json()).toMatchObject({ graceMinutes: 30 });
    const bad = cli('--json', 'clients', 'update', clientId, '--grace-minutes', 'lots');
    expect(bad.status).not.toBe(0);
  });
});
