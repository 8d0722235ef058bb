// [Note: media routes] How a window gets media in and out without ever naming a path:
// POST /api/media/upload streams the bytes of a dropped, pasted or chosen file into the
// library (the same checks as any import), and GET /api/media/<id>/thumbnail|file serves
// stored media by id only. Every request presents the host's token (header for uploads,
// `?token=` where an <img> cannot send headers). Shared by the browser host and, through
// its own adapter, the desktop app's app:// scheme.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { lazySchema } from '../../shared/lazy-schema.ts';
import { acceptedMimes, uploadName } from '../../shared/media.ts';
import { AppFailure, type AppError, type ErrorCode } from '../../shared/result.ts';
import type { Core } from '../core/create-core.ts';
import { importAnnounced } from '../core/media/import-events.ts';
import type { Logger } from '../core/ports.ts';

export const mediaRoutePrefix = '/api/media/';

export interface MediaRequest {
  method: string;
  url: URL;
  header(name: string): string | undefined;
  /** The request body (uploads). */
  body: Readable | null;
}

export type MediaResponse =
  | { status: number; headers: Record<string, string>; json: unknown }
  | {
      status: number;
      headers: Record<string, string>;
      file: string;
      /** The byte range to send, inclusive (the whole file unless a Range asked for less). */
      start: number;
      end: number;
    };

export interface MediaRouteOptions {
  core: Core;
  logger: Logger;
  /** Whether the presented token is this host's (always true where none is needed). */
  tokenValid: (presented: string) => boolean;
  /** Origins allowed to upload (the host's own); null where the scheme already ensures it. */
  allowedOrigins: (() => string[]) | null;
}

const statusOf: Partial<Record<ErrorCode, number>> = {
  VALIDATION: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNAUTHORIZED: 401,
  // The window cancelled its own upload (operations:cancel): nothing went wrong here.
  CANCELLED: 409,
};

const noStore = { 'Cache-Control': 'no-store' };

function refusal(status: number, code: ErrorCode, message: string): MediaResponse {
  const error: AppError = { code, message };
  return { status, headers: noStore, json: { ok: false, error } };
}

const uploadQuery = lazySchema(() =>
  z.strictObject({
    client: z.string().min(1).max(64),
    name: uploadName,
    /** Chosen by the window, so it can match the progress events to its own upload and cancel it. */
    importId: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,64}$/)
      .optional(),
  }),
);

const idPattern = /^[A-Za-z0-9-]{1,64}$/;

export async function handleMediaRequest(
  request: MediaRequest,
  options: MediaRouteOptions,
): Promise<MediaResponse> {
  const { core, logger } = options;
  const rest = request.url.pathname.slice(mediaRoutePrefix.length).split('/');
  const presented = request.header('x-starling-token') ?? request.url.searchParams.get('token');
  if (!options.tokenValid(presented ?? '')) {
    return refusal(401, 'UNAUTHORIZED', 'This request did not present the access token.');
  }
  try {
    if (rest.length === 1 && rest[0] === 'upload') {
      if (request.method !== 'POST') return refusal(405, 'VALIDATION', 'Upload with POST.');
      const origin = request.header('origin');
      if (options.allowedOrigins !== null && !options.allowedOrigins().includes(origin ?? '')) {
        return refusal(403, 'UNAUTHORIZED', 'Uploads are accepted only from Starling itself.');
      }
      return await upload(request, core);
    }
    const [id, what] = rest;
    if (rest.length === 2 && id !== undefined && idPattern.test(id)) {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        return refusal(405, 'VALIDATION', 'Media are read with GET.');
      }
      if (what === 'thumbnail') {
        const file = await core.media.thumbnailOf(id);
        if (file === null) return refusal(404, 'NOT_FOUND', 'This media has no thumbnail.');
        return served(file, 'image/webp', request.header('range'));
      }
      if (what === 'file') {
        const stored = await core.media.fileOf(id);
        return served(stored.file, stored.mime, request.header('range'));
      }
    }
    return refusal(404, 'NOT_FOUND', 'No such media route.');
  } catch (error) {
    if (error instanceof AppFailure) {
      return refusal(statusOf[error.error.code] ?? 500, error.error.code, error.error.message);
    }
    logger.error('media route failed', { path: request.url.pathname, error: String(error) });
    return refusal(500, 'INTERNAL', 'Something went wrong inside Starling; nothing was stored.');
  }
}

/** One `bytes=a-b`, `bytes=a-` or `bytes=-n` range inside `size`, or null to send it all. */
export function byteRange(
  header: string | undefined,
  size: number,
): [number, number] | 'bad' | null {
  if (header === undefined) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (match === null) return null; // several ranges or another unit: the whole file is fine
  const [, from = '', to = ''] = match;
  if (from === '' && to === '') return 'bad';
  const start = from === '' ? Math.max(0, size - Number(to)) : Number(from);
  const end = from === '' || to === '' ? size - 1 : Math.min(Number(to), size - 1);
  return start > end || start >= size ? 'bad' : [start, end];
}

function served(file: string, mime: string, range: string | undefined): MediaResponse {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    return refusal(404, 'NOT_FOUND', 'The stored file is missing.');
  }
  // Content-addressed: the bytes behind an id never change. Only a type the library
  // accepts is named, never sniffed: a row that says text/html (one that came in an
  // archive before its media were probed) cannot make the app's origin serve a page.
  const headers = {
    'Content-Type': Object.hasOwn(acceptedMimes, mime) ? mime : 'application/octet-stream',
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, max-age=31536000, immutable',
    'Accept-Ranges': 'bytes',
  };
  const wanted = byteRange(range, size);
  if (wanted === 'bad') {
    return {
      status: 416,
      headers: { ...noStore, 'Content-Range': `bytes */${String(size)}` },
      json: {
        ok: false,
        error: { code: 'VALIDATION', message: 'That byte range is not in the file.' },
      },
    };
  }
  if (wanted === null) return { status: 200, headers, file, start: 0, end: size - 1 };
  const [start, end] = wanted;
  return {
    status: 206,
    headers: {
      ...headers,
      'Content-Range': `bytes ${String(start)}-${String(end)}/${String(size)}`,
    },
    file,
    start,
    end,
  };
}

async function upload(request: MediaRequest, core: Core): Promise<MediaResponse> {
  const query = uploadQuery.safeParse(Object.fromEntries(request.url.searchParams));
  if (!query.success) {
    return refusal(
      400,
      'VALIDATION',
      `Upload with ?client=ID&name=FILE: ${query.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  if (request.body === null) return refusal(400, 'VALIDATION', 'The upload has no body.');
  const length = request.header('content-length');
  const expectedBytes = length === undefined ? null : Number(length);
  if (expectedBytes !== null && (!Number.isSafeInteger(expectedBytes) || expectedBytes < 0)) {
    return refusal(400, 'VALIDATION', 'Content-Length is not a byte count.');
  }
  const { client, name } = query.data;
  const importId = query.data.importId ?? randomUUID();
  const body = request.body;
  // The import is an operation named by the window's id: `operations:cancel` stops it.
  const asset = await importAnnounced(core.media, core, importId, name, (options) =>
    core.media.importStream(body, { clientId: client, name, expectedBytes, ...options }),
  );
  return { status: 200, headers: noStore, json: { ok: true, value: asset } };
}
