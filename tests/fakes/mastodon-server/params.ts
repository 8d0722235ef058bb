// Request parameters the way Rails merges them: the query string, then a JSON, form or
// multipart body. `media_ids[]=1` and `media_ids[0]=1` both become the list `media_ids`.
import { boundaryOf, parseMultipart, type Part } from '../http-kit/multipart.ts';
import { contentType, isFormBody, jsonBody, type FakeRequest } from '../http-kit/request.ts';

export type Params = Map<string, string | string[]>;

export interface ParsedBody {
  params: Params;
  /** Multipart parts that carried a filename (uploads). */
  files: Part[];
}

function put(params: Params, rawKey: string, value: string): void {
  const list = /^(.+?)\[\d*\]$/.exec(rawKey);
  if (list?.[1] === undefined) {
    params.set(rawKey, value);
    return;
  }
  const existing = params.get(list[1]);
  params.set(list[1], Array.isArray(existing) ? [...existing, value] : [value]);
}

function scalar(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/** Parameters and uploaded files, or null when the body cannot be parsed. */
export function readBody(req: FakeRequest): ParsedBody | null {
  const params: Params = new Map();
  for (const [key, value] of req.query) put(params, key, value);
  const files: Part[] = [];
  if (req.body.length === 0) return { params, files };
  const type = contentType(req);
  if (type === 'multipart/form-data') {
    const boundary = boundaryOf(req.headers['content-type']);
    const parts = boundary === null ? null : parseMultipart(req.body, boundary);
    if (parts === null) return null;
    for (const part of parts) {
      if (part.filename === null) put(params, part.name, part.data.toString('utf8'));
      else files.push(part);
    }
    return { params, files };
  }
  if (isFormBody(req)) {
    for (const [key, value] of new URLSearchParams(req.body.toString('utf8'))) {
      put(params, key, value);
    }
    return { params, files };
  }
  const body = jsonBody(req);
  if (body === null) return null;
  for (const [key, value] of Object.entries(body)) {
    if (Array.isArray(value)) {
      params.set(
        key,
        value.map(scalar).filter((v) => v !== null),
      );
    } else {
      const text = scalar(value);
      if (text !== null) params.set(key, text);
    }
  }
  return { params, files };
}

export function text(params: Params, key: string): string | undefined {
  const value = params.get(key);
  return typeof value === 'string' ? value : undefined;
}

export function list(params: Params, key: string): string[] {
  const value = params.get(key);
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Rails' boolean casting; undefined when the parameter is absent or blank. */
export function flag(params: Params, key: string): boolean | undefined {
  const value = text(params, key);
  if (value === undefined || value === '') return undefined;
  return !['false', '0', 'f', 'off', 'no'].includes(value.toLowerCase());
}

export const unparsable = 'Error occurred while parsing request parameters';
