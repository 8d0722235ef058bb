// Every contract channel through the one dispatch path, on a real database: valid input
// succeeds, invalid input gets a typed VALIDATION error and changes nothing.
import { describe, expect, it } from 'vitest';
import { createPassphraseCipher } from '../../main/core/adapters/passphrase-cipher.ts';
import { createDispatch, type Handlers } from '../../main/core/ipc/dispatch.ts';
import { createCredentialStore } from '../../main/core/vault/credential-store.ts';
import { channels, type Channel } from '../../shared/ipc/contract.ts';
import { accountsCases, oauth1App } from './ipc-cases/accounts.ts';
import { analyticsCases } from './ipc-cases/analytics.ts';
import { appCases } from './ipc-cases/app.ts';
import { calendarCases } from './ipc-cases/calendar.ts';
import { clientsCases } from './ipc-cases/clients.ts';
import { composerCases } from './ipc-cases/composer.ts';
import { dataCases } from './ipc-cases/data.ts';
import { mediaCases } from './ipc-cases/media.ts';
import { postsCases } from './ipc-cases/posts.ts';
import { progressCases } from './ipc-cases/progress.ts';
import { relayCases } from './ipc-cases/relay.ts';
import { reviewCases } from './ipc-cases/review.ts';
import { searchCases } from './ipc-cases/search.ts';
import { vaultCases } from './ipc-cases/vault.ts';
import type { ChannelCases } from './ipc-cases/types.ts';
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

// A record over Channel: a channel in the contract without cases fails to compile.
const cases: Record<Channel, ChannelCases> = {
  ...appCases,
  ...clientsCases,
  ...vaultCases,
  ...postsCases,
  ...accountsCases,
  ...calendarCases,
  ...mediaCases,
  ...dataCases,
  ...analyticsCases,
  ...composerCases,
  ...progressCases,
  ...reviewCases,
  ...searchCases,
  ...relayCases,
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
