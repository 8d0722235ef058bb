// Every contract channel through the one dispatch path, on a real database: valid input
// succeeds, invalid input gets a typed VALIDATION error and changes nothing.
import { describe, expect, it } from 'vitest';
import { createDispatch, type Handlers } from '../../main/core/ipc/dispatch.ts';
import { channels, type Channel } from '../../shared/ipc/contract.ts';
import { dumpDatabase, makeCore, recordingLogger, type TestCore } from '../helpers/core.ts';
import { makeClientInput } from '../helpers/factories.ts';

interface ChannelCases {
  /** Builds a valid payload, given a fresh core with one client in it. */
  valid: (ctx: { clientId: string }) => unknown;
  check?: (value: unknown, ctx: { clientId: string; core: TestCore }) => void;
  invalid: unknown[];
}

const longName = 'x'.repeat(81);

// A record over Channel: adding a channel to the contract without cases here fails to compile.
const cases: Record<Channel, ChannelCases> = {
  'app:get-info': {
    valid: () => ({}),
    check: (v) => {
      expect(v).toMatchObject({
        name: 'Starling',
        host: 'cli',
        migrations: expect.arrayContaining(['0001-initial']),
      });
    },
    invalid: [{ extra: 1 }, 'text', [], 42],
  },
  'settings:get-preferences': {
    valid: () => ({}),
    check: (v) => {
      expect(v).toEqual({ theme: 'system', timezone: null, xClientId: null, xCallbackPort: 17823 });
    },
    invalid: [{ theme: 'dark' }, 'x'],
  },
  'settings:update-preferences': {
    valid: () => ({ theme: 'dark', timezone: 'Asia/Tokyo', xClientId: 'bG9jYWwtY2xpZW50LWlk' }),
    check: (v) => {
      expect(v).toEqual({
        theme: 'dark',
        timezone: 'Asia/Tokyo',
        xClientId: 'bG9jYWwtY2xpZW50LWlk',
        xCallbackPort: 17823,
      });
    },
    invalid: [
      { xClientId: 'has spaces in it' },
      { xCallbackPort: 80 },
      { xCallbackPort: 70000 },
      { theme: 'neon' },
      { timezone: 'Not/AZone' },
      { timezone: 5 },
      { theme: 'dark', admin: true },
    ],
  },
  'clients:list': {
    valid: () => ({ includeArchived: true }),
    check: (v) => {
      expect(v).toHaveLength(1);
    },
    invalid: [{ includeArchived: 'yes' }, { limit: 5 }],
  },
  'clients:get': {
    valid: ({ clientId }) => ({ id: clientId }),
    check: (v, { clientId }) => {
      expect(v).toMatchObject({ id: clientId });
    },
    invalid: [{}, { id: 7 }, { id: '' }, { id: 'y'.repeat(65) }],
  },
  'clients:create': {
    valid: () => ({
      name: '  Nova Bakery  ',
      timezone: 'Asia/Kolkata',
      color: '#ABCDEF',
      notes: 'Weekly',
    }),
    check: (v) => {
      expect(v).toMatchObject({
        name: 'Nova Bakery',
        timezone: 'Asia/Kolkata',
        color: '#abcdef',
        notes: 'Weekly',
        archivedAt: null,
      });
    },
    invalid: [
      {},
      { name: '' },
      { name: '   ' },
      { name: longName },
      { name: 'A', timezone: 'Mars/Olympus' },
      { name: 'A', timezone: '+02:00' },
      { name: 'A', color: 'red' },
      { name: 'A', color: '#12345' },
      { name: 'A', notes: 'n'.repeat(2001) },
      { name: 'A', id: 'chosen-id' },
      { name: ['A'] },
      JSON.parse('{"name":"A","__proto__":{"admin":true}}') as unknown,
    ],
  },
  'clients:update': {
    valid: ({ clientId }) => ({ id: clientId, name: 'Renamed', color: '#000000' }),
    check: (v) => {
      expect(v).toMatchObject({ name: 'Renamed', color: '#000000' });
    },
    invalid: [
      { name: 'No id' },
      { id: 'c', name: '' },
      { id: 'c', timezone: 'Nowhere' },
      { id: 'c', archivedAt: 1 },
    ],
  },
  'clients:archive': {
    valid: ({ clientId }) => ({ id: clientId }),
    check: (v) => {
      expect(v).toMatchObject({ archivedAt: expect.any(Number) });
    },
    invalid: [{}, { id: null }],
  },
  'clients:unarchive': {
    valid: ({ clientId }) => ({ id: clientId }),
    check: (v) => {
      expect(v).toMatchObject({ archivedAt: null });
    },
    invalid: [{}, { id: {} }],
  },
};

async function setup() {
  const core = await makeCore();
  const created = await core.dispatch('clients:create', makeClientInput({ name: 'Existing' }));
  if (!created.ok) throw new Error(created.error.message);
  return { core, clientId: (created.value as { id: string }).id };
}

describe.each(channels)('%s', (channel) => {
  const spec = cases[channel];

  it('accepts valid input', async () => {
    const { core, clientId } = await setup();
    const result = await core.dispatch(channel, spec.valid({ clientId }));
    expect(result).toMatchObject({ ok: true });
    if (result.ok) spec.check?.(result.value, { clientId, core });
  });

  it('refuses invalid input with a VALIDATION error and changes nothing', async () => {
    const { core } = await setup();
    const before = dumpDatabase(core);
    for (const input of spec.invalid) {
      const result = await core.dispatch(channel, input);
      expect(result, JSON.stringify(input)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', message: expect.any(String) },
      });
    }
    expect(dumpDatabase(core)).toEqual(before);
  });
});

describe('dispatch', () => {
  it('refuses unknown channels, including prototype names', async () => {
    const { core } = await setup();
    for (const name of ['clients:drop', '__proto__', 'constructor', 'toString', 42, null]) {
      expect(await core.dispatch(name, {})).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      });
    }
  });

  it('names the field of each problem', async () => {
    const { core } = await setup();
    const result = await core.dispatch('clients:create', { name: '', color: 'blue' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.details?.issues?.map((i) => i.path)).toEqual([['name'], ['color']]);
  });

  it('answers NOT_FOUND for an unknown client and CONFLICT for a duplicate active name', async () => {
    const { core } = await setup();
    expect(await core.dispatch('clients:update', { id: 'nope', name: 'X' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await core.dispatch('clients:create', { name: 'existing' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { issues: [{ path: ['name'] }] } },
    });
  });

  it("frees an archived client's name, and refuses to unarchive into a clash", async () => {
    const { core, clientId } = await setup();
    await core.dispatch('clients:archive', { id: clientId });
    expect(await core.dispatch('clients:create', { name: 'Existing' })).toMatchObject({ ok: true });
    expect(await core.dispatch('clients:unarchive', { id: clientId })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });

  it('logs an unexpected exception under an id and answers INTERNAL with that id', async () => {
    const logger = recordingLogger();
    const handlers = new Proxy({} as Handlers, {
      get: () => () => Promise.reject(new Error('disk on fire')),
    });
    const dispatch = createDispatch(handlers, logger);
    const result = await dispatch('clients:list', {});
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', errorId: expect.any(String) },
    });
    if (result.ok) return;
    expect(result.error.message).not.toContain('disk on fire');
    expect(logger.entries).toEqual([
      expect.objectContaining({
        level: 'error',
        fields: expect.objectContaining({ errorId: result.error.errorId }),
      }),
    ]);
  });

  it('pushes client:saved to subscribers when a client changes', async () => {
    const { core, clientId } = await setup();
    const seen: string[] = [];
    core.events.subscribe((event, payload) => {
      if (event === 'client:saved')
        seen.push((payload as { client: { name: string } }).client.name);
    });
    await core.dispatch('clients:update', { id: clientId, name: 'Pushed' });
    expect(seen).toEqual(['Pushed']);
  });
});
