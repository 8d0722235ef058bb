// An all-or-nothing CSV import refused after its first batch, media included, reached the
// writing thread: the rollback takes back the rows and the files copied into the library
// ([Note: all-or-nothing import] in main/core/data/csv-import-run.ts).
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { buildCsvImport } from '../../main/core/ipc/data-feature.ts';
import { dumpDatabase, makeCore } from '../helpers/core.ts';
import { makeAccount, makeClient } from '../helpers/post-factories.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

describe('a refused CSV import', () => {
  it('takes back the media it copied when a later row refuses the whole import', async () => {
    const core = await makeCore();
    const berlin = await makeClient(core.database.db, {
      name: 'Berlin Bakery',
      timezone: 'Europe/Berlin',
    });
    await makeAccount(core.database.db, berlin, { handle: 'bakery' });
    const csvDir = tempDataDir('starling-csv-');
    const png = await sharp({
      create: { width: 64, height: 48, channels: 3, background: '#c08040' },
    })
      .png()
      .toBuffer();
    fs.writeFileSync(path.join(csvDir, 'bread.png'), png);
    // The first 64 posts go to the writing thread (and their media into the library)
    // before the last row, refused, is read: all or nothing rolls them back.
    const rows = Array.from(
      { length: 70 },
      (_, i) =>
        `Post ${String(i)},@bakery,2026-12-02,${String(8 + Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')},${i === 0 ? 'bread.png' : ''}`,
    );
    rows[69] = 'Nobody,@nobody,2026-12-03,09:00,';
    const csv = `text,account,date,time,media\n${rows.join('\n')}\n`;
    const phases: string[] = [];
    const op = {
      id: 'import',
      signal: new AbortController().signal,
      report: (phase: string) => {
        phases.push(phase);
      },
      setCancellable: () => undefined,
      throwIfCancelled: () => undefined,
    };
    const csvImport = buildCsvImport({ ...core, ports: { clock: core.clock } });
    const before = dumpDatabase(core);

    await expect(
      csvImport.run({ csv, baseDir: csvDir, dryRun: false, validRowsOnly: false }, op),
    ).rejects.toMatchObject({ error: { code: 'VALIDATION' } });

    // The photo was copied in, then taken back with every row.
    expect(phases).toContain('copying media');
    expect(dumpDatabase(core)).toEqual(before);
    const library = path.join(core.dataDir, 'media');
    const files = fs.existsSync(library)
      ? fs.readdirSync(library, { recursive: true, withFileTypes: true }).filter((f) => f.isFile())
      : [];
    expect(files).toEqual([]);
  });
});
