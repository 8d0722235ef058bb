// The browser host's media routes over real HTTP: uploads stream into the library with
// the token and from Starling's own origin only, with the same checks as any import;
// thumbnails and files are served by id, never by path.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startBrowserHost } from '../../main/host/browser-host.ts';
import type { MediaAsset } from '../../shared/media.ts';
import { dumpDatabase, makeCore } from '../helpers/core.ts';
import { makeClientInput } from '../helpers/factories.ts';
import { imageBytes, mp4Bytes } from '../helpers/media-files.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

const token = 'upload-test-token';

async function startHost() {
  const core = await makeCore();
  const rendererDir = tempDataDir('starling-renderer-');
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Starling</title>');
  const host = await startBrowserHost({ core, rendererDir, port: 0, logger: core.logger, token });
  onTestFinished(() => host.close());
  const made = await core.invoke('clients:create', makeClientInput({ name: 'Bakery' }));
  if (!made.ok) throw new Error(made.error.message);
  const clientId = made.value.id;
  const origin = `http://127.0.0.1:${String(host.port)}`;
  return { core, host, clientId, origin };
}

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  json: () => { ok: boolean; value?: MediaAsset; error?: { code: string; message: string } };
}

function request(
  port: number,
  method: string,
  urlPath: string,
  headers: Record<string, string> = {},
  body?: Buffer | ((req: http.ClientRequest) => void),
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: urlPath, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const all = Buffer.concat(chunks);
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: all,
          json: () => JSON.parse(all.toString('utf8')) as ReturnType<Reply['json']>,
        });
      });
    });
    req.on('error', reject);
    if (typeof body === 'function') body(req);
    else req.end(body);
  });
}

const uploadPath = (clientId: string, name: string) =>
  `/api/media/upload?client=${encodeURIComponent(clientId)}&name=${encodeURIComponent(name)}&importId=up-1`;

const stored = (dataDir: string) => {
  const dir = path.join(dataDir, 'media');
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
};

describe('browser host media upload', () => {
  it('imports an upload with the token from its own origin, announces progress, and serves it by id', async () => {
    const { core, host, clientId, origin } = await startHost();
    const events: string[] = [];
    const progress: unknown[] = [];
    core.events.subscribe((event, payload) => {
      events.push(event);
      if (event === 'operation:progressed') progress.push(payload);
    });
    const png = await imageBytes('png', 500, 250);
    const reply = await request(
      host.port,
      'POST',
      uploadPath(clientId, 'banner.jpg'),
      { 'x-starling-token': token, origin, 'content-type': 'application/octet-stream' },
      png,
    );
    expect(reply.status, reply.body.toString()).toBe(200);
    const asset = reply.json().value;
    expect(asset).toMatchObject({ name: 'banner.jpg', mime: 'image/png', width: 500, height: 250 });
    // The upload is the operation the window named (importId), ending done, then the asset.
    expect(events.filter((e) => e !== 'operation:progressed')).toEqual(['media:saved']);
    expect(progress.at(-1)).toMatchObject({
      operation: 'up-1',
      kind: 'media-import',
      done: png.length,
      total: png.length,
      state: 'done',
    });

    const thumb = await request(
      host.port,
      'GET',
      `/api/media/${asset?.id ?? ''}/thumbnail?token=${token}`,
    );
    expect(thumb.status).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/webp');
    expect(thumb.headers['content-security-policy']).toContain("default-src 'self'");
    expect(await sharp(thumb.body).metadata()).toMatchObject({ width: 320, height: 160 });
    const file = await request(
      host.port,
      'GET',
      `/api/media/${asset?.id ?? ''}/file?token=${token}`,
    );
    expect(file.body.equals(png)).toBe(true);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    // A row that names a type the library never accepts (as an archive's rows could,
    // before their media were probed) does not make this origin serve a page.
    core.database.sqlite.prepare("UPDATE media_assets SET mime = 'text/html'").run();
    const asPage = await request(
      host.port,
      'GET',
      `/api/media/${asset?.id ?? ''}/file?token=${token}`,
    );
    expect(asPage.headers['content-type']).toBe('application/octet-stream');
    core.database.sqlite.prepare("UPDATE media_assets SET mime = 'image/png'").run();

    // Byte ranges, so a video can be sought without downloading it whole.
    const filePath = `/api/media/${asset?.id ?? ''}/file?token=${token}`;
    const middle = await request(host.port, 'GET', filePath, { range: 'bytes=10-19' });
    expect(middle.status).toBe(206);
    expect(middle.headers['content-range']).toBe(`bytes 10-19/${String(png.length)}`);
    expect(middle.body.equals(png.subarray(10, 20))).toBe(true);
    const tail = await request(host.port, 'GET', filePath, { range: 'bytes=-5' });
    expect(tail.body.equals(png.subarray(-5))).toBe(true);
    const beyond = await request(host.port, 'GET', filePath, { range: 'bytes=999999-' });
    expect(beyond.status).toBe(416);
  });

  it('refuses without the token, from another origin, or with a path instead of an id, storing nothing', async () => {
    const { core, host, clientId, origin } = await startHost();
    const png = await imageBytes();
    const before = dumpDatabase(core);
    const attempts = [
      request(host.port, 'POST', uploadPath(clientId, 'a.png'), { origin }, png),
      request(
        host.port,
        'POST',
        uploadPath(clientId, 'a.png'),
        { origin, 'x-starling-token': 'wrong' },
        png,
      ),
      request(
        host.port,
        'POST',
        uploadPath(clientId, 'a.png'),
        { 'x-starling-token': token, origin: 'http://evil.example' },
        png,
      ),
      request(host.port, 'POST', uploadPath(clientId, 'a.png'), { 'x-starling-token': token }, png),
    ];
    expect((await Promise.all(attempts)).map((r) => r.status)).toEqual([401, 401, 403, 403]);
    expect(dumpDatabase(core)).toEqual(before);
    expect(stored(core.dataDir)).toEqual([]);

    const reads = await Promise.all([
      request(host.port, 'GET', `/api/media/..%2F..%2Fstarling.db/file?token=${token}`),
      request(
        host.port,
        'GET',
        `/api/media/${encodeURIComponent('/etc/passwd')}/file?token=${token}`,
      ),
      request(host.port, 'GET', '/api/media/some-id/file'),
      request(host.port, 'GET', `/api/media/unknown-id/file?token=${token}`),
      request(host.port, 'GET', `/api/media/upload?token=${token}`),
    ]);
    expect(reads.map((r) => r.status)).toEqual([404, 404, 401, 404, 405]);
  });

  it('gives the same clear refusals as any import and leaves nothing behind', async () => {
    const { core, host, clientId, origin } = await startHost();
    const headers = { 'x-starling-token': token, origin };
    const video = mp4Bytes(2000);
    const before = dumpDatabase(core);
    const cases: [Reply, number, RegExp][] = [
      [
        await request(
          host.port,
          'POST',
          uploadPath(clientId, 'empty.png'),
          headers,
          Buffer.alloc(0),
        ),
        400,
        /empty\.png is empty/,
      ],
      [
        await request(
          host.port,
          'POST',
          uploadPath(clientId, 'cut.mp4'),
          headers,
          video.subarray(0, 900),
        ),
        400,
        /cut\.mp4 .*truncated/,
      ],
      [
        await request(
          host.port,
          'POST',
          uploadPath(clientId, 'note.gif'),
          headers,
          Buffer.from('hello '.repeat(100)),
        ),
        400,
        /note\.gif is not a file type/,
      ],
      [
        await request(host.port, 'POST', uploadPath('nope', 'a.png'), headers, await imageBytes()),
        404,
        /No client has the id nope/,
      ],
      [
        await request(
          host.port,
          'POST',
          '/api/media/upload?client=x&name=..%2F..%2Fetc%2Fpasswd',
          headers,
          await imageBytes(),
        ),
        400,
        /cannot contain slashes/,
      ],
    ];
    for (const [reply, status, message] of cases) {
      expect(reply.status).toBe(status);
      expect(reply.json()).toMatchObject({
        ok: false,
        error: { message: expect.stringMatching(message) },
      });
    }
    expect(dumpDatabase(core)).toEqual(before);
    expect(stored(core.dataDir)).toEqual([]);
  });

  it('discards an upload the browser abandons half way', async () => {
    const { core, host, clientId, origin } = await startHost();
    const before = dumpDatabase(core);
    const png = await imageBytes('png', 300, 300);
    await request(
      host.port,
      'POST',
      uploadPath(clientId, 'half.png'),
      { 'x-starling-token': token, origin, 'content-length': String(png.length * 4) },
      (req) => {
        req.write(png);
        setTimeout(() => req.destroy(), 100);
      },
    ).catch(() => undefined);
    // The server notices the dropped connection and removes its temporary file.
    await expect.poll(() => stored(core.dataDir), { timeout: 5000 }).toEqual([]);
    expect(dumpDatabase(core)).toEqual(before);
  });
});
