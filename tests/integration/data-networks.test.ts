// CSV import, exports and client archives with accounts on X, Bluesky and Mastodon in one
// client: accounts named `network:handle` (a bare handle two networks share is refused
// with the choices), each row checked by its accounts' own network and server rules, an
// export that imports back to the same accounts, and archives that keep each account's
// network, server and settings (and refuse ones that are not ours).
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { exportClientArchive } from '../../main/core/data/client-archive-export.ts';
import { importClientArchive } from '../../main/core/data/client-archive-import.ts';
import { buildCsvImport } from '../../main/core/ipc/data-feature.ts';

import type { ImportReport } from '../../shared/data.ts';

import { dumpDatabase, makeCore, type TestCore, expectOk } from '../helpers/core.ts';
import { makeNetworkAccount } from '../helpers/network-account-rows.ts';
import { makeClient } from '../helpers/post-factories.ts';
import { asCopies } from '../helpers/csv-copies.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

/** One client with @bakery on all three networks; Mastodon's instance allows 1000. */
async function bakeryEverywhere(core: TestCore) {
  const db = core.database.db;
  const clientId = await makeClient(db, { name: 'Bakery', timezone: 'Europe/Berlin' });
  const x = await makeNetworkAccount(db, clientId, { platform: 'x', handle: 'bakery' });
  const bluesky = await makeNetworkAccount(db, clientId, {
    platform: 'bluesky',
    handle: 'bakery.bsky.social',
  });
  const mastodon = await makeNetworkAccount(db, clientId, {
    platform: 'mastodon',
    handle: 'bakery@mastodon.social',
    settings: { maxCharacters: 1000, defaultVisibility: 'unlisted' },
  });
  return { clientId, x, bluesky, mastodon };
}

const issuesOf = (report: ImportReport) =>
  report.rows.map((r) => r.issues.map((i) => `${i.column ?? ''}: ${i.message}`));

const importCsv = async (core: TestCore, csv: string, dryRun = true) =>
  expectOk(await core.invoke('data:import-csv', { csv, dryRun }));

describe('CSV import across networks', () => {
  it('resolves network:handle, refuses a handle several networks share, and reads a network column', async () => {
    const core = await makeCore();
    const { x, bluesky, mastodon } = await bakeryEverywhere(core);
    const csv =
      'text,account,network,when\n' +
      'Everywhere,x:@bakery bluesky:bakery.bsky.social mastodon:bakery@mastodon.social,,2026-12-01 09:00\n' +
      'Short forms,Bluesky:@bakery mastodon:bakery,,2026-12-01 10:00\n' +
      'Which one?,@bakery,,2026-12-01 11:00\n' +
      'By column,@bakery,bluesky,2026-12-01 12:00\n' +
      'Mixed up,x:@bakery,Mastodon,2026-12-01 13:00\n' +
      'Not ours,tumblr:bakery,,2026-12-01 14:00\n' +
      'Wrong column,bakery,myspace,2026-12-01 15:00\n' +
      'Nobody there,bluesky:bread.bsky.social,,2026-12-01 16:00\n';
    const before = dumpDatabase(core);
    const report = await importCsv(core, csv);
    expect(dumpDatabase(core)).toEqual(before);
    expect(issuesOf(report)).toEqual([
      [],
      [],
      [
        'account: @bakery could be bluesky:bakery.bsky.social, mastodon:bakery@mastodon.social or x:@bakery: write the one you mean (network:handle) or its account id.',
      ],
      [],
      ['account: x:@bakery names X, but the network column says Mastodon.'],
      [
        'account: tumblr:bakery: "tumblr" is not a network Starling posts to (use x, bluesky, mastodon, linkedin, facebook, instagram, threads).',
      ],
      [
        'network: Unknown network "myspace": use x, bluesky, mastodon, linkedin, facebook, instagram, threads.',
        // An unreadable network column narrows nothing down.
        expect.stringContaining('account: @bakery could be'),
      ],
      [
        'account: bluesky:bread.bsky.social: no such account on Bluesky. Connect it first, or check the spelling.',
      ],
    ]);

    const good =
      'text,account,network,when\n' +
      'Everywhere,x:@bakery bluesky:bakery.bsky.social mastodon:bakery@mastodon.social,,2026-12-01 09:00\n' +
      'Short forms,Bluesky:@bakery mastodon:bakery,,2026-12-01 10:00\n' +
      'By column,@bakery,bluesky,2026-12-01 12:00\n';
    const done = await importCsv(core, good, false);
    expect(done.imported).toBe(3);
    const targets = await Promise.all(
      done.postIds.map(async (id) =>
        expectOk(await core.invoke('posts:get', { id })).targets.map((t) => t.accountId),
      ),
    );
    expect(targets.map((t) => [...t].sort())).toEqual([
      [x, bluesky, mastodon].sort(),
      [bluesky, mastodon].sort(),
      [bluesky],
    ]);
  });

  it("checks each row by its accounts' networks: Bluesky's 300 graphemes, the instance's own limit, no GIF on Bluesky", async () => {
    const core = await makeCore();
    const db = core.database.db;
    const { clientId } = await bakeryEverywhere(core);
    await makeNetworkAccount(db, clientId, {
      platform: 'mastodon',
      handle: 'bakery@small.example',
      settings: { maxCharacters: 500 },
    });
    const csvDir = tempDataDir('starling-csv-');
    const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#e0a040' } })
      .gif()
      .toBuffer();
    fs.writeFileSync(path.join(csvDir, 'crumbs.gif'), gif);
    // 301 graphemes, 378 UTF-16 units: a family emoji is one grapheme of eight units.
    const graphemes301 = `${'a'.repeat(290)}${'👨‍👩‍👧'.repeat(11)}`;
    const long600 = 'b'.repeat(600);
    const csv =
      'text,account,when,media,alt\n' +
      `${graphemes301},bluesky:bakery.bsky.social,2026-12-01 09:00,,\n` +
      `${graphemes301},mastodon:bakery@mastodon.social,2026-12-01 09:00,,\n` +
      `${long600},mastodon:bakery@mastodon.social mastodon:bakery@small.example,2026-12-01 10:00,,\n` +
      'Crumbs,bluesky:bakery.bsky.social mastodon:bakery@mastodon.social,2026-12-01 11:00,crumbs.gif,Golden crumbs\n' +
      'Crumbs,mastodon:bakery@mastodon.social,2026-12-01 12:00,crumbs.gif,Golden crumbs\n';
    const csvImport = buildCsvImport({
      ...core,
      ports: { clock: core.clock },
    });
    const report = await csvImport.run({ csv, baseDir: csvDir, dryRun: true });
    expect(issuesOf(report)).toEqual([
      [
        `text: The text for @bakery.bsky.social is 1 character over Bluesky's 300: shorten it or use "Split into thread". In a CSV, a line holding only --- starts the next part of a thread.`,
      ],
      [],
      [
        // The same text is fine on the instance that allows 1000, not on the one allowing 500.
        expect.stringMatching(
          /^text: The text for @bakery@small\.example is 100 characters over Mastodon's 500/,
        ),
      ],
      [
        'media: The post for @bakery.bsky.social: Bluesky does not take GIFs (crumbs.gif); convert it to an MP4 video or leave this account out.',
      ],
      [],
    ]);

    const done = await csvImport.run({ csv, baseDir: csvDir, dryRun: false, validRowsOnly: true });
    expect(done.imported).toBe(2);
    const crumbs = expectOk(await core.invoke('posts:get', { id: done.postIds[1] ?? '' }));
    expect(crumbs.parts[0]?.media).toEqual([
      { mediaId: expect.any(String), altText: 'Golden crumbs', kind: 'gif' },
    ]);
  });
});

describe('exports and archives across networks', () => {
  it('exports each account as network:handle, and the CSV imports back to the same accounts', async () => {
    const core = await makeCore();
    const { clientId, x, bluesky, mastodon } = await bakeryEverywhere(core);
    const schedule = async (accountIds: string[], at: string, text: string) =>
      expectOk(
        await core.invoke('posts:schedule', {
          clientId,
          accountIds,
          parts: [{ text }],
          when: { at },
        }),
      );
    await schedule([x, bluesky], '2026-12-01 09:00', 'X and Bluesky');
    await schedule([mastodon], '2026-12-02 09:00', 'Only Mastodon');
    await schedule([x, bluesky, mastodon], '2026-12-03 09:00', 'All three');

    const csv = expectOk(await core.invoke('data:export', { format: 'csv' }));
    const rows = parse<Record<string, string>>(csv.content, { columns: true });
    expect(rows.map((r) => r.account)).toEqual([
      'x:@bakery bluesky:bakery.bsky.social',
      'mastodon:bakery@mastodon.social',
      'x:@bakery bluesky:bakery.bsky.social mastodon:bakery@mastodon.social',
    ]);
    const back = await importCsv(core, asCopies(csv.content), false);
    expect(back.imported).toBe(3);
    const accountsOf = async (id: string) =>
      expectOk(await core.invoke('posts:get', { id }))
        .targets.map((t) => t.accountId)
        .sort();
    expect(await Promise.all(back.postIds.map(accountsOf))).toEqual([
      [x, bluesky].sort(),
      [mastodon],
      [x, bluesky, mastodon].sort(),
    ]);

    const json = expectOk(await core.invoke('data:export', { format: 'json' }));
    const doc = JSON.parse(json.content) as {
      posts: { accounts: unknown[]; parts: { text: string }[] }[];
    };
    expect(doc.posts.find((p) => p.parts[0]?.text === 'Only Mastodon')?.accounts).toEqual([
      { id: mastodon, network: 'mastodon', handle: 'bakery@mastodon.social' },
    ]);
    const ics = expectOk(await core.invoke('data:export', { format: 'ics' }));
    const unfolded = ics.content.replace(/\r\n /g, '');
    expect(unfolded).toContain(
      'SUMMARY:@bakery (X)\\, @bakery.bsky.social (Bluesky): X and Bluesky',
    );
    expect(unfolded).toContain(
      'Accounts: x:@bakery bluesky:bakery.bsky.social mastodon:bakery@mastodon.social',
    );
  });

  it('imports and exports LinkedIn members (names with spaces) and pages, by LinkedIn’s rules', async () => {
    const core = await makeCore();
    const db = core.database.db;
    const clientId = await makeClient(db, { name: 'Bright Bakes', timezone: 'Europe/Berlin' });
    const member = await makeNetworkAccount(db, clientId, {
      platform: 'linkedin',
      handle: 'Ada Baker',
    });
    const page = await makeNetworkAccount(db, clientId, {
      platform: 'linkedin',
      handle: 'bright-bakes',
    });
    const csv =
      'text,account,when\n' +
      'Both,linkedin:Ada-Baker linkedin:bright-bakes,2026-12-01 09:00\n' +
      `${'c'.repeat(3001)},linkedin:bright-bakes,2026-12-01 10:00\n` +
      `${'d'.repeat(3000)},LinkedIn:ada-baker,2026-12-01 11:00\n`;
    const report = await importCsv(core, csv);
    expect(issuesOf(report)).toEqual([
      [],
      [
        expect.stringMatching(
          /^text: The text for bright-bakes is 1 character over LinkedIn's 3000/,
        ),
      ],
      [],
    ]);
    const done = expectOk(
      await core.invoke('data:import-csv', { csv, dryRun: false, validRowsOnly: true }),
    );
    expect(done.imported).toBe(2);

    const exported = expectOk(await core.invoke('data:export', { format: 'csv' }));
    const rows = parse<Record<string, string>>(exported.content, { columns: true });
    expect(rows.map((r) => r.account)).toEqual([
      'linkedin:Ada-Baker linkedin:bright-bakes',
      'linkedin:Ada-Baker',
    ]);
    const back = await importCsv(core, asCopies(exported.content), false);
    const accountsOf = async (id: string) =>
      expectOk(await core.invoke('posts:get', { id }))
        .targets.map((t) => t.accountId)
        .sort();
    expect(await Promise.all(back.postIds.map(accountsOf))).toEqual([
      [member, page].sort(),
      [member],
    ]);
  });

  it("keeps each account's network, server and settings through a client archive, never its tokens", async () => {
    const source = await makeCore();
    const { clientId, mastodon } = await bakeryEverywhere(source);
    source.database.sqlite
      .prepare(
        "INSERT INTO account_credentials (account_id, kind, ciphertext, updated_at) VALUES (?, 'oauth2', x'00ff', 0)",
      )
      .run(mastodon);
    const out = path.join(tempDataDir('starling-arch-'), 'bakery.zip');
    await exportClientArchive({
      sqlite: source.database.sqlite,
      dataDir: source.dataDir,
      clientId,
      out,
      now: source.clock.now(),
    });
    const target = await makeCore();
    const imported = await importClientArchive({
      sqlite: target.database.sqlite,
      dataDir: target.dataDir,
      file: out,
      newId: () => crypto.randomUUID(),
    });
    expect(imported.accounts).toBe(3);
    const rows =
      'SELECT platform, handle, service_url, settings, status FROM social_accounts ORDER BY platform';
    expect(target.database.sqlite.prepare(rows).all()).toEqual(
      (source.database.sqlite.prepare(rows).all() as { status: string }[]).map((r) => ({
        ...r,
        status: 'needs_reauth',
      })),
    );
    expect(target.database.sqlite.prepare(rows).all()).toContainEqual(
      expect.objectContaining({
        platform: 'mastodon',
        service_url: 'https://mastodon.social',
        settings: JSON.stringify({ maxCharacters: 1000, defaultVisibility: 'unlisted' }),
      }),
    );
    expect(
      target.database.sqlite.prepare('SELECT count(*) AS n FROM account_credentials').get(),
    ).toEqual({ n: 0 });
    // The accounts list says where each lives and that it needs reconnecting.
    const listed = expectOk(await target.invoke('accounts:list', { clientId: imported.clientId }));
    expect(listed.map((a) => [a.platform, a.serviceUrl, a.textLimit, a.status]).sort()).toEqual([
      ['bluesky', 'https://bsky.social', null, 'needs_reauth'],
      ['mastodon', 'https://mastodon.social', 1000, 'needs_reauth'],
      ['x', null, null, 'needs_reauth'],
    ]);
  });

  it('refuses an archive whose account is on an unknown network, at a server that is not an https origin, or with settings that are not an object', async () => {
    const target = await makeCore();
    const before = dumpDatabase(target);
    const account = {
      id: 'a1',
      client_id: 'c1',
      platform: 'mastodon',
      platform_user_id: '1@mastodon.social',
      handle: 'bakery@mastodon.social',
      service_url: 'https://mastodon.social',
      settings: '{"maxCharacters":1000}',
      status: 'active',
      created_at: 0,
      updated_at: 0,
    };
    const archiveWith = async (changes: Record<string, unknown>) => {
      const manifest = {
        format: 'starling-client-archive',
        version: 1,
        migrations: [],
        exportedAt: 0,
        tables: {
          clients: [
            {
              id: 'c1',
              name: 'Bakery',
              color: '#0f766e',
              timezone: 'Europe/Berlin',
              notes: '',
              created_at: 0,
              updated_at: 0,
            },
          ],
          social_accounts: [{ ...account, ...changes }],
        },
      };
      const zip = new yazl.ZipFile();
      zip.addBuffer(Buffer.from(JSON.stringify(manifest)), 'starling-client.json');
      zip.end();
      const chunks: Buffer[] = [];
      for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
      const file = path.join(tempDataDir('starling-zip-'), 'archive.zip');
      fs.writeFileSync(file, Buffer.concat(chunks));
      return importClientArchive({
        sqlite: target.database.sqlite,
        dataDir: target.dataDir,
        file,
        newId: () => crypto.randomUUID(),
      });
    };
    const refusals: [Record<string, unknown>, string][] = [
      [{ platform: 'myspace' }, '"myspace", a network this Starling does not post to'],
      [{ service_url: 'http://mastodon.social' }, 'is not an https:// origin'],
      [{ service_url: 'https://mastodon.social/@evil' }, 'is not an https:// origin'],
      [{ service_url: 'https://user:pw@mastodon.social' }, 'is not an https:// origin'],
      [{ service_url: null }, 'an account on Mastodon needs its server address'],
      [
        { platform: 'x', service_url: 'https://x.example' },
        'an account on X has no server address',
      ],
      [{ settings: '[1,2]' }, 'its settings are not a JSON object'],
      [{ settings: 'not json' }, 'its settings are not a JSON object'],
      [{ settings: { maxCharacters: 1000 } }, 'its settings are not a JSON object'],
    ];
    for (const [changes, message] of refusals) {
      await expect(archiveWith(changes), JSON.stringify(changes)).rejects.toMatchObject({
        error: { code: 'VALIDATION', message: expect.stringContaining(message) },
      });
    }
    expect(dumpDatabase(target)).toEqual(before);
    // The same row as it should be, and one from a loopback test instance, are accepted.
    await expect(archiveWith({ service_url: 'http://127.0.0.1:4000' })).resolves.toMatchObject({
      accounts: 1,
    });
  });
});
