// The plain fetch behind Mastodon's discovery and OAuth forms (main/core/platforms/mastodon/
// http.ts), against two real HTTP servers on 127.0.0.1: one that redirects, one that
// records what reaches it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { expectOk, request } from '../../main/core/platforms/mastodon/http.ts';

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(done))));
});

async function serve(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
}

describe('requests to a Mastodon instance', () => {
  it('never sends a form on to where a redirect points, and follows a GET', async () => {
    const reached: { method: string | undefined; body: string }[] = [];
    const elsewhere = await serve((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        reached.push({ method: req.method, body });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
    const instance = await serve((req, res) => {
      req.resume();
      res.writeHead(307, { location: `${elsewhere}/collect` }).end();
    });

    const form = { client_id: 'id', client_secret: 'secret', code: 'code' };
    const posted = await request(`${instance}/oauth/token`, {
      method: 'POST',
      form,
      timeoutMs: 5000,
    });
    expect(posted.status).toBe(307);
    expect(() => expectOk(posted)).toThrow(/HTTP 307/);
    expect(reached).toEqual([]);

    const got = await request(`${instance}/api/v2/instance`, { timeoutMs: 5000 });
    expect(got.status).toBe(200);
    expect(got.url).toBe(`${elsewhere}/collect`);
    expect(reached).toEqual([{ method: 'GET', body: '' }]);
  });
});
