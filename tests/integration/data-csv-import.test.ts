// CSV import on a real database: awkward files (BOM, CRLF, quotes, embedded newlines),
// per-row errors with their columns (unknown accounts, impossible and DST-gap times,
// over-long text, missing or escaping media), all-or-nothing versus "the valid rows",
// queue slots for rows without a time, and media copied in next to the CSV.
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { buildCsvImport } from '../../main/core/ipc/data-feature.ts';
import { createQueueSlots } from '../../main/core/services/queue-slots.ts';

import type { PostSummary } from '../../shared/posts.ts';
import { dumpDatabase, makeCore, type TestCore, expectOk } from '../helpers/core.ts';
import { makeAccount, makeClient } from '../helpers/post-factories.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

const bom = '\uFEFF';

async function setup(ports: Parameters<typeof makeCore>[0] = {}) {
  const core = await makeCore(ports);
  const db = core.database.db;
  const berlin = await makeClient(db, { name: 'Berlin Bakery', timezone: 'Europe/Berlin' });
  const nyc = await makeClient(db, { name: 'NYC Nails', timezone: 'America/New_York' });
  const bakery = await makeAccount(db, berlin, { handle: 'bakery' });
  const bakery2 = await makeAccount(db, berlin, { handle: 'bakery_news' });
  const nails = await makeAccount(db, nyc, { handle: 'nails' });
  return { core, berlin, nyc, bakery, bakery2, nails };
}

async function importText(
  core: TestCore,
  csv: string,
  options: { dryRun: boolean; validRowsOnly?: boolean; clientId?: string },
) {
  return core.invoke('data:import-csv', { csv, ...options });
}

async function listAll(core: TestCore): Promise<PostSummary[]> {
  return expectOk(await core.invoke('posts:list', {}));
}

describe('CSV import', () => {
  it('reads a BOM, CRLF line ends, quoted commas and newlines, threads and per-row zones', async () => {
    const { core } = await setup();
    const csv =
      `${bom}Text,Account Handle,Date,Time,Time Zone,Thread Separator\r\n` +
      `"Fresh bread, warm ""croissants""\nand coffee",@bakery,2026-12-01,09:00,,\r\n` +
      `"Part one\n---\nPart two\n---\nPart three",bakery @bakery_news,2026-12-02,7:30,,\r\n` +
      `"A||B",@nails,2026-12-03,18:15,America/Los_Angeles,||\r\n`;
    const before = dumpDatabase(core);
    const dry = expectOk(await importText(core, csv, { dryRun: true }));
    expect(dumpDatabase(core)).toEqual(before);
    expect(dry).toMatchObject({ dryRun: true, total: 3, valid: 3, invalid: 0, imported: 0 });
    expect(dry.rows.map((r) => [r.row, r.handles, r.localTime, r.timezone, r.parts])).toEqual([
      [2, ['bakery'], '2026-12-01T09:00', 'Europe/Berlin', 1],
      [3, ['bakery', 'bakery_news'], '2026-12-02T07:30', 'Europe/Berlin', 3],
      [4, ['nails'], '2026-12-03T18:15', 'America/Los_Angeles', 2],
    ]);

    const done = expectOk(await importText(core, csv, { dryRun: false }));
    expect(done.imported).toBe(3);
    const first = expectOk(await core.invoke('posts:get', { id: done.postIds[0] ?? '' }));
    expect(first.parts.map((p) => p.text)).toEqual(['Fresh bread, warm "croissants"\nand coffee']);
    expect(first.scheduledAt).toBe(Date.UTC(2026, 11, 1, 8, 0));
    const thread = expectOk(await core.invoke('posts:get', { id: done.postIds[1] ?? '' }));
    expect(thread.parts.map((p) => p.text)).toEqual(['Part one', 'Part two', 'Part three']);
    expect(thread.targets.map((t) => t.handle).sort()).toEqual(['bakery', 'bakery_news']);
    const la = expectOk(await core.invoke('posts:get', { id: done.postIds[2] ?? '' }));
    expect(la.scheduledAt).toBe(Date.UTC(2026, 11, 4, 2, 15));
    expect(la.parts.map((p) => p.text)).toEqual(['A', 'B']);
    // Each target has its publish job, as posts:schedule writes it.
    const jobs = core.database.sqlite
      .prepare("SELECT count(*) AS n FROM publish_jobs WHERE status = 'pending'")
      .get() as { n: number };
    expect(jobs.n).toBe(4);
  });

  it('reports every bad row with its row and column, and an all-or-nothing import writes nothing', async () => {
    const { core } = await setup();
    const csvDir = tempDataDir('starling-csv-');
    const csv =
      'text,account,date,time,media\n' +
      'Good row,@bakery,2026-12-01,09:00,\n' +
      'Who?,@nobody,2026-12-01,09:00,\n' +
      'Bad date,@bakery,2026-02-30,09:00,\n' +
      'Spring gap,@bakery,2027-03-28,02:30,\n' +
      `${'x'.repeat(281)},@bakery,2026-12-01,10:00,\n` +
      'Missing media,@bakery,2026-12-01,11:00,photos/none.png\n' +
      'Escaping media,@bakery,2026-12-01,12:00,../../etc/passwd\n' +
      'Too late,@bakery,2025-01-01,09:00,\n' +
      'Only a date,@bakery,2026-12-01,,\n' +
      'Short row,@bakery\n';
    fs.writeFileSync(path.join(csvDir, 'posts.csv'), csv);
    const csvImport = buildCsvImport({
      ...core,
      ports: { clock: core.clock },
    });
    const before = dumpDatabase(core);
    const report = await csvImport.run({ csv, baseDir: csvDir, dryRun: true });
    const issues = report.rows.flatMap((r) =>
      r.issues.map((i) => ({ row: r.row, column: i.column, message: i.message })),
    );
    expect(report).toMatchObject({ total: 10, valid: 1, invalid: 9 });
    expect(issues).toEqual([
      { row: 3, column: 'account', message: expect.stringContaining('@nobody: no such account') },
      { row: 4, column: 'time', message: '2026-02-30 09:00 is not a real date and time.' },
      {
        row: 5,
        column: 'time',
        message: expect.stringMatching(
          /2027-03-28 02:30 does not exist in Europe\/Berlin.*2027-03-28T03:30\+02:00.*2027-03-28T01:30\+01:00/,
        ),
      },
      {
        row: 6,
        column: 'text',
        message: expect.stringContaining("The text for @bakery is 1 character over X's 280"),
      },
      { row: 7, column: 'media', message: 'photos/none.png: no such file next to the CSV.' },
      {
        row: 8,
        column: 'media',
        message: expect.stringContaining("../../etc/passwd is outside the CSV's folder"),
      },
      { row: 9, column: 'time', message: expect.stringContaining('has already passed') },
      { row: 10, column: 'time', message: expect.stringContaining('A date without a time') },
      {
        row: 11,
        column: null,
        message: expect.stringContaining('2 fields where the header has 5'),
      },
    ]);

    await expect(csvImport.run({ csv, baseDir: csvDir, dryRun: false })).rejects.toMatchObject({
      error: {
        code: 'VALIDATION',
        message:
          '9 of 10 rows have errors, so nothing was imported. Fix them, or import only the valid rows.',
      },
    });
    expect(dumpDatabase(core)).toEqual(before);

    const partial = await csvImport.run({
      csv,
      baseDir: csvDir,
      dryRun: false,
      validRowsOnly: true,
    });
    expect(partial).toMatchObject({ mode: 'valid-rows', imported: 1, invalid: 9 });
    expect((await listAll(core)).map((p) => p.firstLine)).toEqual(['Good row']);
  });

  it('refuses more media in a post than any network takes, as posts:schedule does', async () => {
    const { core } = await setup();
    const media = Array.from({ length: 21 }, (_, i) => `photos/${String(i)}.png`).join('|');
    const csv = `text,account,date,time,media\nMany,@bakery,2026-12-01,09:00,${media}\n`;
    const report = await buildCsvImport({ ...core, ports: { clock: core.clock } }).run({
      csv,
      baseDir: tempDataDir('starling-csv-'),
      dryRun: true,
    });
    expect(report).toMatchObject({ total: 1, valid: 0 });
    expect(report.rows[0]?.issues).toContainEqual({
      column: 'media',
      message: 'A post takes at most 20 media files; this one has 21.',
    });
  });

  it('refuses a header it cannot read, naming the accepted columns, and changes nothing', async () => {
    const { core } = await setup();
    const before = dumpDatabase(core);
    const result = await importText(core, 'text,acount,date,time\nHi,@bakery,2026-12-01,09:00\n', {
      dryRun: true,
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: expect.stringMatching(
          /Unknown column "acount".*No account column.*Accepted columns: text, account, date, time/,
        ),
      },
    });
    const broken = await importText(core, 'text,account\n"never closed,@bakery\n', {
      dryRun: true,
    });
    expect(broken).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('not valid CSV') },
    });
    expect(dumpDatabase(core)).toEqual(before);
  });

  it('keeps to the chosen client and refuses a post across two clients', async () => {
    const { core, nyc } = await setup();
    const csv =
      'text,account,when\nMine,@nails,2026-12-01T09:00-05:00\nTheirs,@bakery,2026-12-01 09:00\nBoth,@nails @bakery,2026-12-01 09:00\n';
    const report = expectOk(await importText(core, csv, { dryRun: true, clientId: nyc }));
    expect(report.rows.map((r) => r.issues.map((i) => i.message))).toEqual([
      [],
      ['@bakery is an account of another client, not of the chosen one.'],
      ['@bakery is an account of another client, not of the chosen one.'],
    ]);
    const open = expectOk(await importText(core, csv, { dryRun: true }));
    expect(open.rows[2]?.issues.map((i) => i.message)).toEqual([
      'These accounts belong to different clients: one post is for one client.',
    ]);
    // One handle in two clients' lists: the row must say which (or the client is chosen).
    await makeAccount(core.database.db, nyc, { handle: 'Bakery' });
    const twin = 'text,account,when\nWhose?,@bakery,2027-10-31 02:30\n';
    const ambiguous = expectOk(await importText(core, twin, { dryRun: true }));
    expect(ambiguous.rows[0]?.issues).toEqual([
      {
        column: 'account',
        message:
          '@bakery is connected for several clients: choose the client to import for (--client) or use the account id.',
      },
    ]);
    const chosen = expectOk(await importText(core, twin, { dryRun: true, clientId: nyc }));
    // 02:30 on 31 Oct 2027 is repeated in Berlin but fine in New York (it changes a week later).
    expect(chosen.rows[0]).toMatchObject({ ok: true, localTime: '2027-10-31T02:30' });
  });

  it("puts rows without a time into the account's free queue slots, one slot per row", async () => {
    const { core, bakery } = await setup();
    // 24 Nov 2026 is a Tuesday; slots Wednesday and Thursday 09:00 Berlin.
    await createQueueSlots(core.database.db, {
      clock: core.clock,
      newId: () => crypto.randomUUID(),
    }).replace(bakery, [
      { weekday: 2, minuteOfDay: 540 },
      { weekday: 3, minuteOfDay: 540 },
    ]);
    const csv = 'text,account,date,time\nFirst,@bakery,,\nSecond,@bakery,,\nThird,@bakery,,\n';
    const report = expectOk(await importText(core, csv, { dryRun: false, validRowsOnly: true }));
    expect(report.rows.map((r) => [r.queued ?? false, r.localTime ?? null])).toEqual([
      [true, '2026-11-25T09:00'],
      [true, '2026-11-26T09:00'],
      [true, '2026-12-02T09:00'],
    ]);
    const nails = expectOk(
      await importText(core, 'text,account\nNo slots,@nails\n', { dryRun: true }),
    );
    expect(nails.rows[0]?.issues[0]?.message).toContain('@nails has no free queue slot');
  });

  it('copies media next to the CSV into the client library with alt text, and refuses links out of the folder', async () => {
    const { core } = await setup();
    const csvDir = tempDataDir('starling-csv-');
    fs.mkdirSync(path.join(csvDir, 'img'));
    const png = await sharp({
      create: { width: 64, height: 48, channels: 3, background: '#c08040' },
    })
      .png()
      .toBuffer();
    fs.writeFileSync(path.join(csvDir, 'img', 'bread.png'), png);
    // Over X's 5 MB image limit (sparse, so the test writes almost nothing).
    fs.writeFileSync(path.join(csvDir, 'img', 'huge.png'), '');
    fs.truncateSync(path.join(csvDir, 'img', 'huge.png'), 6 * 1024 * 1024);
    const outside = tempDataDir('starling-outside-');
    fs.writeFileSync(path.join(outside, 'secret.png'), png);
    fs.symlinkSync(path.join(outside, 'secret.png'), path.join(csvDir, 'img', 'link.png'));
    const csv =
      'text,account,date,time,media,alt text\n' +
      'With a photo,@bakery,2026-12-01,09:00,img/bread.png,A loaf on a board\n' +
      'Via a link,@bakery,2026-12-01,10:00,img/link.png,\n' +
      `Absolute,@bakery,2026-12-01,11:00,${path.join(outside, 'secret.png')},\n` +
      'Huge,@bakery,2026-12-01,12:00,img/huge.png,\n';
    const csvImport = buildCsvImport({
      ...core,
      ports: { clock: core.clock },
    });
    const report = await csvImport.run({
      csv,
      baseDir: csvDir,
      dryRun: false,
      validRowsOnly: true,
    });
    expect(report.rows.map((r) => r.issues.map((i) => i.message))).toEqual([
      [],
      ["img/link.png links to a file outside the CSV's folder: copy the file into it."],
      [expect.stringContaining("is outside the CSV's folder")],
      [
        'The post for @bakery: img/huge.png is 6.0 MB; X allows 5.0 MB for an image: use "Fit for X" to downscale it.',
      ],
    ]);
    const post = expectOk(await core.invoke('posts:get', { id: report.postIds[0] ?? '' }));
    expect(post.parts[0]?.media).toEqual([
      { mediaId: expect.any(String), altText: 'A loaf on a board', kind: 'image' },
    ]);
    const assets = core.database.sqlite.prepare('SELECT count(*) AS n FROM media_assets').get() as {
      n: number;
    };
    expect(assets.n).toBe(1);

    // The browser's wizard sends only the text: media paths are refused there, with the way out.
    const viaUi = expectOk(await importText(core, csv, { dryRun: true }));
    expect(viaUi.rows[0]?.issues[0]?.message).toContain('starling import csv FILE');
  });
  it('imports a CSV the desktop dialog picked, with the media in its folder, by grant only', async () => {
    const csvDir = tempDataDir('starling-csv-');
    const png = await sharp({
      create: { width: 40, height: 30, channels: 3, background: '#408040' },
    })
      .png()
      .toBuffer();
    fs.writeFileSync(path.join(csvDir, 'leaf.png'), png);
    const file = path.join(csvDir, 'plan.csv');
    fs.writeFileSync(
      file,
      'text,account,date,time,media,alt text\r\nPicked,@bakery,2026-12-01,09:00,leaf.png,A green leaf\r\n',
    );
    let picks = 0;
    const { core } = await setup({
      ports: {
        pickCsvFile: () => {
          picks += 1;
          return Promise.resolve(picks === 1 ? file : null);
        },
      },
    });
    const { picked } = expectOk(await core.invoke('data:pick-csv', {}));
    expect(picked).toMatchObject({ fileName: 'plan.csv' });
    const grant = picked?.grant ?? '';
    const dry = expectOk(await core.invoke('data:import-csv', { grant, dryRun: true }));
    expect(dry).toMatchObject({ valid: 1, invalid: 0, imported: 0 });
    const done = expectOk(await core.invoke('data:import-csv', { grant, dryRun: false }));
    const post = expectOk(await core.invoke('posts:get', { id: done.postIds[0] ?? '' }));
    expect(post.parts[0]?.media).toEqual([
      { mediaId: expect.any(String), altText: 'A green leaf', kind: 'image' },
    ]);
    // Cancelling the dialog picks nothing; a grant this process never gave is refused.
    expect(expectOk(await core.invoke('data:pick-csv', {}))).toEqual({ picked: null });
    const before = dumpDatabase(core);
    expect(await core.invoke('data:import-csv', { grant: 'made-up', dryRun: false })).toMatchObject(
      { ok: false, error: { code: 'NOT_FOUND' } },
    );
    expect(dumpDatabase(core)).toEqual(before);
  });

  it('has no dialog to offer outside the desktop app', async () => {
    const { core } = await setup();
    expect(await core.invoke('data:pick-csv', {})).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('no file dialog') },
    });
  });

  it('files rows under a campaign named by name or id, and names an unknown one', async () => {
    const { core, berlin } = await setup();
    core.database.sqlite
      .prepare(
        `INSERT INTO campaigns (id, client_id, name, color, created_at, updated_at)
         VALUES ('camp-1', ?, 'Christmas Market', '#aa0000', 0, 0)`,
      )
      .run(berlin);
    const csv =
      'text,account,date,time,campaign\n' +
      'By name,@bakery,2026-12-01,09:00,christmas market\n' +
      'By id,@bakery,2026-12-01,10:00,camp-1\n' +
      'Unknown,@bakery,2026-12-01,11:00,Easter\n';
    const report = expectOk(await importText(core, csv, { dryRun: false, validRowsOnly: true }));
    expect(report.rows[2]?.issues).toEqual([
      { column: 'campaign', message: 'Berlin Bakery has no campaign "Easter".' },
    ]);
    const posts = await listAll(core);
    expect(posts.map((p) => [p.firstLine, p.campaignId])).toEqual([
      ['By name', 'camp-1'],
      ['By id', 'camp-1'],
    ]);
  });
});
