// The app scheme serves files of the built renderer and nothing else.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeFor, resolveRendererFile } from '../../main/shell/renderer-files.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

function rendererRoot(): string {
  const base = tempDataDir();
  const root = path.join(base, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), '');
  fs.writeFileSync(path.join(base, 'secret.txt'), 'outside');
  return root;
}

describe('resolveRendererFile', () => {
  it('maps app URLs to files inside the renderer folder', () => {
    const root = rendererRoot();
    const file = (url: string) => resolveRendererFile(root, url);
    expect(file('app://starling/')).toEqual({ ok: true, file: path.join(root, 'index.html') });
    expect(file('app://starling/index.html')).toEqual({
      ok: true,
      file: path.join(root, 'index.html'),
    });
    expect(file('app://starling/assets/app.js?v=1#x')).toEqual({
      ok: true,
      file: path.join(root, 'assets', 'app.js'),
    });
    // Routes of the single-page app get its shell.
    expect(file('app://starling/clients/123')).toEqual({
      ok: true,
      file: path.join(root, 'index.html'),
    });
  });

  it('refuses other hosts, traversal, encoded separators and NUL bytes', () => {
    const root = rendererRoot();
    const refused = (url: string) => {
      const target = resolveRendererFile(root, url);
      return target.ok ? target.file : target.status;
    };
    expect(refused('app://other/index.html')).toBe(403);
    expect(refused('https://starling/index.html')).toBe(403);
    expect(refused('app://starling/%2e%2e/secret.txt')).toBe(path.join(root, 'secret.txt'));
    expect(refused('app://starling/..%2fsecret.txt')).toBe(403);
    expect(refused('app://starling/assets/..%2f..%2fsecret.txt')).toBe(403);
    expect(refused('app://starling/..%5csecret.txt')).toBe(403);
    expect(refused('app://starling/a%00.js')).toBe(400);
    expect(refused('app://starling/%E0%A4%A.js')).toBe(400);
    // The URL parser folds plain `..` away before the path is seen: it stays inside.
    expect(refused('app://starling/../../secret.txt')).toBe(path.join(root, 'secret.txt'));
  });

  it('names content types of the built files', () => {
    expect(contentTypeFor('/r/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/r/assets/app.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/r/assets/app.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('/r/logo.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('/r/blob.bin')).toBe('application/octet-stream');
  });
});
