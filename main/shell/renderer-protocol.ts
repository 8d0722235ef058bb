// Serves the built renderer (out/renderer) on app://starling/ with the strict CSP. The
// scheme is privileged (standard + secure) so the page gets a real origin, fetch and
// storage, without any CSP bypass.
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { protocol } from 'electron';
import {
  handleMediaRequest,
  mediaRoutePrefix,
  type MediaRouteOptions,
} from '../serving/media-routes.ts';
import type { Core } from '../core/create-core.ts';
import type { Logger } from '../core/ports.ts';
import { upgradeStatusPath, type UpgradeStatus } from '../../shared/upgrade-progress.ts';
import { contentTypeFor, resolveRendererFile } from './renderer-files.ts';
import { appScheme, appSchemePrivileges, securityHeaders } from './window-options.ts';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: appScheme, privileges: appSchemePrivileges }]);
}

const empty = (status: number) =>
  new Response(null, { status, headers: { ...securityHeaders, 'Cache-Control': 'no-store' } });

/** The media routes (main/serving/media-routes.ts) on app://, for the window's uploads and <img>s. */
async function serveMedia(request: Request, options: MediaRouteOptions): Promise<Response> {
  const answer = await handleMediaRequest(
    {
      method: request.method,
      url: new URL(request.url),
      header: (name) => request.headers.get(name) ?? undefined,
      body:
        request.method === 'POST' && request.body !== null
          ? Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>)
          : null,
    },
    options,
  );
  const headers = { ...securityHeaders, ...answer.headers };
  if ('json' in answer) {
    return new Response(JSON.stringify(answer.json), {
      status: answer.status,
      headers: { ...headers, 'Content-Type': 'application/json' },
    });
  }
  const body =
    request.method === 'HEAD'
      ? null
      : (Readable.toWeb(
          createReadStream(answer.file, { start: answer.start, end: answer.end }),
        ) as unknown as ReadableStream<Uint8Array>);
  return new Response(body, {
    status: answer.status,
    headers: { ...headers, 'Content-Length': String(answer.end - answer.start + 1) },
  });
}

/** What the media routes need from the shell; the core exists only once booted. */
export interface ShellMedia {
  core: () => Core | null;
  logger: Logger;
  /** What the upgrade page is told while the core opens ([Note: upgrade progress]). */
  upgrade: () => UpgradeStatus;
}

/**
 * Call once the app is ready; `root` is the absolute path of out/renderer. With `media`,
 * app://starling/api/media/… serves the library's uploads and files, and api/upgrade the
 * upgrade's status (only this app's own windows can reach its scheme, so no token is asked
 * for there).
 */
export function serveRenderer(root: string, media?: ShellMedia): void {
  protocol.handle(appScheme, async (request) => {
    const pathname = new URL(request.url).pathname;
    if (media !== undefined && pathname === upgradeStatusPath) {
      return new Response(JSON.stringify(media.upgrade()), {
        headers: {
          ...securityHeaders,
          'Content-Type': 'application/json',
          'Cache-Control': 'no-store',
        },
      });
    }
    if (media !== undefined && pathname.startsWith(mediaRoutePrefix)) {
      const core = media.core();
      if (core === null) return empty(503);
      return serveMedia(request, {
        core,
        logger: media.logger,
        tokenValid: () => true,
        allowedOrigins: null,
      });
    }
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
