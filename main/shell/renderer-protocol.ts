// Serves the built renderer (out/renderer) on app://starling/ with the strict CSP. The
// scheme is privileged (standard + secure) so the page gets a real origin, fetch and
// storage, without any CSP bypass.
import fs from 'node:fs/promises';
import { protocol } from 'electron';
import { contentTypeFor, resolveRendererFile } from './renderer-files.ts';
import { appScheme, appSchemePrivileges, securityHeaders } from './window-options.ts';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: appScheme, privileges: appSchemePrivileges }]);
}

const empty = (status: number) =>
  new Response(null, { status, headers: { ...securityHeaders, 'Cache-Control': 'no-store' } });

/** Call once the app is ready; `root` is the absolute path of out/renderer. */
export function serveRenderer(root: string): void {
  protocol.handle(appScheme, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return empty(405);
    const target = resolveRendererFile(root, request.url);
    if (!target.ok) return empty(target.status);
    let body: Buffer;
    try {
      body = await fs.readFile(target.file);
    } catch {
      return empty(404);
    }
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: {
        ...securityHeaders,
        'Content-Type': contentTypeFor(target.file),
        // The files change only with the app; always revalidate, never serve stale UI.
        'Cache-Control': 'no-cache',
      },
    });
  });
}
