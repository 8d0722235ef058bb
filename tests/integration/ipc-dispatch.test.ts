// Every contract channel through the one dispatch path, on a real database: valid input
// succeeds, invalid input gets a typed VALIDATION error and changes nothing.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPassphraseCipher } from '../../main/core/adapters/passphrase-cipher.ts';
import { createDispatch, type Handlers } from '../../main/core/ipc/dispatch.ts';
import { createCredentialStore } from '../../main/core/vault/credential-store.ts';
import { createWrappedKeyCipher } from '../../main/shell/wrapped-key-cipher.ts';
import { channels, type Channel, type coreChannels } from '../../shared/ipc/contract.ts';
import { accountsCases, oauth1App } from './ipc-cases/accounts.ts';
import { analyticsCases } from './ipc-cases/analytics.ts';
import { calendarCases } from './ipc-cases/calendar.ts';
import { composerCases } from './ipc-cases/composer.ts';
import { dataCases } from './ipc-cases/data.ts';
import { mediaCases } from './ipc-cases/media.ts';
import { progressCases } from './ipc-cases/progress.ts';
import type { ChannelCases, Ctx } from './ipc-cases/types.ts';
import { dumpDatabase, recordingLogger } from '../helpers/core.ts';
import { makeClientInput } from '../helpers/factories.ts';
import { makePost } from '../helpers/post-factories.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';
import {
  freePort,
  makeXCore,
  startX,
  testPassphrase,
  testXClientId,
} from '../helpers/x-accounts.ts';

const longName = 'x'.repeat(81);

/** A schedule payload for the setup's client and account, with `extra` over it. */
const schedule = ({ clientId, accountId }: Ctx, extra: Record<string, unknown> = {}) => ({
  clientId,
  accountIds: [accountId],
  parts: [{ text: 'Hello from dispatch' }],
  when: { at: '2026-12-01 09:00', timezone: 'Europe/Berlin' },
  ...extra,
});
const bogusCtx: Ctx = { clientId: 'c', accountId: 'a', port: 0, postId: 'p', failedPostId: 'f' };
const badIds = [{}, { id: '' }, { id: 5 }, { id: 'y'.repeat(65) }, { id: 'p', force: true }];

// The foundation's channels; each feature's cases are in ./ipc-cases/.
const foundationCases: Record<keyof typeof coreChannels, ChannelCases> = {
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
      expect(v).toEqual({
        theme: 'system',
        timezone: null,
        xClientId: null,
        xCallbackPort: 17823,
        firstRunDone: false,
      });
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
        firstRunDone: false,
      });
    },
    invalid: [
      { xClientId: 'has spaces in it' },
      { xCallbackPort: 80 },
      { xCallbackPort: 70000 },
      { firstRunDone: 'yes' },
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
  'posts:schedule': {
    valid: (ctx) =>
      schedule(ctx, {
        parts: [
          { text: 'Hello from dispatch', variants: { [ctx.accountId]: 'Hello, @existing' } },
          { text: 'Part two' },
        ],
      }),
    check: (v, { core, accountId }) => {
      expect(v).toMatchObject({
        status: 'scheduled',
        scheduledAt: Date.UTC(2026, 11, 1, 8, 0),
        timezone: 'Europe/Berlin',
        localTime: '2026-12-01T09:00',
        firstLine: 'Hello from dispatch',
        targets: [{ accountId, handle: 'existing', status: 'scheduled', attempts: 0 }],
      });
      expect(dumpDatabase(core).publish_jobs).toEqual([
        expect.objectContaining({
          kind: 'publish',
          status: 'pending',
          run_at: Date.UTC(2026, 11, 1, 8, 0),
          max_attempts: 5,
          account_id: accountId,
        }),
      ]);
    },
    invalid: [
      {},
      schedule(bogusCtx, { accountIds: [] }),
      schedule(bogusCtx, { accountIds: ['a', 'a'] }),
      schedule(bogusCtx, { parts: [] }),
      schedule(bogusCtx, { parts: [{ text: '   ' }] }),
      schedule(bogusCtx, { parts: [{ text: 'a'.repeat(10_001) }] }),
      schedule(bogusCtx, { parts: [{ text: 'ok', variants: { other: 'x' } }] }),
      schedule(bogusCtx, {
        parts: [{ text: 'ok', media: [{ mediaId: 'm', altText: 'a'.repeat(2001) }] }],
      }),
      schedule(bogusCtx, {
        parts: [{ text: 'ok', media: ['1', '2', '3', '4', '5'].map((mediaId) => ({ mediaId })) }],
      }),
      schedule(bogusCtx, { when: 'tomorrow' }),
      schedule(bogusCtx, { when: { at: '2026-12-01 09:00', timezone: 'Mars/Olympus' } }),
      schedule(bogusCtx, { when: { at: '' } }),
      schedule(bogusCtx, { status: 'published' }),
    ],
  },
  'posts:list': {
    valid: () => ({ from: Date.UTC(2026, 10, 1), to: Date.UTC(2026, 11, 1), status: 'scheduled' }),
    check: (v, { postId }) => {
      expect(v).toEqual([expect.objectContaining({ id: postId, status: 'scheduled' })]);
    },
    invalid: [
      { from: 'yesterday' },
      { from: 1.5 },
      { status: 'gone' },
      { from: 2, to: 1 },
      { limit: 0 },
      { limit: 5000 },
      { clientId: '' },
      { account: 'a' },
    ],
  },
  'posts:get': {
    valid: ({ postId }) => ({ id: postId }),
    check: (v, { postId }) => {
      expect(v).toMatchObject({ id: postId, parts: [{ position: 0, text: 'Scheduled post' }] });
    },
    invalid: badIds,
  },
  'posts:cancel': {
    valid: ({ postId }) => ({ id: postId }),
    check: (v) => {
      expect(v).toMatchObject({ status: 'cancelled', targets: [{ status: 'cancelled' }] });
    },
    invalid: badIds,
  },
  'posts:reschedule': {
    valid: ({ postId }) => ({ id: postId, when: { at: '2026-12-02T10:00' } }),
    check: (v) => {
      expect(v).toMatchObject({
        status: 'scheduled',
        localTime: '2026-12-02T10:00',
        scheduledAt: Date.UTC(2026, 11, 2, 9, 0),
      });
    },
    invalid: [
      { id: 'p' },
      { id: 'p', when: 'soon' },
      { id: 'p', when: { at: '2026-12-02 10:00', timezone: '+01:00' } },
      { id: 'p', when: { at: '2026-12-02 10:00' }, extra: 1 },
      { when: { at: '2026-12-02 10:00' } },
    ],
  },
  'posts:retry': {
    valid: ({ failedPostId }) => ({ id: failedPostId }),
    check: (v, { core }) => {
      expect(v).toMatchObject({ status: 'scheduled', targets: [{ status: 'scheduled' }] });
      expect(dumpDatabase(core).publish_jobs).toEqual([
        expect.objectContaining({ status: 'pending', run_at: core.clock.now() }),
      ]);
    },
    invalid: badIds,
  },
  'vault:get-status': {
    valid: () => ({}),
    check: (v) => {
      expect(v).toEqual({
        available: true,
        reason: null,
        weakProtectionAccepted: false,
        canAcceptWeakProtection: false,
      });
    },
    invalid: [{ extra: 1 }, 'x'],
  },
  'vault:accept-weak-protection': {
    // The desktop cipher on a machine without a keyring.
    cipher: (dataDir) =>
      createWrappedKeyCipher(
        path.join(dataDir, 'vault.key'),
        {
          unavailableReason: () => Promise.resolve('no system keyring is running'),
          protect: () => Promise.reject(new Error('no keyring')),
          unprotect: () => Promise.reject(new Error('no keyring')),
        },
        recordingLogger(),
      ),
    valid: () => ({ accept: true }),
    check: (v) => {
      expect(v).toMatchObject({ available: true, weakProtectionAccepted: true });
    },
    invalid: [{}, { accept: false }, { accept: 'yes' }, { accept: true, key: 'x' }],
  },
};

// A record over Channel: a channel in the contract without cases fails to compile.
const cases: Record<Channel, ChannelCases> = {
  ...foundationCases,
  ...accountsCases,
  ...calendarCases,
  ...mediaCases,
  ...dataCases,
  ...analyticsCases,
  ...composerCases,
  ...progressCases,
};

async function setup(spec?: ChannelCases) {
  const fake = await startX();
  fake.registerOAuth1App({
    consumerKey: oauth1App.apiKey,
    consumerSecret: oauth1App.apiSecret,
  });
  const dataDir = tempDataDir();
  const cipher = (await spec?.cipher?.(dataDir)) ?? createPassphraseCipher(dataDir, testPassphrase);
  const core = await makeXCore(fake, { dataDir, ports: { cipher, ...spec?.ports } });
  const created = await core.invoke('clients:create', makeClientInput({ name: 'Existing' }));
  if (!created.ok) throw new Error(created.error.message);
  const clientId = created.value.id;
  const accountId = 'account-1';
  const now = core.clock.now();
  let postId = '';
  let failedPostId = '';
  // Tokens can be stored only where the vault is open (not before weak protection is accepted).
  if (cipher.status().available) {
    await core.database.db
      .insertInto('social_accounts')
      .values({
        id: accountId,
        client_id: clientId,
        platform: 'x',
        platform_user_id: '1001',
        handle: 'existing',
        created_at: now,
        updated_at: now,
      })
      .execute();
    await createCredentialStore(core.database.db, cipher, core.clock).write(accountId, {
      kind: 'oauth2',
      clientId: testXClientId,
      accessToken: 'access-1',
      refreshToken: 'refresh-1',
      expiresAt: now + 7_200_000,
      scope: 'tweet.read',
    });
    const post = (status: 'scheduled' | 'failed') =>
      makePost(core.database.db, {
        clientId,
        accountIds: [accountId],
        parts: ['Scheduled post'],
        status,
        scheduledAt: now + 86_400_000,
        now,
      });
    postId = (await post('scheduled')).postId;
    failedPostId = (await post('failed')).postId;
  }
  return { core, ctx: { clientId, accountId, port: await freePort(), postId, failedPostId } };
}

describe.each(channels)('%s', (channel) => {
  const spec = cases[channel];

  it('accepts valid input', async () => {
    const { core, ctx: base } = await setup(spec);
    const ctx = { ...base, made: (await spec.prepare?.({ ...base, core })) ?? {} };
    const result = await core.dispatch(channel, spec.valid(ctx));
    expect(result).toMatchObject({ ok: true });
    if (result.ok) spec.check?.(result.value, { ...ctx, core });
  });

  it('refuses invalid input with a VALIDATION error and changes nothing', async () => {
    const { core } = await setup(spec);
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
    const result = await core.invoke('clients:create', { name: '', color: 'blue' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.details?.issues?.map((i) => i.path)).toEqual([['name'], ['color']]);
  });

  it('answers NOT_FOUND for an unknown client and CONFLICT for a duplicate active name', async () => {
    const { core } = await setup();
    expect(await core.invoke('clients:update', { id: 'nope', name: 'X' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await core.invoke('clients:create', { name: 'existing' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { issues: [{ path: ['name'] }] } },
    });
  });

  it("frees an archived client's name, and refuses to unarchive into a clash", async () => {
    const {
      core,
      ctx: { clientId },
    } = await setup();
    await core.invoke('clients:archive', { id: clientId });
    expect(await core.invoke('clients:create', { name: 'Existing' })).toMatchObject({ ok: true });
    expect(await core.invoke('clients:unarchive', { id: clientId })).toMatchObject({
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
    const {
      core,
      ctx: { clientId },
    } = await setup();
    const seen: string[] = [];
    core.events.on('client:saved', ({ client }) => seen.push(client.name));
    await core.invoke('clients:update', { id: clientId, name: 'Pushed' });
    expect(seen).toEqual(['Pushed']);
  });
});
