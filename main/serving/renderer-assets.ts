// [Note: renderer assets] The one set of rules for serving the built renderer, shared by
// the Electron app scheme and the browser host: which file a path names (never one
// outside the folder), its content type, and the security headers with the strict CSP.
import path from 'node:path';

export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers on every response that serves the renderer. */
export const securityHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

export type RendererTarget = { ok: true; file: string } | { ok: false; status: 400 | 403 | 404 };

const indexFile = 'index.html';

/**
 * Maps a URL pathname (still percent-encoded) to a file inside `root`. Paths without an
 * extension are routes of the single-page app and get its shell; there are no listings.
 */
export function resolveRendererPath(root: string, pathname: string): RendererTarget {
  let relative: string;
  try {
    relative = decodeURIComponent(pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  if (relative.includes('\0')) return { ok: false, status: 400 };
  // URL parsers already fold `..` segments; what is left here came encoded (%2f, %5c)
  // and is refused outright rather than interpreted.
  const segments = relative.split(/[/\\]+/).filter((s) => s !== '');
  if (segments.some((s) => s === '.' || s === '..')) return { ok: false, status: 403 };
  const last = segments.at(-1);
  if (last === undefined || !last.includes('.')) {
    return { ok: true, file: path.join(root, indexFile) };
  }
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
