// Exports on a real database: CSV that the import reads back, JSON with every post, and
// an ICS calendar with one event per scheduled post, stable UIDs and UTC times; range and
// client filters; the CLI refuses to overwrite a file.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';

import { calendarFeedFile } from '../../main/core/data/calendar-feed.ts';
import type { Timers } from '../../main/core/ports.ts';
import { makeCore, expectOk } from '../helpers/core.ts';
import { runCli } from '../helpers/cli.ts';
import { makeAccount, makeClient } from '../helpers/post-factories.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

async function withPosts(dataDir = tempDataDir()) {
  const core = await makeCore({ dataDir });
  const db = core.database.db;
  const berlin = await makeClient(db, { name: 'Berlin, Bakery', timezone: 'Europe/Berlin' });
  const tokyo = await makeClient(db, { name: 'Tokyo Tea', timezone: 'Asia/Tokyo' });
  const bakery = await makeAccount(db, berlin, { handle: 'bakery' });
  const tea = await makeAccount(db, tokyo, { handle: 'tea' });
  const schedule = async (clientId: string, accountId: string, at: string, parts: string[]) =>
    expectOk(
      await core.invoke('posts:schedule', {
        clientId,
        accountIds: [accountId],
        parts: parts.map((text) => ({ text })),
        when: { at },
      }),
    );
  const a = await schedule(berlin, bakery, '2026-12-01 09:00', [
    'Bread, "fresh"\nToday',
    'Part two',
  ]);
  const b = await schedule(tokyo, tea, '2026-12-02 08:30', ['Matcha']);
  const c = await schedule(berlin, bakery, '2027-01-10 12:00', ['Next year']);
  await core.invoke('posts:cancel', { id: c.id });
  return { core, berlin, tokyo, a, b, c };
}

describe('exports', () => {
  it('writes an ICS calendar: one event per scheduled post, stable UIDs, UTC times', async () => {
    const { core, a, b, c } = await withPosts();
    const ics = expectOk(await core.invoke('data:export', { format: 'ics' }));
    expect(ics.mime).toBe('text/calendar');
    const events = ics.content.split('BEGIN:VEVENT').slice(1);
    expect(events).toHaveLength(2); // the cancelled post is not on the calendar
    expect(ics.content).toContain(`UID:${a.id}@starling`);
    expect(ics.content).toContain(`UID:${b.id}@starling`);
    expect(ics.content).not.toContain(c.id);
    expect(ics.content).toContain('DTSTART:20261201T080000Z');
    expect(ics.content).toContain('DTSTART:20261201T233000Z');
    expect(ics.content).toMatch(/SUMMARY:@bakery \(X\): Bread\\, "fresh"/);
    // Exported again later: the same UIDs, so a subscribed calendar updates, not duplicates.
    core.clock.advance(3_600_000);
    const again = expectOk(await core.invoke('data:export', { format: 'ics' }));
    const uids = (text: string) => text.match(/^UID:.*$/gm);
    expect(uids(again.content)).toEqual(uids(ics.content));
  });

  it('writes CSV the import reads back, and JSON with every post, by client and range', async () => {
    const { core, berlin, a, c } = await withPosts();
    const csv = expectOk(
      await core.invoke('data:export', {
        format: 'csv',
        clientId: berlin,
        to: Date.UTC(2027, 0, 1),
      }),
    );
    const rows = parse<Record<string, string>>(csv.content, { columns: true });
    expect(rows).toEqual([
      {
        id: a.id,
        client: 'Berlin, Bakery',
        status: 'scheduled',
        // Each account with its network, as the import reads it back.
        account: 'x:@bakery',
        date: '2026-12-01',
        time: '09:00',
        timezone: 'Europe/Berlin',
        text: 'Bread, "fresh"\nToday\n---\nPart two',
        campaign: '',
      },
    ]);
    // Read back into another data folder with the same accounts, as the same posts.
    const elsewhere = await makeCore();
    const there = await makeClient(elsewhere.database.db, { timezone: 'Europe/Berlin' });
    await makeAccount(elsewhere.database.db, there, { handle: 'bakery' });
    const back = expectOk(
      await elsewhere.invoke('data:import-csv', { csv: csv.content, dryRun: true }),
    );
    expect(back.rows.map((r) => [r.ok, r.localTime, r.parts])).toEqual([
      [true, '2026-12-01T09:00', 2],
    ]);
    // Here, the same rows would schedule every post a second time: refused, row by row
    // ([Note: exported rows read back]), and the cancelled post is not brought back.
    const again = await core.invoke('data:import-csv', { csv: csv.content, dryRun: false });
    expect(again).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    // The cancelled post, as if it came from elsewhere: still not brought back.
    const all = expectOk(await core.invoke('data:export', { format: 'csv' })).content;
    const checked = expectOk(
      await core.invoke('data:import-csv', {
        csv: all.replace(c.id, 'from-elsewhere'),
        dryRun: true,
      }),
    );
    expect(checked.rows.map((r) => [r.ok, r.issues[0]?.message])).toEqual([
      [false, expect.stringContaining(`is post ${a.id}, which is already in Starling`)],
      [false, expect.stringContaining('is already in Starling')],
      [
        false,
        "This row's post is cancelled: only scheduled posts and drafts are imported, so it is not sent again.",
      ],
    ]);

    const json = expectOk(await core.invoke('data:export', { format: 'json' }));
    const doc = JSON.parse(json.content) as {
      posts: { id: string; status: string; parts: unknown[] }[];
    };
    expect(doc.posts.map((p) => p.status)).toEqual(['scheduled', 'scheduled', 'cancelled']);
    expect(doc.posts[0]?.parts).toEqual([
      { text: 'Bread, "fresh"\nToday', media: 0 },
      { text: 'Part two', media: 0 },
    ]);
  });

  it('defuses formula-like cells in the CSV and imports them back to the same text', async () => {
    const core = await makeCore();
    const db = core.database.db;
    const clientId = await makeClient(db, { name: '=Evil client', timezone: 'Europe/Berlin' });
    const accountId = await makeAccount(db, clientId, { handle: 'bakery' });
    // Texts as a spreadsheet would read them: formulas, a sign, a mention, and texts that
    // really start with a quote (kept exactly, whether or not a formula character follows).
    const texts = [
      '=HYPERLINK("http://x","x")',
      '-5 degrees outside, warm bread inside',
      '+1 for rye',
      '@friends come early',
      "'quoted",
      "'=not a formula either",
      "''-two quotes",
      'Plain = text with - signs',
    ];
    for (const [i, text] of texts.entries()) {
      expectOk(
        await core.invoke('posts:schedule', {
          clientId,
          accountIds: [accountId],
          parts: [{ text }],
          when: { at: `2026-12-${String(i + 1).padStart(2, '0')} 09:00` },
        }),
      );
    }
    const csv = expectOk(await core.invoke('data:export', { format: 'csv' }));
    const raw = parse<Record<string, string>>(csv.content, { columns: true });
    expect(raw.map((r) => r.text)).toEqual([
      `'=HYPERLINK("http://x","x")`,
      "'-5 degrees outside, warm bread inside",
      "'+1 for rye",
      "'@friends come early",
      "'quoted",
      "''=not a formula either",
      "'''-two quotes",
      'Plain = text with - signs',
    ]);
    expect(raw[0]).toMatchObject({ client: "'=Evil client", account: 'x:@bakery' });

    // Imported into another data folder with the same account (here they would be refused:
    // the posts are already in it).
    const other = await makeCore();
    const twin = await makeClient(other.database.db, { timezone: 'Europe/Berlin' });
    await makeAccount(other.database.db, twin, { handle: 'bakery' });
    const back = expectOk(
      await other.invoke('data:import-csv', { csv: csv.content, dryRun: false }),
    );
    expect(back.imported).toBe(texts.length);
    const imported = await Promise.all(
      back.postIds.map(async (id) => expectOk(await other.invoke('posts:get', { id }))),
    );
    expect(imported.map((p) => p.parts.map((part) => part.text))).toEqual(texts.map((t) => [t]));
  });

  it('exports from the CLI and will not overwrite a file without --force', async () => {
    const dataDir = tempDataDir();
    const { core } = await withPosts(dataDir);
    await core.close();
    const out = path.join(tempDataDir('starling-out-'), 'posts.ics');
    const first = runCli(['--data-dir', dataDir, '--json', 'export', 'ics', '--out', out]);
    expect(first.stderr).toBe('');
    expect(first.json()).toMatchObject({ format: 'ics', posts: 2 });
    const written = fs.readFileSync(out, 'utf8');
    const second = runCli(['--data-dir', dataDir, 'export', 'ics', '--out', out]);
    expect(second.status).toBe(1);
    expect(second.stderr).toContain('already exists');
    expect(fs.readFileSync(out, 'utf8')).toBe(written);
    // Dates are read in this machine's zone: from 2 Dec 00:00 UTC leaves the cancelled January post.
    const range = runCli(
      [
        '--data-dir',
        dataDir,
        '--json',
        'export',
        'csv',
        '--from',
        '2026-12-02',
        '--out',
        `${out}.csv`,
      ],
      { TZ: 'UTC' },
    );
    expect(range.json()).toMatchObject({ posts: 1 });
    const bad = runCli(['--data-dir', dataDir, 'export', 'xlsx', '--out', `${out}.x`]);
    expect(bad.status).toBe(1);
    expect(fs.existsSync(`${out}.x`)).toBe(false);
  });

  it('keeps a subscribable calendar file current while a publishing host runs', async () => {
    const pending = new Map<number, { callback: () => void; ms: number }>();
    let next = 0;
    const timers: Timers = {
      set: (callback, ms) => {
        next += 1;
        pending.set(next, { callback, ms });
        return next;
      },
      clear: (handle) => {
        pending.delete(handle as number);
      },
    };
    /** Fires the timers armed for at most `ms` (the feed's debounce, not the hourly check). */
    const fire = (ms: number) => {
      for (const [id, t] of [...pending]) {
        if (t.ms > ms) continue;
        pending.delete(id);
        t.callback();
      }
    };
    const core = await makeCore({ ports: { timers } });
    const db = core.database.db;
    const clientId = await makeClient(db, { timezone: 'Europe/Berlin' });
    const accountId = await makeAccount(db, clientId, { handle: 'feedme' });
    await core.startBackground();
    const file = calendarFeedFile(core.dataDir);
    expect(fs.readFileSync(file, 'utf8')).not.toContain('BEGIN:VEVENT');

    const post = expectOk(
      await core.invoke('posts:schedule', {
        clientId,
        accountIds: [accountId],
        parts: [{ text: 'On the calendar' }],
        when: { at: '2026-12-24 10:00' },
      }),
    );
    // A link where older versions wrote their partial file is left alone, and so is its target.
    const outside = path.join(core.dataDir, 'not-the-feed.txt');
    fs.writeFileSync(outside, 'keep me');
    fs.symlinkSync(outside, `${file}.partial`);
    fire(60_000);
    await expect.poll(() => fs.readFileSync(file, 'utf8')).toContain(`UID:${post.id}@starling`);
    expect(fs.readFileSync(file, 'utf8')).toContain('DTSTART:20261224T090000Z');
    expect(fs.readFileSync(outside, 'utf8')).toBe('keep me');
    const left = fs.readdirSync(path.dirname(file)).filter((f) => f !== 'starling.ics.partial');
    expect(left).toEqual(['starling.ics']);
  });
});
