// Client archives: a client with accounts, posts, a thread with media and queue slots is
// exported from one data folder and imported into another (new ids, accounts to
// reconnect, media bytes intact); hostile archives are refused whole and write nothing:
// zip-slip paths, unexpected entries, oversized entries, media whose bytes do not match,
// archives from a newer Starling, an account already connected here.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { archiveLimits, type ArchiveManifest } from '../../main/core/data/client-archive-format.ts';
import { dumpDatabase, makeCore, expectOk } from '../helpers/core.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';
import { replyFor } from '../helpers/approval.ts';
import { makeAccount, makeClient } from '../helpers/post-factories.ts';
import { remoteUrlColumns, remoteUrlOf } from '../../main/core/db/remote-urls.ts';
import {
  clientWithEverything,
  entriesOf,
  exportTo,
  importInto,
  zipOf,
} from './client-archive-fixture.ts';

describe('client archives', () => {
  it('moves a client whole to another data folder: rows with new ids, media bytes, accounts to reconnect', async () => {
    const source = await makeCore();
    const { clientId, post, png } = await clientWithEverything(source);
    // The source library has a thumbnail; archives carry only the media bytes.
    source.database.sqlite
      .prepare("UPDATE media_assets SET thumbnail_path = sha256 || '.thumb.webp'")
      .run();
    const out = path.join(tempDataDir('starling-arch-'), 'atelier.zip');
    const exported = await exportTo(source, clientId, out);
    expect(exported).toMatchObject({ name: 'Archived Atelier', posts: 1, accounts: 1, media: 1 });

    const target = await makeCore();
    const imported = await importInto(target, out);
    expect(imported.clientId).not.toBe(clientId);
    const posts = expectOk(await target.invoke('posts:list', { clientId: imported.clientId }));
    expect(posts).toHaveLength(1);
    // Searched within the new client: the search index's client word is the new one.
    const found = expectOk(
      await target.invoke('posts:search', { query: 'spring', clientId: imported.clientId }),
    );
    expect(found.hits.map((h) => h.postId)).toEqual([posts[0]?.id]);
    const detail = expectOk(await target.invoke('posts:get', { id: posts[0]?.id ?? '' }));
    const original = expectOk(await source.invoke('posts:get', { id: post.id }));
    expect(detail.id).not.toBe(original.id);
    expect(detail.scheduledAt).toBe(original.scheduledAt);
    expect(detail.localTime).toBe(original.localTime);
    expect(detail.parts.map((p) => [p.text, p.media.map((m) => m.altText)])).toEqual([
      ['Spring collection', ['Blue fabric']],
      ['Part two', []],
    ]);
    const sha = createHash('sha256').update(png).digest('hex');
    expect(fs.readFileSync(path.join(target.dataDir, 'media', sha)).equals(png)).toBe(true);
    // No thumbnail came along, so none is claimed: the library shows its placeholder.
    expect(target.database.sqlite.prepare('SELECT thumbnail_path FROM media_assets').all()).toEqual(
      [{ thumbnail_path: null }],
    );
    const accounts = target.database.sqlite
      .prepare('SELECT handle, status FROM social_accounts')
      .all();
    expect(accounts).toEqual([{ handle: 'atelier', status: 'needs_reauth' }]);
    const jobs = target.database.sqlite
      .prepare("SELECT count(*) AS n FROM publish_jobs WHERE status = 'pending'")
      .get();
    expect(jobs).toEqual({ n: 1 });
    expect(target.database.sqlite.prepare('SELECT count(*) AS n FROM posting_slots').get()).toEqual(
      { n: 1 },
    );
    expect(
      target.database.sqlite.prepare('SELECT count(*) AS n FROM account_credentials').get(),
    ).toEqual({ n: 0 });

    // The same archive again on that machine: the account is already there, so nothing is written.
    const before = dumpDatabase(target);
    await expect(importInto(target, out)).rejects.toMatchObject({
      error: {
        code: 'CONFLICT',
        message: expect.stringContaining('@atelier (X) is already connected'),
      },
    });
    expect(dumpDatabase(target)).toEqual(before);
  });

  it("writes beside another export's unfinished file without touching it", async () => {
    const source = await makeCore();
    const { clientId } = await clientWithEverything(source);
    const folder = tempDataDir('starling-arch-');
    const out = path.join(folder, 'atelier.zip');
    // What an export that crashed (or is still running) left where this one writes.
    fs.writeFileSync(`${out}.partial`, 'not this export’s');
    expect(await exportTo(source, clientId, out)).toMatchObject({ posts: 1 });
    expect(fs.readFileSync(`${out}.partial`, 'utf8')).toBe('not this export’s');
    expect(fs.readdirSync(folder).sort()).toEqual(['atelier.zip', 'atelier.zip.partial']);
  });

  it("leaves a target's integer key to the data folder it lands in (0035)", async () => {
    const source = await makeCore();
    const { clientId } = await clientWithEverything(source);
    const out = path.join(tempDataDir('starling-arch-'), 'atelier.zip');
    await exportTo(source, clientId, out);
    const manifest = (await entriesOf(out)).find((e) => e.name === 'starling-client.json');
    const rows = (JSON.parse(manifest?.bytes.toString('utf8') ?? '{}') as ArchiveManifest).tables
      .post_targets;
    expect(rows?.map((r) => Object.keys(r).includes('seq'))).toEqual([false]);

    // Where a target already holds seq 1, the imported one gets the next.
    const target = await makeCore();
    const own = await makeClient(target.database.db, { name: 'Own', timezone: 'UTC' });
    const ownAccount = await makeAccount(target.database.db, own, {
      handle: 'own',
      platformUserId: '7',
    });
    expectOk(
      await target.invoke('posts:schedule', {
        clientId: own,
        accountIds: [ownAccount],
        parts: [{ text: 'Ours' }],
        when: { at: '2026-12-05 11:00' },
      }),
    );
    // An archive that names one anyway (hand-made, or from a later Starling) is not obeyed.
    const withSeq = JSON.parse(manifest?.bytes.toString('utf8') ?? '{}') as ArchiveManifest;
    for (const row of withSeq.tables.post_targets ?? []) row.seq = 1;
    const forged = await zipOf([
      { name: 'starling-client.json', bytes: Buffer.from(JSON.stringify(withSeq)) },
      ...(await entriesOf(out)).filter((e) => e.name !== 'starling-client.json'),
    ]);
    await importInto(target, forged);
    expect(
      target.database.sqlite
        .prepare(
          'SELECT t.seq, a.handle FROM post_targets t JOIN social_accounts a ON a.seq = t.account_seq ORDER BY t.seq',
        )
        .all(),
    ).toEqual([
      { seq: 1, handle: 'own' },
      { seq: 2, handle: 'atelier' },
    ]);
  });

  it("carries a target's link whole, whichever way either folder keeps it (0043)", async () => {
    const source = await makeCore();
    const { clientId } = await clientWithEverything(source);
    const link = 'https://x.com/atelier/status/1866';
    await source.database.db
      .updateTable('post_targets')
      .set({
        status: 'published',
        remote_id: '1866',
        ...(await remoteUrlColumns(source.database.db, link, '1866')),
      })
      .execute();
    const out = path.join(tempDataDir('starling-arch-'), 'atelier.zip');
    await exportTo(source, clientId, out);
    const manifest = (await entriesOf(out)).find((e) => e.name === 'starling-client.json');
    const rows = (JSON.parse(manifest?.bytes.toString('utf8') ?? '{}') as ArchiveManifest).tables
      .post_targets;
    // Format 1's one column, never this folder's prefix numbers.
    expect(
      rows?.map((r) => [r.remote_url, 'remote_url_prefix' in r, 'remote_url_full' in r]),
    ).toEqual([[link, false, false]]);
    const target = await makeCore();
    await importInto(target, out);
    expect(
      await target.database.db
        .selectFrom('post_targets as t')
        .select(['t.remote_id', remoteUrlOf('t').as('remote_url')])
        .execute(),
    ).toEqual([{ remote_id: '1866', remote_url: link }]);
  });

  it('carries approvals and review packets: still approved there, and old replies still match', async () => {
    const source = await makeCore();
    const { clientId, accountId, post } = await clientWithEverything(source);
    expectOk(await source.invoke('clients:update', { id: clientId, requireApproval: true }));
    const second = expectOk(
      await source.invoke('posts:schedule', {
        clientId,
        accountIds: [accountId],
        parts: [{ text: 'Autumn collection' }],
        when: { at: '2026-12-06 10:00' },
      }),
    );
    const sent = expectOk(await source.invoke('review:send', { clientId }));
    // The client approves the first post before the move; the reply to the second comes after.
    expectOk(
      await source.invoke('review:import', {
        reply: replyFor(sent, { [post.id]: { a: 'approved' } }),
      }),
    );
    const late = replyFor(sent, { [second.id]: { a: 'changes_requested', c: 'Warmer colours.' } });
    const out = path.join(tempDataDir('starling-arch-'), 'atelier.zip');
    await exportTo(source, clientId, out);

    const target = await makeCore();
    const imported = await importInto(target, out);
    const posts = expectOk(await target.invoke('posts:list', { clientId: imported.clientId }));
    const byText = (text: string) =>
      posts.find((p) => p.firstLine === text) ?? expect.fail(`no post "${text}"`);
    const moved = expectOk(
      await target.invoke('posts:get', { id: byText('Spring collection').id }),
    );
    expect(moved).toMatchObject({ approval: 'approved', needsApproval: false });
    expect(moved.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['approval.sent', 'approval.approved']),
    );
    const listed = expectOk(await target.invoke('review:list', { clientId: imported.clientId }));
    expect(listed).toMatchObject([{ id: sent.packet.id, pending: 1 }]);

    // The reply written before the move lands on the imported post, not on a stranger.
    const result = expectOk(await target.invoke('review:import', { reply: late }));
    expect(result.applied).toEqual([
      expect.objectContaining({
        postId: byText('Autumn collection').id,
        decision: 'changes_requested',
      }),
    ]);
    expect(
      expectOk(await target.invoke('posts:get', { id: byText('Autumn collection').id })),
    ).toMatchObject({ approval: 'changes_requested' });
  });

  it('refuses hostile archives whole and leaves no file or row behind', async () => {
    const source = await makeCore();
    const { clientId } = await clientWithEverything(source);
    const good = path.join(tempDataDir('starling-arch-'), 'good.zip');
    await exportTo(source, clientId, good);
    const target = await makeCore();
    const before = dumpDatabase(target);
    const mediaFiles = () =>
      fs.existsSync(path.join(target.dataDir, 'media'))
        ? fs.readdirSync(path.join(target.dataDir, 'media'))
        : [];
    const manifest = Buffer.from(
      JSON.stringify({
        format: 'starling-client-archive',
        version: 1,
        migrations: [],
        exportedAt: 0,
        tables: {},
      }),
    );

    const slip = await zipOf(
      [
        { name: 'starling-client.json', bytes: manifest },
        { name: 'xx/xx/evil.txt', bytes: Buffer.from('owned') },
      ],
      ['xx/xx/evil.txt', '../../evil.txt'],
    );
    await expect(importInto(target, slip)).rejects.toMatchObject({
      error: { code: 'VALIDATION', message: expect.stringContaining('../../evil.txt') },
    });
    expect(fs.existsSync(path.join(target.dataDir, '..', 'evil.txt'))).toBe(false);

    const extra = await zipOf([
      { name: 'starling-client.json', bytes: manifest },
      { name: 'notes/readme.txt', bytes: Buffer.from('hello') },
    ]);
    await expect(importInto(target, extra)).rejects.toMatchObject({
      error: {
        message: expect.stringContaining(
          '"notes/readme.txt", which a Starling client archive never contains',
        ),
      },
    });

    const wrongBytes = await zipOf([
      { name: 'starling-client.json', bytes: manifest },
      { name: `media/${'a'.repeat(64)}`, bytes: Buffer.from('not what the name says') },
    ]);
    await expect(importInto(target, wrongBytes)).rejects.toMatchObject({
      error: { message: expect.stringContaining('do not match its name') },
    });

    const big = Buffer.alloc(1024 * 1024 + 1, 1);
    const saved = archiveLimits.mediaBytes;
    archiveLimits.mediaBytes = 1024 * 1024;
    try {
      const oversized = await zipOf([
        { name: 'starling-client.json', bytes: manifest },
        { name: `media/${createHash('sha256').update(big).digest('hex')}`, bytes: big },
      ]);
      await expect(importInto(target, oversized)).rejects.toMatchObject({
        error: { message: expect.stringContaining('over the 1048576-byte limit') },
      });
    } finally {
      archiveLimits.mediaBytes = saved;
    }

    const newer = await zipOf([
      {
        name: 'starling-client.json',
        bytes: Buffer.from(
          JSON.stringify({
            format: 'starling-client-archive',
            version: 1,
            migrations: ['9999-future'],
            exportedAt: 0,
            tables: {},
          }),
        ),
      },
    ]);
    await expect(importInto(target, newer)).rejects.toMatchObject({
      error: { code: 'DATABASE_TOO_NEW' },
    });

    const notZip = path.join(tempDataDir('starling-zip-'), 'plain.zip');
    fs.writeFileSync(notZip, 'just text');
    await expect(importInto(target, notZip)).rejects.toMatchObject({
      error: { message: expect.stringContaining('not a readable zip archive') },
    });

    expect(dumpDatabase(target)).toEqual(before);
    expect(mediaFiles()).toEqual([]);
  });

  it('exports and imports from the CLI', async () => {
    const sourceDir = tempDataDir();
    const source = await makeCore({ dataDir: sourceDir });
    const { clientId } = await clientWithEverything(source);
    await source.close();
    const out = path.join(tempDataDir('starling-arch-'), 'cli.zip');
    const exported = runCli([
      '--data-dir',
      sourceDir,
      '--json',
      'archive',
      'export',
      '--client',
      clientId,
      '--out',
      out,
    ]);
    expect(exported.stderr).toBe('');
    expect(exported.json()).toMatchObject({ posts: 1, media: 1 });
    const targetDir = tempDataDir();
    const imported = runCli(['--data-dir', targetDir, 'archive', 'import', out]);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toMatch(
      /Imported Archived Atelier .*1 post, 1 account to reconnect, 1 media file/,
    );
    const again = runCli([
      '--data-dir',
      sourceDir,
      'archive',
      'export',
      '--client',
      clientId,
      '--out',
      out,
    ]);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already exists');
  });
});
