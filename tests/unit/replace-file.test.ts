// replaceFile writes a file whole through a file of its own beside it: links at the old
// fixed names are left alone, a link at the destination is replaced rather than followed,
// a failed write leaves nothing behind, and the mode asked for is the file's.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { replaceFile } from '../../main/core/adapters/replace-file.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

describe('replaceFile', () => {
  it('replaces the file whole, leaving nothing beside it', () => {
    const dir = tempDataDir();
    const file = path.join(dir, 'report.html');
    fs.writeFileSync(file, 'old');
    replaceFile(file, 'new');
    replaceFile(file, Buffer.from('newer'));
    expect(fs.readFileSync(file, 'utf8')).toBe('newer');
    expect(fs.readdirSync(dir)).toEqual(['report.html']);
  });

  it.skipIf(process.platform === 'win32')(
    'follows no link: neither at the names older versions used nor at the destination',
    () => {
      const dir = tempDataDir();
      const outside = path.join(dir, 'keep.txt');
      fs.writeFileSync(outside, 'keep me');
      const file = path.join(dir, 'export.csv');
      for (const old of [
        `${file}.partial`,
        `${file}.${String(process.pid)}.partial`,
        `${file}.${String(process.pid)}.tmp`,
        `${file}.tmp`,
      ]) {
        fs.symlinkSync(outside, old);
      }
      replaceFile(file, 'rows');
      expect(fs.readFileSync(outside, 'utf8')).toBe('keep me');

      // A link at the destination is itself replaced by the file.
      const linked = path.join(dir, 'linked.csv');
      fs.symlinkSync(outside, linked);
      replaceFile(linked, 'rows');
      expect(fs.lstatSync(linked).isSymbolicLink()).toBe(false);
      expect(fs.readFileSync(linked, 'utf8')).toBe('rows');
      expect(fs.readFileSync(outside, 'utf8')).toBe('keep me');
    },
  );

  it('leaves the old file and no partial one when the rename fails', () => {
    const dir = tempDataDir();
    // A folder where the file should be: writing aside works, renaming over it does not.
    const file = path.join(dir, 'starling.ics');
    fs.mkdirSync(file);
    fs.writeFileSync(path.join(file, 'inside'), 'x');
    expect(() => {
      replaceFile(file, 'feed');
    }).toThrow();
    expect(fs.readdirSync(dir)).toEqual(['starling.ics']);
    expect(fs.readdirSync(file)).toEqual(['inside']);
  });

  it.skipIf(process.platform === 'win32')('gives the file the mode asked for', () => {
    const dir = tempDataDir();
    const file = path.join(dir, 'key.bin');
    replaceFile(file, new Uint8Array([1, 2, 3]), { mode: 0o600 });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });
});
