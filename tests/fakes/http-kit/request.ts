// A received request, read in full, and the body decoders handlers share (JSON and
// form bodies are both accepted where X accepts both).
import type { IncomingHttpHeaders } from 'node:http';

export interface FakeRequest {
  method: string;
  /** Host header, lower-cased, without a default port. */
  host: string;
  path: string;
  url: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Path parameters filled in by the router. */
  params: Record<string, string>;
}

export function contentType(req: FakeRequest): string {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export function isFormBody(req: FakeRequest): boolean {
  return contentType(req) === 'application/x-www-form-urlencoded';
}

/** A JSON object body, or null when the body is not a JSON object. */
export function jsonBody(req: FakeRequest): Record<string, unknown> | null {
  if (req.body.length === 0) return {};
  try {
    const value: unknown = JSON.parse(req.body.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** Flat string parameters from a form or JSON body (OAuth endpoints accept both). */
export function flatParams(req: FakeRequest): Record<string, string> | null {
  if (isFormBody(req)) return Object.fromEntries(new URLSearchParams(req.body.toString('utf8')));
  const body = jsonBody(req);
  if (body === null) return null;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string') out[key] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') out[key] = String(value);
  }
  return out;
}

export function summariseBody(req: FakeRequest): string | undefined {
  if (req.body.length === 0) return undefined;
  const type = contentType(req);
  if (type.startsWith('multipart/')) return `[multipart ${req.body.length} bytes]`;
  if (type === 'application/json' || type === 'application/x-www-form-urlencoded' || type === '') {
    return req.body.toString('utf8');
  }
  return `[${type} ${req.body.length} bytes]`;
}
