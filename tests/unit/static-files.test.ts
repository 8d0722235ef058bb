import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveStaticFile } from '../../main/host/static-files.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

describe('resolveStaticFile', () => {
  it('maps / to index.html and refuses traversal, missing files and NUL bytes', () => {
    const base = tempDataDir();
    const root = path.join(base, 'r');
    fs.writeFileSync(path.join(base, 'outside.txt'), 'o');
    fs.mkdirSync(path.join(root, 'a'), { recursive: true });
    fs.writeFileSync(path.join(root, 'index.html'), 'i');
    fs.writeFileSync(path.join(root, 'a', 'b.js'), 'b');
    expect(resolveStaticFile(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveStaticFile(root, '/a/b.js')).toBe(path.join(root, 'a', 'b.js'));
    // Directory-like paths are app routes: they get the shell, never a listing.
    expect(resolveStaticFile(root, '/a')).toBe(path.join(root, 'index.html'));
    expect(resolveStaticFile(root, '//etc/passwd')).toBe(path.join(root, 'index.html'));
    for (const bad of [
      '/missing.js',
      '/../outside.txt',
      '/%2e%2e/outside.txt',
      '/..%2f..%2fetc/passwd',
      '/a/%00b.js',
      '/%E0%A4%A',
    ]) {
      expect(resolveStaticFile(root, bad), bad).toBeNull();
    }
  });
});
