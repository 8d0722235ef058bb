// The process boundaries (README, Layout), checked on the source itself (lint checks them
// too; this test fails even if someone loosens the lint config): only main/shell and
// preload import 'electron', and shared/ uses no Node or DOM API.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) return [];
  return fs
    .readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|js|mjs|cjs)$/.test(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

const importsOf = (file: string) => {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  return [
    ...text.matchAll(
      /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g,
    ),
  ].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
};

const everywhere = [
  'main',
  'preload',
  'renderer/src',
  'shared',
  'migrations',
  'bin',
  'scripts',
].flatMap(sourceFiles);

describe('process boundaries', () => {
  it('finds the source it checks', () => {
    expect(everywhere.length).toBeGreaterThan(20);
  });

  it("lets only main/shell and preload import 'electron'", () => {
    const offenders = everywhere
      .filter((f) => !f.startsWith(`main${path.sep}shell`) && !f.startsWith('preload'))
      .filter((f) => importsOf(f).some((s) => s === 'electron' || s.startsWith('electron/')));
    expect(offenders).toEqual([]);
  });

  it('keeps shared/ free of Node and DOM APIs', () => {
    const files = sourceFiles('shared');
    expect(files.length).toBeGreaterThan(3);
    const builtins = new Set([
      'fs',
      'path',
      'os',
      'crypto',
      'child_process',
      'http',
      'https',
      'net',
      'url',
      'util',
      'events',
      'stream',
      'buffer',
      'worker_threads',
    ]);
    for (const file of files) {
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      const bad = importsOf(file).filter(
        (s) => s.startsWith('node:') || builtins.has(s) || s === 'electron',
      );
      expect(bad, file).toEqual([]);
      expect(text, file).not.toMatch(
        /\b(window|document|localStorage|navigator|process|Buffer|__dirname)\s*[.[(]/,
      );
    }
  });

  it('keeps the renderer away from main/, preload/ and Node', () => {
    for (const file of sourceFiles('renderer/src')) {
      const bad = importsOf(file).filter(
        (s) => s.startsWith('node:') || /(^|\/)(main|preload)\//.test(s),
      );
      expect(bad, file).toEqual([]);
    }
  });
});
