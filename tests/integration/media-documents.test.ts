// PDFs in the media library on a real data folder: a real PDF is recognised by its bytes
// (not its name), stored once with its size and no thumbnail, listed and filtered as a
// document; a cut-off or disguised file is refused leaving nothing behind; an oversized
// PDF names LinkedIn's limit; scheduling one to X, Bluesky or Mastodon is refused in words,
// writing nothing, while CSV import and client archives carry it like any media, and a
// review packet shows it as a labelled document with its title. Each network's own check
// at publish time refuses it again (LinkedIn's takes it).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportClientArchive } from '../../main/core/data/client-archive-export.ts';
import { importClientArchive } from '../../main/core/data/client-archive-import.ts';
import { buildCsvImport } from '../../main/core/ipc/data-feature.ts';
import type { PlannedPart } from '../../main/core/platforms/port.ts';
import { platformAccount } from '../../main/core/publishing/plan.ts';
import { expectOk, makeCore, type TestCore } from '../helpers/core.ts';
import { makeClientInput } from '../helpers/factories.ts';
import { imageBytes, pdfBytes, writeFile } from '../helpers/media-files.ts';
import { makeNetworkAccount } from '../helpers/network-account-rows.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

async function setup() {
  const core = await makeCore();
  const clientId = expectOk(
    await core.invoke('clients:create', makeClientInput({ name: 'Nova' })),
  ).id;
  return { core, clientId, files: tempDataDir('starling-pdf-src-') };
}

/** The rows a scheduled post writes, so "nothing written" can be checked. */
const postRows = (core: TestCore) =>
  ['posts', 'post_parts', 'post_part_media', 'post_targets', 'publish_jobs', 'post_events'].map(
    (table) => core.database.sqlite.prepare(`SELECT * FROM ${table}`).all(),
  );

const stored = (dataDir: string) => {
  const dir = path.join(dataDir, 'media');
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
};

describe('PDF documents in the media library', () => {
  it('recognises a PDF by its bytes and stores it once as a document without a thumbnail', async () => {
    const { core, clientId, files } = await setup();
    const bytes = pdfBytes(3, 'Winter menu');
    // Named as an image: the bytes decide.
    const file = writeFile(files, 'winter-menu.png', bytes);
    const first = await core.media.importFile(file, clientId);
    const again = await core.media.importFile(writeFile(files, 'copy.pdf', bytes), clientId);
    expect(again.id).toBe(first.id);
    expect(again.createdRow).toBe(false);

    const asset = expectOk(await core.invoke('media:get', { id: first.id }));
    expect(asset).toMatchObject({
      kind: 'document',
      mime: 'application/pdf',
      bytes: bytes.length,
      width: null,
      height: null,
      durationMs: null,
      name: 'winter-menu.png',
      hasThumbnail: false,
      problems: [],
    });
    // The stored file is the PDF itself, once; no thumbnail was written for it.
    expect(stored(core.dataDir)).toEqual([asset.sha256]);
    expect(fs.readFileSync(path.join(core.dataDir, 'media', asset.sha256))).toEqual(bytes);

    await core.media.importFile(writeFile(files, 'loaf.png', await imageBytes('png')), clientId);
    const documents = expectOk(await core.invoke('media:list', { clientId, kind: 'document' }));
    expect(documents.map((m) => m.id)).toEqual([first.id]);
    expect(expectOk(await core.invoke('media:list', { clientId }))).toHaveLength(2);
  });

  it('refuses a cut-off PDF and a text file named .pdf, leaving nothing behind', async () => {
    const { core, clientId, files } = await setup();
    const whole = pdfBytes(2);
    const cut = writeFile(files, 'cut.pdf', whole.subarray(0, whole.length - 40));
    await expect(core.media.importFile(cut, clientId)).rejects.toMatchObject({
      error: {
        code: 'VALIDATION',
        message: expect.stringMatching(/cut\.pdf starts as a PDF but has no end marker/),
      },
    });
    const text = writeFile(files, 'notes.pdf', 'Just some notes, not a PDF at all.\n');
    await expect(core.media.importFile(text, clientId)).rejects.toMatchObject({
      error: {
        code: 'VALIDATION',
        message: expect.stringMatching(/notes\.pdf is not a file type Starling recognises.*a PDF/),
      },
    });
    expect(stored(core.dataDir)).toEqual([]);
    expect(expectOk(await core.invoke('media:list', { clientId }))).toEqual([]);
  });

  it('names the network limit a PDF is over', async () => {
    const { core, clientId, files } = await setup();
    const imported = await core.media.importFile(writeFile(files, 'big.pdf', pdfBytes()), clientId);
    // As if the file were 120 MB: the limit is a fact of the row, not of the bytes.
    await core.database.db
      .updateTable('media_assets')
      .set({ bytes: 120 * 1024 * 1024 })
      .where('id', '=', imported.id)
      .execute();
    expect(expectOk(await core.invoke('media:get', { id: imported.id })).problems).toEqual([
      'big.pdf is 120.0 MB; LinkedIn allows 100.0 MB for a PDF document: export it smaller or split it.',
    ]);
  });

  it('refuses to schedule a PDF to X, Bluesky or Mastodon, saying why, and writes nothing', async () => {
    const { core, clientId, files } = await setup();
    const db = core.database.db;
    const accounts = [
      await makeNetworkAccount(db, clientId, { platform: 'x', handle: 'nova' }),
      await makeNetworkAccount(db, clientId, { platform: 'bluesky', handle: 'nova.bsky.social' }),
      await makeNetworkAccount(db, clientId, {
        platform: 'mastodon',
        handle: 'nova@mastodon.social',
      }),
    ];
    const pdf = await core.media.importFile(writeFile(files, 'deck.pdf', pdfBytes()), clientId);
    const before = postRows(core);
    const result = await core.invoke('posts:schedule', {
      clientId,
      accountIds: accounts,
      parts: [{ text: 'Our deck', media: [{ mediaId: pdf.id, altText: 'Deck' }] }],
      when: { at: '2026-12-24 09:00', timezone: 'Europe/Berlin' },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const message = result.ok ? '' : result.error.message;
    for (const network of ['X', 'Bluesky', 'Mastodon']) {
      expect(message).toContain(
        `The post: ${network} does not take PDF documents (deck.pdf). Only LinkedIn takes them. Remove it, or leave ${network} accounts out of this post.`,
      );
    }
    expect(postRows(core)).toEqual(before);
  });

  it('imports a PDF named in a CSV row for LinkedIn and carries it in a client archive', async () => {
    const { core, clientId, files } = await setup();
    const account = await makeNetworkAccount(core.database.db, clientId, {
      platform: 'linkedin',
      handle: 'nova-bakery',
    });
    const bytes = pdfBytes(2, 'Price list');
    writeFile(files, 'prices.pdf', bytes);
    fs.mkdirSync(path.join(files, 'docs'));
    writeFile(path.join(files, 'docs'), 'opening_hours-2027.pdf', pdfBytes(1, 'Hours'));
    // A document's alt text column is its title; without one, its file name is.
    const csv =
      'text,account,date,time,media,alt text\n' +
      'Our prices,linkedin:nova-bakery,2026-12-24,09:00,prices.pdf,Price list 2027\n' +
      'Our hours,linkedin:nova-bakery,2026-12-25,09:00,docs/opening_hours-2027.pdf,\n';
    const csvImport = buildCsvImport({ ...core, ports: { clock: core.clock } });
    const report = await csvImport.run({ csv, baseDir: files, dryRun: false });
    expect(report.rows.map((r) => r.issues)).toEqual([[], []]);
    expect(report.imported).toBe(2);
    const hours = expectOk(await core.invoke('posts:get', { id: report.postIds[1] ?? '' }));
    expect(hours.parts[0]?.media[0]).toMatchObject({
      altText: 'opening hours 2027',
      kind: 'document',
    });
    const asset = expectOk(await core.invoke('media:list', { clientId })).find(
      (m) => m.name === 'prices.pdf',
    );
    expect(asset).toMatchObject({ kind: 'document', mime: 'application/pdf', name: 'prices.pdf' });
    const post = expectOk(await core.invoke('posts:get', { id: report.postIds[0] ?? '' }));
    expect(post.parts[0]?.media).toEqual([
      { mediaId: asset?.id, altText: 'Price list 2027', kind: 'document' },
    ]);
    expect(post.targets.map((t) => t.accountId)).toEqual([account]);

    // A client archive carries the PDF's row and bytes to another data folder.
    const archive = path.join(files, 'nova.zip');
    await exportClientArchive({
      sqlite: core.database.sqlite,
      dataDir: core.dataDir,
      clientId,
      out: archive,
      now: core.clock.now(),
    });
    const other = await makeCore();
    const summary = await importClientArchive({
      sqlite: other.database.sqlite,
      dataDir: other.dataDir,
      file: archive,
      newId: () => crypto.randomUUID(),
    });
    const copies = expectOk(await other.invoke('media:list', { clientId: summary.clientId }));
    expect(copies).toHaveLength(2);
    const copy = copies.find((m) => m.name === 'prices.pdf');
    expect(copy).toMatchObject({ kind: 'document', mime: 'application/pdf', hasThumbnail: false });
    expect(fs.readFileSync(path.join(other.dataDir, 'media', copy?.sha256 ?? ''))).toEqual(bytes);
  });

  it('shows a PDF in a review packet as a labelled document with its title', async () => {
    const core = await makeCore();
    const client = expectOk(
      await core.invoke('clients:create', {
        name: 'Nova',
        timezone: 'Europe/Berlin',
        requireApproval: true,
      }),
    );
    const files = tempDataDir('starling-pdf-src-');
    const account = await makeNetworkAccount(core.database.db, client.id, {
      platform: 'linkedin',
      handle: 'nova-bakery',
    });
    const pdf = await core.media.importFile(writeFile(files, 'menu.pdf', pdfBytes()), client.id);
    expectOk(
      await core.invoke('posts:schedule', {
        clientId: client.id,
        accountIds: [account],
        parts: [{ text: 'Our menu', media: [{ mediaId: pdf.id, altText: 'Winter menu' }] }],
        when: { at: '2026-12-24 09:00' },
      }),
    );
    const { html } = expectOk(await core.invoke('review:send', { clientId: client.id }));
    expect(html).toContain('<div class="placeholder">PDF document</div>');
    expect(html).toContain('<figcaption>Title: Winter menu</figcaption>');
  });

  it("refuses a PDF again in each network's own check before anything is sent", async () => {
    const { core, clientId, files } = await setup();
    const db = core.database.db;
    const file = writeFile(files, 'deck.pdf', pdfBytes());
    const part: PlannedPart = {
      id: 'part-1',
      position: 0,
      text: 'Our deck',
      media: [
        {
          assetId: 'asset-1',
          kind: 'document',
          mime: 'application/pdf',
          bytes: fs.statSync(file).size,
          width: null,
          height: null,
          durationMs: null,
          file,
          altText: 'Deck',
        },
      ],
    };
    const expected: Record<'x' | 'bluesky' | 'mastodon' | 'linkedin', string | null> = {
      x: 'The post: X does not take PDF documents: remove the PDF, or leave this account out.',
      bluesky:
        'The post: Bluesky posts cannot carry a PDF document: remove the PDF, or leave this account out.',
      mastodon:
        'The post: mastodon.social does not take PDF documents: remove the PDF, or leave this account out.',
      linkedin: null,
    };
    for (const [platform, message] of Object.entries(expected) as [
      keyof typeof expected,
      string | null,
    ][]) {
      const handle = platform === 'mastodon' ? 'nova@mastodon.social' : `nova-${platform}`;
      const id = await makeNetworkAccount(db, clientId, { platform, handle });
      const row = await db
        .selectFrom('social_accounts')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const check = core.platforms.get(platform).publish.check([part], platformAccount(row), {});
      expect(check, platform).toBe(message);
    }
  });
});
