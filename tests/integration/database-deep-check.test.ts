// A big database (over the size checked in full before opening) damaged in the middle:
// the header check lets it open, the full check right after start finds the damage, and
// from then on every call is answered DATABASE_CORRUPT, nothing publishes, and the file
// is left byte for byte as it was.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeCore } from '../helpers/core.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

const sha256 = (file: string) =>
  crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('a big damaged database', () => {
  it('is refused once the check after start finds the damage, and never written', async () => {
    const dataDir = tempDataDir();
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
    const damaged = sha256(file);

    const core = await makeCore({ dataDir });
    const answer = await core.invoke('clients:list', {});
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'DATABASE_CORRUPT', message: expect.stringContaining('left untouched') },
    });
    expect(await core.invoke('clients:create', { name: 'Written into damage?' })).toMatchObject({
      ok: false,
      error: { code: 'DATABASE_CORRUPT' },
    });
    await expect(core.startBackground()).rejects.toMatchObject({
      error: { code: 'DATABASE_CORRUPT' },
    });
    await core.close();
    expect(sha256(file)).toBe(damaged);
  }, 60_000);
});
