// The media relay against a real S3-compatible server (s3rver on 127.0.0.1, checking SigV4
// signatures and presigned URLs' expiry): put, sign, fetch without keys, expire, release,
// the sweep of day-old relay objects, settings that cannot work, and the secret kept out
// of every answer, event, log line and file but the vault's ciphertext.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createPassphraseCipher } from '../../main/core/adapters/passphrase-cipher.ts';
import type { RelaySettingsInput } from '../../shared/relay.ts';
import { dumpDatabase, expectOk, makeCore, recordEvents, type TestCore } from '../helpers/core.ts';
import { s3Keys, startS3, type S3Server } from '../helpers/s3-server.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';
import { testPassphrase } from '../helpers/x-accounts.ts';

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

function settingsFor(s3: S3Server, change: Partial<RelaySettingsInput> = {}): RelaySettingsInput {
  return { endpoint: s3.endpoint, region: s3.region, bucket: s3.bucket, ...s3Keys, ...change };
}

/** A core whose vault is open (the relay's keys are sealed by it), on the real clock. */
async function relayCore(dataDir = tempDataDir()): Promise<TestCore> {
  const core = await makeCore({
    dataDir,
    ports: { cipher: createPassphraseCipher(dataDir, testPassphrase) },
  });
  core.clock.set(Date.now());
  return core;
}

/** A core on the real clock (the server checks signatures against it) with a relay saved. */
async function setup(): Promise<{ core: TestCore; s3: S3Server }> {
  const s3 = await startS3();
  const core = await relayCore();
  expectOk(await core.invoke('relay:save', settingsFor(s3)));
  return { core, s3 };
}

/** Another program's client of the same bucket, for keys that are not the relay's. */
async function putOther(s3: S3Server, key: string): Promise<void> {
  const client = new S3Client({
    endpoint: s3.endpoint,
    region: s3.region,
    forcePathStyle: true,
    // A copy: the SDK marks the credentials object it is given ($source).
    credentials: { ...s3Keys },
  });
  await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: key, Body: 'not ours' }));
  client.destroy();
}

describe('media relay: put and presign', () => {
  it('puts a file under an unguessable relay key and signs a URL that fetches it for an hour', async () => {
    const { core, s3 } = await setup();
    const one = await core.relay.put({ bytes: png, contentType: 'image/png' });
    const two = await core.relay.put({ bytes: png, contentType: 'image/png' });

    expect(one.key).toMatch(/^starling-relay\/[0-9a-f]{32}\.png$/);
    expect(two.key).not.toBe(one.key);
    expect(one.expiresAt).toBe(core.clock.now() + 3_600_000);
    const url = new URL(one.url);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('3600');
    expect(url.searchParams.get('X-Amz-Credential')).toContain(s3Keys.accessKeyId);
    expect(one.url).not.toContain(s3Keys.secretAccessKey);

    // Fetched with no keys at all, as a network does.
    const response = await fetch(one.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(png);
    expect(s3.keys()).toEqual([one.key, two.key].sort());
  });

  it('streams a file from disk, and never signs for longer than an hour', async () => {
    const { core, s3 } = await setup();
    const file = path.join(tempDataDir(), 'clip.mp4');
    const bytes = new Uint8Array(300_000).map((_, i) => i % 251);
    fs.writeFileSync(file, bytes);

    const put = await core.relay.put({ path: file, contentType: 'video/mp4' }, { lifetimeS: 7200 });
    expect(put.key).toMatch(/\.mp4$/);
    expect(new URL(put.url).searchParams.get('X-Amz-Expires')).toBe('3600');
    expect(put.expiresAt).toBe(core.clock.now() + 3_600_000);
    const got = await fetch(put.url);
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(bytes);
    expect(s3.keys()).toEqual([put.key]);
  });

  it('hands out a URL the server refuses once it has expired', async () => {
    const { core } = await setup();
    const short = await core.relay.put({ bytes: png, contentType: 'image/png' }, { lifetimeS: 2 });
    expect((await fetch(short.url)).status).toBe(200);
    await sleep(short.expiresAt - Date.now() + 1_500);
    const late = await fetch(short.url);
    expect(late.status).toBe(403);
    expect(await late.text()).toMatch(/expired/i);

    // Signed an hour and a second ago: the hour is the server's to enforce, and it does.
    core.clock.set(Date.now() - 3_601_000);
    const old = await core.relay.put({ bytes: png, contentType: 'image/png' });
    expect((await fetch(old.url)).status).toBe(403);
  });
});

describe('media relay: release and sweep', () => {
  it('release deletes the object, and touches only relay keys', async () => {
    const { core, s3 } = await setup();
    await putOther(s3, 'photos/keep.jpg');
    const put = await core.relay.put({ bytes: png, contentType: 'image/png' });

    await core.relay.release(put.key);
    expect(s3.keys()).toEqual(['photos/keep.jpg']);
    expect((await fetch(put.url)).status).toBe(404);
    // Released twice (a retry after a lost answer): still fine.
    await core.relay.release(put.key);

    await expect(core.relay.release('photos/keep.jpg')).rejects.toMatchObject({
      error: { code: 'VALIDATION' },
    });
    await expect(core.relay.release('starling-relay/')).rejects.toMatchObject({
      error: { code: 'VALIDATION' },
    });
    expect(s3.keys()).toEqual(['photos/keep.jpg']);
  });

  it('the sweep deletes relay objects older than a day and leaves every other key', async () => {
    const { core, s3 } = await setup();
    const old = await core.relay.put({ bytes: png, contentType: 'image/png' });
    const fresh = await core.relay.put({ bytes: png, contentType: 'image/png' });
    const almost = await core.relay.put({ bytes: png, contentType: 'image/png' });
    for (const key of ['photos/old.jpg', 'starling-relay-notes.txt', 'backup/starling-relay/x']) {
      await putOther(s3, key);
      s3.backdate(key, 30 * 86_400_000);
    }
    s3.backdate(old.key, 25 * 3_600_000);
    s3.backdate(almost.key, 23 * 3_600_000);

    expect(await core.relay.sweep()).toEqual({ deleted: 1, kept: 2 });
    expect(s3.keys()).toEqual(
      [
        fresh.key,
        almost.key,
        'photos/old.jpg',
        'starling-relay-notes.txt',
        'backup/starling-relay/x',
      ].sort(),
    );
  });

  it('sweeps when a publishing host starts', async () => {
    const s3 = await startS3();
    const dataDir = tempDataDir();
    const first = await relayCore(dataDir);
    expectOk(await first.invoke('relay:save', settingsFor(s3)));
    const old = await first.relay.put({ bytes: png, contentType: 'image/png' });
    const fresh = await first.relay.put({ bytes: png, contentType: 'image/png' });
    await first.close();
    s3.backdate(old.key, 2 * 86_400_000);

    const core = await relayCore(dataDir);
    await core.startBackground();
    for (let i = 0; i < 100 && s3.keys().length > 1; i += 1) await sleep(50);
    expect(s3.keys()).toEqual([fresh.key]);
  });

  it('has nothing to sweep and nothing to put without a relay', async () => {
    const core = await makeCore();
    expect(await core.relay.sweep()).toBeNull();
    await expect(core.relay.put({ bytes: png, contentType: 'image/png' })).rejects.toMatchObject({
      error: { code: 'NOT_FOUND', message: expect.stringMatching(/No media relay is set up/) },
    });
    expect(await core.invoke('relay:test', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});

/** An HTTP server that is not S3 (a web page answering 404 to everything). */
async function notS3(): Promise<string> {
  const server = http.createServer((req, res) => {
    req.resume();
    res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not here</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      ),
  );
  return `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
  return `http://127.0.0.1:${String(port)}`;
}

describe('media relay: settings that cannot work', () => {
  it('refuses each with words that say what to fix, and keeps nothing', async () => {
    const s3 = await startS3();
    const core = await relayCore();
    const before = dumpDatabase(core);
    const cases: [Partial<RelaySettingsInput>, RegExp][] = [
      [{ secretAccessKey: 'not-the-secret' }, /secret access key does not match/],
      [{ accessKeyId: 'AKIAUNKNOWN' }, /does not know this access key id/],
      [{ bucket: 'no-such-bucket' }, /no bucket “no-such-bucket”/],
      [{ endpoint: await closedPort() }, /nothing answers at that address/],
      [{ endpoint: await notS3() }, /answered HTTP 404.*not how an S3-compatible service answers/],
    ];
    for (const [change, words] of cases) {
      const result = await core.invoke('relay:save', settingsFor(s3, change));
      expect(result, JSON.stringify(change)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', message: expect.stringMatching(words) },
      });
      if (result.ok) continue;
      expect(result.error.message).toMatch(/^The relay was not saved\./);
      expect(result.error.details?.report).toMatchObject({
        ok: false,
        steps: [
          { step: 'put', outcome: 'failed' },
          { step: 'presign', outcome: 'skipped' },
          { step: 'fetch', outcome: 'skipped' },
          { step: 'delete', outcome: 'skipped' },
        ],
      });
    }
    expect(dumpDatabase(core)).toEqual(before);
    expect(expectOk(await core.invoke('relay:get', {}))).toEqual({ relay: null });
    expect(s3.keys()).toEqual([]);
  });

  it('a failed test of new settings leaves the saved relay as it was', async () => {
    const { core, s3 } = await setup();
    const saved = expectOk(await core.invoke('relay:get', {}));
    const wrong = await core.invoke('relay:save', settingsFor(s3, { bucket: 'other-bucket' }));
    expect(wrong).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(expectOk(await core.invoke('relay:get', {}))).toEqual(saved);

    // The keys left out: the saved ones are used (and kept) for a change of region name.
    const test = expectOk(
      await core.invoke('relay:test', {
        settings: { endpoint: s3.endpoint, region: s3.region, bucket: s3.bucket },
      }),
    );
    expect(test.ok).toBe(true);

    // Another server: the saved keys never sign for it; it needs keys of its own.
    const elsewhere = await startS3();
    const moved = await core.invoke('relay:test', {
      settings: { endpoint: elsewhere.endpoint, region: s3.region, bucket: s3.bucket },
    });
    expect(moved).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('A new endpoint needs') },
    });
    expect(elsewhere.requests).toEqual([]);
  });
});

describe('media relay: the test, step by step', () => {
  it('reports put, presign, fetch and delete in words, and leaves nothing behind', async () => {
    const { core, s3 } = await setup();
    s3.requests.length = 0;
    const report = expectOk(await core.invoke('relay:test', {}));
    expect(report.ok).toBe(true);
    expect(report.steps.map((s) => [s.step, s.outcome])).toEqual([
      ['put', 'passed'],
      ['presign', 'passed'],
      ['fetch', 'passed'],
      ['delete', 'passed'],
    ]);
    expect(report.steps[0]?.message).toMatch(
      /^Put a \d+-byte test object at starling-relay\/test-[0-9a-f]{32}\.txt/,
    );
    expect(report.warnings).toEqual([expect.stringMatching(/on this computer/)]);
    expect(s3.keys()).toEqual([]);
    // put, then the fetch through the link (no Authorization), then delete.
    expect(s3.requests.map((r) => r.method)).toEqual(['PUT', 'GET', 'DELETE']);
  });
});

describe('media relay: the secret stays in the vault', () => {
  it('reaches no answer, event, log line or file but the sealed row', async () => {
    const s3 = await startS3();
    const core = await relayCore();
    const seen = recordEvents(core.events);
    const answers: unknown[] = [];
    answers.push(await core.dispatch('relay:save', settingsFor(s3)));
    answers.push(await core.dispatch('relay:save', settingsFor(s3, { secretAccessKey: 'wrong' })));
    answers.push(await core.dispatch('relay:get', {}));
    answers.push(await core.dispatch('relay:test', {}));
    answers.push(
      await core.dispatch('relay:test', { settings: settingsFor(s3, { bucket: 'no-such' }) }),
    );
    const put = await core.relay.put({ bytes: png, contentType: 'image/png' });
    await core.relay.release(put.key);
    await core.relay.sweep();

    const secret = s3Keys.secretAccessKey;
    const everything = JSON.stringify({ answers, seen, log: core.logger.entries });
    expect(everything).toContain('relay-bucket');
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(s3Keys.accessKeyId);
    // A signed URL names the key id (SigV4 does), never the secret.
    expect(put.url).not.toContain(secret);
    expect(answers[2]).toMatchObject({ ok: true, value: { relay: { hasKeys: true } } });

    await core.close();
    for (const file of fs.readdirSync(core.dataDir, { recursive: true, encoding: 'utf8' })) {
      const full = path.join(core.dataDir, file);
      if (!fs.statSync(full).isFile()) continue;
      const text = fs.readFileSync(full).toString('latin1');
      expect(text, file).not.toContain(secret);
      expect(text, file).not.toContain(s3Keys.accessKeyId);
    }
  });
});
