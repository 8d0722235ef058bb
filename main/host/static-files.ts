// Serves the built renderer over HTTP for the browser host, by the same rules as the
// Electron app scheme (renderer-assets.ts): no listings, nothing outside the folder.
import fs from 'node:fs';
import type { ServerResponse } from 'node:http';
import {
  contentTypeFor,
  resolveRendererPath,
  securityHeaders,
} from '../serving/renderer-assets.ts';

/** The file a URL path names inside `root`, or null when it is refused or missing. */
export function resolveStaticFile(root: string, urlPath: string): string | null {
  const target = resolveRendererPath(root, urlPath);
  if (!target.ok) return null;
  try {
    return fs.statSync(target.file).isFile() ? target.file : null;
  } catch {
    return null;
  }
}

export function sendStaticFile(res: ServerResponse, file: string): void {
  res.writeHead(200, {
    ...securityHeaders,
    'Content-Type': contentTypeFor(file),
    // The app's shell and the upgrade page stand in for each other at the same address.
    'Cache-Control':
      file.endsWith('index.html') || file.endsWith('upgrade.html') ? 'no-store' : 'max-age=3600',
  });
  fs.createReadStream(file).pipe(res);
}
