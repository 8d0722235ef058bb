// Client archives come from elsewhere: what their rows say is checked like any other
// input, not trusted because the zip's own checks passed. A review packet's page name
// cannot point the packet's PDF at another file on this machine.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectOk, makeCore } from '../helpers/core.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';
import {
  clientWithEverything,
  exportTo,
  importInto,
  withManifest,
} from './client-archive-fixture.ts';

describe('rows of a client archive', () => {
  it('cannot name the page a review packet is printed from', async () => {
    const source = await makeCore();
    const { clientId } = await clientWithEverything(source);
    expectOk(await source.invoke('review:send', { clientId }));
    const out = path.join(tempDataDir('starling-arch-'), 'packet.zip');
    await exportTo(source, clientId, out);
    const forged = await withManifest(out, (tables) => {
      for (const packet of tables.review_packets ?? []) {
        const rows = [...(tables.review_packet_posts ?? []), ...(tables.post_approvals ?? [])];
        for (const row of rows) if (row.packet_id === packet.id) row.packet_id = '../../escape';
        packet.id = '../../escape';
        packet.file_name = '../../secret.txt';
      }
    });

    const printed: string[] = [];
    const target = await makeCore({
      ports: {
        printPdf: (html) => {
          printed.push(html);
          return Promise.resolve(Buffer.from('%PDF-1.7 test'));
        },
      },
    });
    fs.writeFileSync(path.join(target.dataDir, 'secret.txt'), 'the user’s own file');
    const imported = await importInto(target, forged);
    const [packet] = target.database.sqlite
      .prepare('SELECT id, file_name FROM review_packets')
      .all() as { id: string; file_name: string }[];
    expect(packet?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(packet?.file_name).toBe(`${packet?.id ?? ''}.html`);
    const listed = expectOk(await target.invoke('review:list', { clientId: imported.clientId }));
    expect(listed[0]?.filePath).toBe(
      path.join(target.dataDir, 'reviews', `${packet?.id ?? ''}.html`),
    );

    // A row written before this check (or by hand) is refused at the PDF, unread.
    target.database.sqlite.prepare('UPDATE review_packets SET file_name = ?').run('../secret.txt');
    expect(await target.invoke('review:export-pdf', { id: packet?.id ?? '' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    target.database.sqlite.prepare('UPDATE review_packets SET file_name = ?').run('secret.txt');
    expect(await target.invoke('review:export-pdf', { id: packet?.id ?? '' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(printed).toEqual([]);
  });
});
