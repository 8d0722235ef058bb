// Hostile input (security issue, item 2): generated malformed payloads — wrong types,
// huge strings, deep nesting, prototype-pollution keys, invalid dates, path traversal —
// sent to every contract channel through the one dispatch, and as raw frames to the
// browser host's socket in a real `starling serve` process. Every one must be answered
// with a typed error, nothing may crash, and the database must be byte-for-byte the same.
// Payloads a schema accepts are dropped there; the last part sends hostile content the
// schema must accept (a CSV's cells) to the handler that reads it.
import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { channels, contract, type Channel } from '../../shared/ipc/contract.ts';
import { dumpDatabase, dumpSqlite, makeCore } from '../helpers/core.ts';
import { makeClientInput } from '../helpers/factories.ts';
import { makeAccount } from '../helpers/post-factories.ts';
import { serveApp } from '../helpers/serve.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

/** At least this many rejected payloads through dispatch, and again through the socket. */
const minimumPayloads = 10_000;
const seed = 20261124;

const traversal = [
  '../../../../etc/passwd',
  '..\\..\\..\\Windows\\win.ini',
  '/etc/shadow',
  'file:///etc/passwd',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '~/.ssh/id_rsa',
  'media/../../starling.db',
  '\\\\?\\C:\\Windows',
  'a\u0000b',
];
const badDates = [
  '2026-02-30T09:00:00Z',
  '2026-13-01',
  '24:61',
  'not a date',
  '0000-00-00T00:00:00+99:99',
  '2026-03-29 02:30',
  '',
];
const nasty = ["'; DROP TABLE posts; --", '<script>alert(1)</script>', '\u202e', '🐦'.repeat(500)];

/** A value nested `depth` levels deep, in objects or arrays. */
function nest(depth: number, inArrays: boolean): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i += 1) value = inArrays ? [value] : { a: value };
  return value;
}

const hostileString = fc.oneof(
  { arbitrary: fc.string({ maxLength: 40 }), weight: 6 },
  { arbitrary: fc.constantFrom(...traversal, ...badDates, ...nasty), weight: 6 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 60 }), weight: 2 },
  { arbitrary: fc.integer({ min: 10_000, max: 300_000 }).map((n) => 'x'.repeat(n)), weight: 1 },
);

const hostileLeaf = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 2 ** 53 + 2, -1, 0),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.date({ noInvalidDate: false }),
);

const polluting = fc.constantFrom<unknown>(
  JSON.parse('{"__proto__": {"polluted": true}}'),
  JSON.parse('{"constructor": {"prototype": {"polluted": true}}}'),
  JSON.parse('{"id": "x", "__proto__": {"polluted": true}}'),
  JSON.parse('{"name": "x", "prototype": {"polluted": true}}'),
);

const deep = fc
  .tuple(fc.integer({ min: 50, max: 3_000 }), fc.boolean())
  .map(([depth, inArrays]) => nest(depth, inArrays));

/** The top-level field names a channel's schema knows, to aim values at real fields. */
function fieldsOf(schema: z.ZodType): string[] {
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function hostilePayload(channel: Channel): fc.Arbitrary<unknown> {
  const keys = [...fieldsOf(contract[channel].input), '__proto__', 'constructor', 'prototype'];
  const value = fc.oneof(
    { arbitrary: hostileLeaf, weight: 8 },
    { arbitrary: fc.array(hostileLeaf, { maxLength: 5 }), weight: 2 },
    { arbitrary: fc.dictionary(hostileString, hostileLeaf, { maxKeys: 4 }), weight: 2 },
    { arbitrary: deep, weight: 1 },
    { arbitrary: polluting, weight: 1 },
  );
  return fc.oneof(
    { arbitrary: fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 4 }), weight: 8 },
    {
      arbitrary: fc.anything({
        maxDepth: 3,
        withNullPrototype: true,
        withBoxedValues: true,
        withMap: true,
        withSet: true,
        withTypedArray: true,
        withSparseArray: true,
        withDate: true,
      }),
      weight: 3,
    },
    { arbitrary: deep, weight: 1 },
    { arbitrary: polluting, weight: 1 },
    { arbitrary: hostileLeaf, weight: 1 },
  );
}

/** Generated payloads per channel that its schema refuses (accidentally valid ones are dropped). */
function malformedPayloads(perChannel: number): { channel: Channel; input: unknown }[] {
  const out: { channel: Channel; input: unknown }[] = [];
  channels.forEach((channel, i) => {
    const samples = fc.sample(hostilePayload(channel), { numRuns: perChannel, seed: seed + i });
    for (const input of samples) {
      if (!contract[channel].input.safeParse(input ?? {}).success) out.push({ channel, input });
    }
  });
  return out;
}

const perChannel = Math.ceil((minimumPayloads * 1.15) / channels.length);

/** JSON where it exists (undefined, functions and symbols have none). */
function shown(value: unknown): string {
  const json: unknown = JSON.stringify(value);
  return typeof json === 'string' ? json : String(value);
}
function expectNotPolluted(): void {
  const probe: Record<string, unknown> = {};
  expect(probe['polluted']).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty('polluted');
}

describe('hostile input through dispatch', () => {
  it(`answers ≥ ${String(minimumPayloads)} malformed payloads to every channel with a VALIDATION error and changes nothing`, async () => {
    const core = await makeCore();
    await core.invoke('clients:create', makeClientInput({ name: 'Fuzz target' }));
    const before = dumpDatabase(core);
    const payloads = malformedPayloads(perChannel);
    expect(payloads.length).toBeGreaterThanOrEqual(minimumPayloads);
    expect(new Set(payloads.map((p) => p.channel))).toEqual(new Set(channels));

    const codes = new Map<string, number>();
    for (const { channel, input } of payloads) {
      const result = await core.dispatch(channel, input);
      const code = result.ok ? 'OK' : result.error.code;
      codes.set(code, (codes.get(code) ?? 0) + 1);
      if (code !== 'VALIDATION') {
        throw new Error(`${channel} answered ${code} to ${shown(input).slice(0, 300)}`);
      }
    }
    expect([...codes.keys()]).toEqual(['VALIDATION']);
    // Unknown channel names, prototype names included, are refused too.
    for (const name of fc.sample(
      fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'hasOwnProperty')),
      { numRuns: 300, seed },
    )) {
      expect(await core.dispatch(name, {})).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      });
    }
    expectNotPolluted();
    expect(dumpDatabase(core)).toEqual(before);
  }, 180_000);
});

describe('schema-valid hostile content', () => {
  it('a CSV import whose every row smuggles a path, a script or a bad time writes nothing', async () => {
    const core = await makeCore();
    const created = await core.invoke('clients:create', makeClientInput({ name: 'Fuzz CSV' }));
    if (!created.ok) throw new Error(created.error.message);
    // A real account, so rows get past the account check to their media and times.
    await makeAccount(core.database.db, created.value.id, { handle: 'fuzzed' });
    const before = dumpDatabase(core);
    const outcomes = new Map<string, number>();
    const cell = fc.oneof(
      fc.constantFrom(...traversal, ...badDates, ...nasty),
      fc.string({ maxLength: 30 }),
    );
    // Every row names media outside anything the user chose: none can be imported.
    const row = fc
      .tuple(cell, fc.constantFrom('@fuzzed', 'fuzzed'), fc.constantFrom(...traversal), cell)
      .map((cells) => cells.map((c) => `"${c.replaceAll('"', '""')}"`).join(','));
    const documents = fc.sample(
      fc.tuple(fc.array(row, { minLength: 1, maxLength: 20 }), fc.boolean(), fc.boolean()),
      { numRuns: 300, seed },
    );
    for (const [rows, dryRun, validRowsOnly] of documents) {
      const csv = ['text,account,media,when', ...rows].join('\r\n');
      const result = await core.invoke('data:import-csv', { csv, dryRun, validRowsOnly });
      if (result.ok) {
        const report = result.value;
        expect(report).toMatchObject({ imported: 0, valid: 0 });
      } else {
        expect(['VALIDATION', 'NOT_FOUND']).toContain(result.error.code);
      }
      const key = result.ok ? 'report' : result.error.code;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    }
    // Most documents reach the per-row checks (the handler), not just a refusal up front.
    expect(outcomes.get('report') ?? 0).toBeGreaterThan(documents.length / 2);
    expectNotPolluted();
    expect(dumpDatabase(core)).toEqual(before);
  }, 120_000);
});

/** Every row of every table of a database file another process owns (read-only). */
function dumpFile(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return dumpSqlite(db);
  } finally {
    db.close();
  }
}

interface Answer {
  kind: string;
  id: number;
  result: { ok: boolean; error?: { code: string } };
}

describe('hostile input through the browser host socket', () => {
  it('answers every malformed frame with a typed error and keeps serving', async () => {
    const dataDir = tempDataDir();
    const app = await serveApp(dataDir);
    const dbFile = path.join(dataDir, 'starling.db');
    const before = dumpFile(dbFile);

    const ws = new WebSocket(`ws://127.0.0.1:${String(app.port)}/ipc?token=${app.token}`, {
      headers: { Origin: app.origin },
      maxPayload: 256 * 1024 * 1024,
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => {
        resolve();
      });
      ws.once('error', reject);
    });
    const waiting = new Map<number, (answer: Answer) => void>();
    const protocolErrors: Answer[] = [];
    ws.on('message', (data: Buffer) => {
      const answer = JSON.parse(data.toString()) as Answer;
      if (answer.kind !== 'result') return;
      if (answer.id === -1) protocolErrors.push(answer);
      else waiting.get(answer.id)?.(answer);
    });
    let nextId = 1;
    const request = (channel: unknown, input: unknown) =>
      new Promise<Answer>((resolve) => {
        const id = nextId++;
        waiting.set(id, resolve);
        ws.send(JSON.stringify({ id, channel, input }));
      });

    // Payloads that survive JSON (undefined, Maps, NaN … become something else on the
    // wire) are checked against the schema again after the round trip through JSON.
    const payloads = malformedPayloads(perChannel)
      .map(({ channel, input }) => ({
        channel,
        input: JSON.parse(JSON.stringify({ input })) as { input?: unknown },
      }))
      .filter(
        ({ channel, input }) => !contract[channel].input.safeParse(input.input ?? {}).success,
      );
    expect(payloads.length).toBeGreaterThanOrEqual(minimumPayloads);
    for (let i = 0; i < payloads.length; i += 200) {
      const batch = payloads.slice(i, i + 200);
      const answers = await Promise.all(batch.map((p) => request(p.channel, p.input.input)));
      answers.forEach((answer, j) => {
        if (answer.result.error?.code !== 'VALIDATION') {
          throw new Error(
            `${batch[j]?.channel ?? '?'} answered ${JSON.stringify(answer.result).slice(0, 200)}`,
          );
        }
      });
    }

    // Frames that are not requests at all: each gets the protocol error, none a crash.
    const frames: (string | Buffer)[] = [
      'not json',
      '[]',
      'null',
      '42',
      '{"id": "1", "channel": "clients:list", "input": {}}',
      '{"id": 1.5, "channel": "clients:list"}',
      '{"channel": "clients:list"}',
      `{"id": ${'9'.repeat(400)}, "channel": "clients:list"}`,
      '{"__proto__": {"polluted": true}, "id": "x"}',
      `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
      Buffer.from([0xff, 0xfe, 0x00, 0x01]),
      '\u0000\u0001',
    ];
    for (const frame of frames) ws.send(frame);
    await expect.poll(() => protocolErrors.length, { timeout: 10_000 }).toBe(frames.length);
    expect(protocolErrors.every((a) => a.result.error?.code === 'VALIDATION')).toBe(true);

    // Still serving, and nothing written.
    const info = await request('app:get-info', {});
    expect(info.result.ok).toBe(true);
    ws.close();
    expect(dumpFile(dbFile)).toEqual(before);
  }, 240_000);
});
