// The OAuth redirect target: an HTTP listener on 127.0.0.1:PORT that serves exactly
// GET /callback and answers the browser with a small page saying what happened. What a
// callback means is decided by the flow that owns the listener.
import type { ServerResponse } from 'node:http';
import { http } from '../adapters/node-http.ts';
import { failure } from '../../../shared/result.ts';

export interface CallbackPage {
  status: number;
  title: string;
  message: string;
}

export interface LoopbackListener {
  port: number;
  redirectUri: string;
  /** Stops listening and drops open connections; safe to call twice. */
  close(): Promise<void>;
}

export const callbackPath = '/callback';

export const redirectUriFor = (port: number) => `http://127.0.0.1:${String(port)}${callbackPath}`;

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

export function renderPage({ title, message }: Omit<CallbackPage, 'status'>): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · Starling</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:15vh auto;padding:0 1.5rem;color:#1f2937}
h1{font-size:1.4rem}@media (prefers-color-scheme:dark){body{background:#111827;color:#e5e7eb}}</style></head>
<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>
`;
}

function send(res: ServerResponse, page: CallbackPage): void {
  res.writeHead(page.status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    // One request per connection, so closing the listener never waits on a browser.
    connection: 'close',
  });
  res.end(renderPage(page));
}

export async function listenForCallback(
  port: number,
  /** The network signing in, as the user knows it (its label). */
  network: string,
  onCallback: (query: URLSearchParams) => Promise<CallbackPage>,
): Promise<LoopbackListener> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== callbackPath) {
      send(res, {
        status: 404,
        title: 'Not found',
        message: `Starling is waiting for ${network} to send you back; this address is not part of it.`,
      });
      return;
    }
    if (req.method !== 'GET') {
      send(res, { status: 405, title: 'Not allowed', message: 'Only GET is answered here.' });
      return;
    }
    onCallback(url.searchParams).then(
      (page) => {
        send(res, page);
      },
      () => {
        send(res, {
          status: 500,
          title: 'Something went wrong',
          message: 'Starling could not finish connecting the account. Go back to Starling.',
        });
      },
    );
  });
  server.keepAliveTimeout = 1000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE' || error.code === 'EACCES'
          ? failure(
              'CONFLICT',
              `Port ${String(port)} on 127.0.0.1 is in use by another program, so ${network} ` +
                'cannot send you back to Starling there. Close that program, or pick another port ' +
                '(Settings → Set up X → Callback port, or --port N on the command line) and add ' +
                `http://127.0.0.1:N/callback to your ${network} app's callback URLs.`,
              { details: { port } },
            )
          : error,
      );
    });
    server.listen({ host: '127.0.0.1', port, exclusive: true }, resolve);
  });

  // Listening succeeded; a later socket error must not take the process down.
  server.on('error', () => undefined);
  let closing: Promise<void> | null = null;
  return {
    port,
    redirectUri: redirectUriFor(port),
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeIdleConnections();
        // A browser's spare pre-connections would otherwise hold the port open.
        setTimeout(() => {
          server.closeAllConnections();
        }, 2000).unref();
      });
      return closing;
    },
  };
}
