// The browser host's adapter for the media routes (media-routes.ts): Node's request in,
// a JSON answer or a streamed file out, with the renderer's security headers.
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleMediaRequest, type MediaRouteOptions } from '../serving/media-routes.ts';
import { securityHeaders } from '../serving/renderer-assets.ts';

export async function serveMedia(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  options: MediaRouteOptions,
): Promise<void> {
  const answer = await handleMediaRequest(
    {
      method: req.method ?? 'GET',
      url,
      header: (name) => {
        const value = req.headers[name.toLowerCase()];
        return Array.isArray(value) ? value[0] : value;
      },
      body: req.method === 'POST' ? req : null,
    },
    options,
  );
  const headers = { ...securityHeaders, ...answer.headers };
  if ('json' in answer) {
    // A refusal before the body was read: say so and close, instead of draining gigabytes.
    if (!req.complete && req.method === 'POST') headers['Connection'] = 'close';
    res.writeHead(answer.status, { ...headers, 'Content-Type': 'application/json' });
    res.end(JSON.stringify(answer.json));
    return;
  }
  res.writeHead(answer.status, {
    ...headers,
    'Content-Length': String(answer.end - answer.start + 1),
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  fs.createReadStream(answer.file, { start: answer.start, end: answer.end }).pipe(res);
}
