// A big database (over the size checked in full before opening) damaged in the middle:
// the header check lets it open, the full check right after start (on its own thread,
// writes held) finds the damage, and from then on every call is answered
// DATABASE_CORRUPT, a write that waited is refused, nothing publishes, and the file
// is left byte for byte as it was. A one-off CLI command that only reads skips that check
// (it would take longer than the command); one that writes still runs it and is refused.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { makeCore } from '../helpers/core.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

const sha256 = (file: string) =>
  crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** A database of about 20 MB with one page in the middle garbled; its file and hash. */
async function bigDamagedDatabase(dataDir: string): Promise<{ file: string; damaged: string }> {
  const first = await makeCore({ dataDir });
  const sqlite = first.database.sqlite;
  // About 20 MB of small rows: many b-tree pages, so damage in the middle hits one.
  sqlite.exec('CREATE TABLE ballast (n INTEGER PRIMARY KEY, filler TEXT NOT NULL)');
  const insert = sqlite.prepare('INSERT INTO ballast (filler) VALUES (?)');
  sqlite.transaction(() => {
    for (let i = 0; i < 40_000; i += 1) insert.run(`${String(i)}:${'x'.repeat(480)}`);
  })();
  const pageSize = sqlite.pragma('page_size', { simple: true }) as number;
  await first.close();
  const file = path.join(dataDir, 'starling.db');
  expect(fs.statSync(file).size).toBeGreaterThan(16 * 1024 * 1024);

  // Garble one page in the middle, leaving the header and the schema intact.
  const fd = fs.openSync(file, 'r+');
  const page = Math.floor(fs.statSync(file).size / pageSize / 2);
  fs.writeSync(fd, crypto.randomBytes(pageSize), 0, pageSize, page * pageSize);
  fs.closeSync(fd);
  return { file, damaged: sha256(file) };
}

describe('a big damaged database', () => {
  it('is refused once the check after start finds the damage, and never written', async () => {
    const dataDir = tempDataDir();
    const { file, damaged } = await bigDamagedDatabase(dataDir);

    const core = await makeCore({ dataDir });
    // The write waits while the check runs on its thread, and is refused once it finds damage.
    const written = core.invoke('clients:create', { name: 'Written into damage?' });
    await expect(core.database.verified).rejects.toMatchObject({
      error: { code: 'DATABASE_CORRUPT' },
    });
    expect(await written).toMatchObject({ ok: false, error: { code: 'DATABASE_CORRUPT' } });
    expect(await core.invoke('clients:list', {})).toMatchObject({
      ok: false,
      error: { code: 'DATABASE_CORRUPT', message: expect.stringContaining('left untouched') },
    });
    await expect(core.startBackground()).rejects.toMatchObject({
      error: { code: 'DATABASE_CORRUPT' },
    });
    await core.close();
    expect(sha256(file)).toBe(damaged);
  }, 60_000);

  it('is read by a CLI command that only reads, and refused to one that writes', async () => {
    const dataDir = tempDataDir();
    const { file, damaged } = await bigDamagedDatabase(dataDir);
    // The clients table's pages are intact: listing them needs no full check.
    const listed = runCli(['--data-dir', dataDir, '--json', 'clients', 'list']);
    expect(listed.status, listed.stderr).toBe(0);
    expect(listed.json()).toEqual([]);
    const added = runCli(['--data-dir', dataDir, '--json', 'clients', 'add', '--name', 'Acme']);
    expect(added.status).toBe(1);
    expect(added.json()).toMatchObject({ error: { code: 'DATABASE_CORRUPT' } });
    expect(sha256(file)).toBe(damaged);
  }, 60_000);
});
