// Maps a URL of the app scheme to a file inside the built renderer folder (out/renderer)
// and refuses everything else: other hosts, traversal, encoded separators, NUL bytes.
// Pure Node, so the rules are tested without Electron.
import path from 'node:path';
import { isAppUrl } from './window-options.ts';

export type RendererTarget = { ok: true; file: string } | { ok: false; status: 400 | 403 | 404 };

const indexFile = 'index.html';

export function resolveRendererFile(root: string, requestUrl: string): RendererTarget {
  if (!isAppUrl(requestUrl)) return { ok: false, status: 403 };
  let relative: string;
  try {
    relative = decodeURIComponent(new URL(requestUrl).pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  if (relative.includes('\0')) return { ok: false, status: 400 };
  // The URL parser already folded `..` segments; what is left here came encoded (%2f,
  // %5c) and is refused outright rather than interpreted.
  const segments = relative.split(/[/\\]+/).filter((s) => s !== '');
  if (segments.some((s) => s === '.' || s === '..')) return { ok: false, status: 403 };
  const last = segments.at(-1);
  // A path without an extension is a route of the single-page app: serve its shell.
  if (last === undefined || !last.includes('.'))
    return { ok: true, file: path.join(root, indexFile) };
  const file = path.resolve(root, ...segments);
  const inside = path.relative(root, file);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) {
    return { ok: false, status: 403 };
  }
  return { ok: true, file };
}

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** The built renderer holds only these kinds of files; anything else is served as bytes. */
export function contentTypeFor(file: string): string {
  return contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}
