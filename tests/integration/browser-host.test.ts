// The browser host's locks: loopback only, the token on every socket, Origin and Host
// checked (DNS rebinding), no files outside the built renderer. And the contract works
// over the socket exactly as over IPC. While the core is still opening (upgrading the
// user's data) the same locks hold: the upgrade page stands in for the app, its status
// needs the token, sockets and media wait ([Note: upgrade progress]).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import WebSocket from 'ws';
import { startBrowserHost } from '../../main/host/browser-host.ts';
import type { Core } from '../../main/core/create-core.ts';
import type { UpgradeProgress } from '../../shared/upgrade-progress.ts';
import { dumpDatabase, makeCore, recordingLogger } from '../helpers/core.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

function rendererFolder(): string {
  const base = tempDataDir('starling-renderer-');
  const rendererDir = path.join(base, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Starling</title>');
  fs.mkdirSync(path.join(rendererDir, 'assets'));
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(
    path.join(rendererDir, 'upgrade.html'),
    '<!doctype html><title>Upgrading</title>',
  );
  fs.writeFileSync(path.join(base, 'secret.txt'), 'outside');
  return rendererDir;
}

async function startHost() {
  const core = await makeCore();
  const rendererDir = rendererFolder();
  const host = await startBrowserHost({ core, rendererDir, port: 0, logger: core.logger });
  onTestFinished(() => host.close());
  return { core, host };
}

function get(port: number, urlPath: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>(
    (resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: urlPath, headers }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body, headers: res.headers });
        });
      });
      req.on('error', reject);
      req.end();
    },
  );
}

function connect(port: number, query: string, headers: Record<string, string>) {
  return new Promise<{ ws?: WebSocket; status?: number }>((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${String(port)}/ipc${query}`, { headers });
    ws.on('open', () => {
      resolve({ ws });
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0 });
    });
    ws.on('error', () => {
      resolve({ status: -1 });
    });
  });
}

const ownOrigin = (port: number) => ({ origin: `http://127.0.0.1:${String(port)}` });

function call(ws: WebSocket, id: number, channel: string, input: unknown) {
  return new Promise<unknown>((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse((data as Buffer).toString('utf8')) as {
        kind: string;
        id?: number;
      };
      if (message.kind === 'result' && message.id === id) {
        ws.off('message', onMessage);
        resolve(message);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, channel, input }));
  });
}

describe('browser host', () => {
  it('listens on 127.0.0.1 and prints a URL carrying a random token', async () => {
    const { host } = await startHost();
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{32}$/);
    const other = await startHost();
    expect(other.host.token).not.toBe(host.token);
  });

  it('serves the built renderer with a strict CSP, and nothing outside it', async () => {
    const { host } = await startHost();
    const index = await get(host.port, '/');
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>Starling</title>');
    expect(index.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect((await get(host.port, '/assets/app.js')).status).toBe(200);
    // A folder path is an app route: the shell, never a listing.
    expect((await get(host.port, '/assets/')).body).toContain('<title>Starling</title>');
    for (const probe of [
      '/..%2fsecret.txt',
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/%00',
      '/nope.js',
    ]) {
      const res = await get(host.port, probe);
      expect(res.status, probe).toBe(404);
      expect(res.body).not.toContain('outside');
    }
  });

  it('refuses a foreign Host header (DNS rebinding) for pages and sockets', async () => {
    const { host } = await startHost();
    expect((await get(host.port, '/', { host: 'evil.example:80' })).status).toBe(421);
    const socket = await connect(host.port, `?token=${host.token}`, {
      host: `evil.example:${String(host.port)}`,
      origin: `http://evil.example:${String(host.port)}`,
    });
    expect(socket.status).toBe(421);
  });

  it('refuses sockets without the token, with a wrong token, or from another Origin, and changes nothing', async () => {
    const { core, host } = await startHost();
    const before = dumpDatabase(core);
    expect((await connect(host.port, '', ownOrigin(host.port))).status).toBe(401);
    expect((await connect(host.port, '?token=wrong', ownOrigin(host.port))).status).toBe(401);
    expect(
      (await connect(host.port, `?token=${host.token}`, { origin: 'http://evil.example' })).status,
    ).toBe(403);
    expect((await connect(host.port, `?token=${host.token}`, {})).status).toBe(403);
    expect(dumpDatabase(core)).toEqual(before);
  });

  it('carries the contract over the socket, with push events and typed errors', async () => {
    const { host } = await startHost();
    const { ws } = await connect(host.port, `?token=${host.token}`, ownOrigin(host.port));
    if (ws === undefined) throw new Error('socket refused');
    onTestFinished(() => {
      ws.close();
    });
    const events: unknown[] = [];
    ws.on('message', (data: WebSocket.RawData) => {
      const message = JSON.parse((data as Buffer).toString('utf8')) as { kind: string };
      if (message.kind === 'event') events.push(message);
    });

    const created = await call(ws, 1, 'clients:create', {
      name: 'Over the wire',
      timezone: 'Asia/Tokyo',
    });
    expect(created).toMatchObject({
      kind: 'result',
      id: 1,
      result: { ok: true, value: { name: 'Over the wire' } },
    });
    expect(events).toEqual([expect.objectContaining({ kind: 'event', event: 'client:saved' })]);

    expect(await call(ws, 2, 'clients:create', { name: '' })).toMatchObject({
      result: { ok: false, error: { code: 'VALIDATION' } },
    });
    expect(await call(ws, 3, 'fs:read', {})).toMatchObject({
      result: { ok: false, error: { code: 'VALIDATION' } },
    });

    const garbage = new Promise<unknown>((resolve) => {
      ws.once('message', (data: WebSocket.RawData) => {
        resolve(JSON.parse((data as Buffer).toString('utf8')));
      });
    });
    ws.send('{not json');
    expect(await garbage).toMatchObject({
      kind: 'result',
      id: -1,
      result: { ok: false, error: { code: 'VALIDATION' } },
    });
    // Still serving after garbage.
    expect(await call(ws, 4, 'clients:list', {})).toMatchObject({
      result: { ok: true, value: [{ name: 'Over the wire' }] },
    });
  });

  it('serves the upgrade page and its status under the same locks until the core is ready', async () => {
    const logger = recordingLogger();
    let ready: (core: Core) => void = () => undefined;
    const opening = new Promise<Core>((resolve) => {
      ready = resolve;
    });
    let progress: UpgradeProgress | null = null;
    const host = await startBrowserHost({
      core: opening,
      upgradeProgress: () => progress,
      rendererDir: rendererFolder(),
      port: 0,
      logger,
    });
    onTestFinished(() => host.close());
    const own = { host: `127.0.0.1:${String(host.port)}` };
    const withToken = { ...own, 'x-starling-token': host.token };

    for (const route of ['/', '/index.html', '/calendar']) {
      const page = await get(host.port, route, own);
      expect(page.body).toContain('<title>Upgrading</title>');
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      expect(page.headers['cache-control']).toBe('no-store');
    }
    expect((await get(host.port, '/assets/app.js', own)).status).toBe(200);
    expect((await get(host.port, '/api/upgrade', own)).status).toBe(401);
    expect(
      (await get(host.port, '/api/upgrade', { ...own, 'x-starling-token': 'wrong' })).status,
    ).toBe(401);
    expect((await get(host.port, '/api/upgrade', { host: 'evil.example' })).status).toBe(421);
    expect(JSON.parse((await get(host.port, '/api/upgrade', withToken)).body)).toEqual({
      state: 'upgrading',
      progress: null,
    });
    progress = {
      phase: 'migrating',
      step: { index: 2, count: 3, description: 'Building the search index' },
      fraction: 1 / 3,
    };
    expect(JSON.parse((await get(host.port, '/api/upgrade', withToken)).body)).toEqual({
      state: 'upgrading',
      progress,
    });
    // Nothing reaches a core that is not there yet, even with every lock passed.
    expect(
      (await connect(host.port, `?token=${host.token}`, { ...ownOrigin(host.port), ...own }))
        .status,
    ).toBe(503);
    expect((await get(host.port, '/api/media/files/x', withToken)).status).toBe(503);
    expect(logger.entries.filter((e) => e.level === 'error')).toEqual([]);

    const core = await makeCore();
    ready(core);
    await opening;
    expect(JSON.parse((await get(host.port, '/api/upgrade', withToken)).body)).toEqual({
      state: 'ready',
    });
    expect((await get(host.port, '/', own)).body).toContain('<title>Starling</title>');
    const { ws } = await connect(host.port, `?token=${host.token}`, ownOrigin(host.port));
    if (ws === undefined) throw new Error('the socket was refused once the core was ready');
    onTestFinished(() => {
      ws.close();
    });
    expect(await call(ws, 1, 'clients:list', {})).toMatchObject({ result: { ok: true } });
  });
});
