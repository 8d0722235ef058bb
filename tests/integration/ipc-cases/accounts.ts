// Dispatch cases for the accounts feature's channels: a record over them, so a channel
// added to shared/ipc/channels/accounts.ts without cases here fails to compile.
import { expect } from 'vitest';
import type { accountsChannels } from '../../../shared/ipc/channels/accounts.ts';
import { startFakeBluesky } from '../../fakes/bluesky-server/index.ts';
import { consentLocation } from '../../fakes/http-kit/consent.ts';
import { startFakeMastodon } from '../../fakes/mastodon-server/index.ts';
import { dumpDatabase, expectOk } from '../../helpers/core.ts';
import {
  routeTo,
  setUpApp,
  startLinkedIn,
  startLinkedInConnect,
  testLinkedInApp,
} from '../../helpers/linkedin-accounts.ts';
import { freePort, testXClientId } from '../../helpers/x-accounts.ts';
import type { ChannelCases } from './types.ts';

export const oauth1App = { apiKey: 'dispatch-consumer-key', apiSecret: 'dispatch-consumer-secret' };

/** A fake PDS with one user whose app password the valid case uses. */
const pds: ChannelCases['prepare'] = async () => {
  const fake = await startFakeBluesky();
  fake.addUser({ handle: 'bakery.test', password: 'abcd-efgh-ijkl-mnop' });
  return { service: fake.origin };
};
const instance: ChannelCases['prepare'] = async () => {
  const fake = await startFakeMastodon();
  fake.addUser({ username: 'bakery' });
  return { instance: fake.origin };
};

/** A Mastodon flow waiting on `port`, and the address the browser lands on once approved. */
const approvedFlow: ChannelCases['prepare'] = async ({ core, clientId, port }) => {
  const fake = await startFakeMastodon();
  const user = fake.addUser({ username: 'pasted' });
  const flow = expectOk(
    await core.invoke('accounts:connect', {
      clientId,
      platform: 'mastodon',
      serviceUrl: fake.origin,
      port,
    }),
  );
  fake.signIn(user.id);
  // Approved, but the browser never reached the listener: the address is pasted instead.
  const address = await consentLocation('fake Mastodon', fake.origin, flow.authorizeUrl, false);
  return { flowId: flow.flowId, address };
};

/** A LinkedIn member connected with pages through the fake, and one page they administer. */
const linkedinMember: ChannelCases['prepare'] = async ({ core, clientId }) => {
  const fake = await startLinkedIn();
  routeTo(fake);
  const page = fake.addOrganization({ name: 'Nova Bakery' });
  const member = fake.addMember();
  fake.grantRole(member.id, page.id);
  const port = await freePort();
  await setUpApp(core, fake, port);
  const connected = new Promise<string>((resolve) => {
    core.events.on('account:connected', ({ account }) => {
      resolve(account.id);
    });
  });
  const flow = await startLinkedInConnect(core, clientId, port, true);
  await fake.approve(flow.authorizeUrl, { memberId: member.id });
  return { linkedinId: await connected, pageId: page.id };
};

const badPageInputs = [
  {},
  { accountId: '' },
  { accountId: 'a', pageIds: [] },
  { accountId: 'a', pageIds: ['has spaces'] },
  { accountId: 'a', pageIds: Array.from({ length: 51 }, (_, i) => String(i)) },
  { accountId: 'a', pageIds: ['1'], extra: true },
];

export const accountsCases: Record<keyof typeof accountsChannels, ChannelCases> = {
  'accounts:get-app': {
    valid: () => ({ platform: 'linkedin' }),
    check: (v) => {
      expect(v).toEqual({
        platform: 'linkedin',
        clientId: null,
        hasSecret: false,
        fromEnvironment: false,
        redirectUri: null,
      });
    },
    invalid: [{}, { platform: 'myspace' }, { platform: 'linkedin', secret: true }],
  },
  'accounts:save-app': {
    valid: () => ({ platform: 'linkedin', ...testLinkedInApp }),
    check: (v, { core }) => {
      expect(v).toMatchObject({ clientId: testLinkedInApp.clientId, hasSecret: true });
      expect(JSON.stringify(v)).not.toContain(testLinkedInApp.clientSecret);
      const rows = JSON.stringify(dumpDatabase(core), (_k, value: unknown) =>
        value instanceof Uint8Array ? Buffer.from(value).toString('latin1') : value,
      );
      expect(rows).not.toContain(testLinkedInApp.clientSecret);
    },
    invalid: [
      { platform: 'linkedin' },
      { platform: 'linkedin', clientId: 'x' },
      { platform: 'linkedin', clientId: 'has spaces in it' },
      { platform: 'linkedin', clientId: '86starlingapp', clientSecret: 'short' },
      { platform: 'linkedin', clientId: '86starlingapp', clientSecret: 5 },
    ],
  },
  'accounts:list-pages': {
    prepare: linkedinMember,
    valid: ({ made }) => ({ accountId: made?.linkedinId }),
    check: (v, { made }) => {
      expect(v).toEqual([expect.objectContaining({ id: made?.pageId, accountId: null })]);
    },
    invalid: [{}, { accountId: '' }, { accountId: 5 }, { accountId: 'a', pages: true }],
  },
  'accounts:find-mentions': {
    prepare: linkedinMember,
    valid: ({ made }) => ({ accountId: made?.linkedinId, query: 'nova' }),
    check: (v, { made }) => {
      expect(v).toEqual([
        {
          name: 'Nova Bakery',
          handle: expect.any(String) as string,
          ref: `urn:li:organization:${made?.pageId ?? ''}`,
          own: true,
        },
      ]);
    },
    invalid: [
      {},
      { accountId: 'a' },
      { accountId: 'a', query: '   ' },
      { accountId: 'a', query: 'x'.repeat(301) },
      { accountId: 'a', query: 'nova', extra: true },
    ],
  },
  'accounts:add-pages': {
    prepare: linkedinMember,
    valid: ({ made }) => ({ accountId: made?.linkedinId, pageIds: [made?.pageId] }),
    check: (v, { made }) => {
      expect(v).toEqual([
        expect.objectContaining({
          platform: 'linkedin',
          platformUserId: `urn:li:organization:${made?.pageId ?? ''}`,
        }),
      ]);
    },
    invalid: badPageInputs,
  },
  'accounts:rate-limits': {
    // An X account: its network says nothing of its spend here.
    valid: ({ accountId }) => ({ accountIds: [accountId] }),
    check: (v) => {
      expect(v).toEqual([]);
    },
    invalid: [
      {},
      { accountIds: [] },
      { accountIds: 'a' },
      { accountIds: [''] },
      { accountIds: ['a'], extra: 1 },
    ],
  },
  'accounts:posting-quota': {
    // An X account: its network keeps no posting count to ask.
    valid: ({ accountId }) => ({ accountIds: [accountId], parts: 2 }),
    check: (v) => {
      expect(v).toEqual([]);
    },
    invalid: [
      {},
      { accountIds: ['a'] },
      { accountIds: [], parts: 1 },
      { accountIds: ['a'], parts: 0 },
      { accountIds: ['a'], parts: 1.5 },
      { accountIds: ['a'], parts: 26 },
      { accountIds: ['a'], parts: '1' },
      { accountIds: ['a'], parts: 1, extra: 1 },
    ],
  },
  'accounts:list': {
    valid: ({ clientId }) => ({ clientId }),
    check: (v, { accountId }) => {
      expect(v).toEqual([expect.objectContaining({ id: accountId, authKind: 'oauth2' })]);
      expect(JSON.stringify(v)).not.toMatch(/access-1|refresh-1/);
    },
    invalid: [{ clientId: 5 }, { clientId: '' }, { client: 'c' }, { includeTokens: true }],
  },
  'accounts:set-hand-off': {
    // Off is always allowed; on is refused for X, which cannot hold posts (hand-off tests).
    valid: ({ accountId }) => ({ id: accountId, on: false }),
    check: (v, { accountId }) => {
      expect(v).toMatchObject({ id: accountId, handOff: false });
    },
    invalid: [
      {},
      { id: 'a' },
      { id: 5, on: true },
      { id: 'a', on: 'yes' },
      { id: 'a', on: true, x: 1 },
    ],
  },
  'accounts:connect-x': {
    valid: ({ clientId, port }) => ({ clientId, xClientId: testXClientId, port }),
    check: (v, { port }) => {
      expect(v).toMatchObject({
        flowId: expect.any(String),
        redirectUri: `http://127.0.0.1:${String(port)}/callback`,
        browserOpened: false,
      });
      expect((v as { authorizeUrl: string }).authorizeUrl).toContain('code_challenge_method=S256');
    },
    invalid: [
      {},
      { clientId: 'c', port: 80 },
      { clientId: 'c', port: 1.5 },
      { clientId: 'c', port: '17823' },
      { clientId: 'c', xClientId: 'has spaces in it' },
      { clientId: 'c', xClientId: 'short' },
      { clientId: 'c', redirectUri: 'https://elsewhere.example/callback' },
    ],
  },
  'accounts:connect-x-oauth1': {
    valid: ({ clientId, port }) => ({ clientId, ...oauth1App, port }),
    check: (v) => {
      expect((v as { authorizeUrl: string }).authorizeUrl).toMatch(
        /\/oauth\/authorize\?oauth_token=/,
      );
      expect(JSON.stringify(v)).not.toContain(oauth1App.apiSecret);
    },
    invalid: [
      { clientId: 'c' },
      { clientId: 'c', apiKey: 'short', apiSecret: 'long-enough-secret' },
      { clientId: 'c', apiKey: 'long-enough-key', apiSecret: 'short' },
      { clientId: 'c', ...oauth1App, port: 0 },
      { clientId: 'c', ...oauth1App, accessToken: 'a' },
    ],
  },
  'accounts:paste-address': {
    prepare: approvedFlow,
    valid: ({ made }) => ({ flowId: made?.flowId, address: `  ${made?.address ?? ''}\n` }),
    check: (v) => {
      expect(v).toMatchObject({
        platform: 'mastodon',
        handle: expect.stringMatching(/^pasted@/) as string,
        status: 'active',
      });
    },
    invalid: [
      {},
      { flowId: 'f' },
      { flowId: '', address: 'https://example.test/?code=1' },
      { flowId: 'f', address: '   ' },
      { flowId: 'f', address: 'x'.repeat(8_001) },
      { flowId: 'f', address: 5 },
      { flowId: 'f', address: 'https://example.test/?code=1', state: 's' },
    ],
  },
  'accounts:cancel-connect': {
    valid: () => ({ flowId: 'no-such-flow' }),
    check: (v) => {
      expect(v).toEqual({ flowId: 'no-such-flow' });
    },
    invalid: [{}, { flowId: '' }, { flowId: 5 }, { flowId: 'f'.repeat(101) }],
  },
  'accounts:remove': {
    // An account with a post still to go out is refused (accounts-remove.test.ts): the
    // fixture's scheduled post is cancelled first.
    prepare: async ({ core, postId }) => {
      expectOk(await core.invoke('posts:cancel', { id: postId }));
      return {};
    },
    valid: ({ accountId }) => ({ id: accountId }),
    check: (v, { accountId, core }) => {
      expect(v).toEqual({ id: accountId });
      expect(dumpDatabase(core).account_credentials).toEqual([]);
    },
    invalid: [{}, { id: '' }, { id: 'y'.repeat(65) }, { id: ['a'] }],
  },
  'accounts:sign-in': {
    prepare: pds,
    valid: ({ clientId, made }) => ({
      clientId,
      platform: 'bluesky',
      handle: '@bakery.test',
      password: 'abcd-efgh-ijkl-mnop',
      serviceUrl: made?.service,
    }),
    check: (v, { core }) => {
      expect(v).toMatchObject({ platform: 'bluesky', handle: 'bakery.test', authKind: 'session' });
      expect(JSON.stringify(dumpDatabase(core))).not.toContain('abcd-efgh-ijkl-mnop');
    },
    invalid: [
      {},
      { clientId: 'c', platform: 'bluesky', handle: 'bakery.test' },
      { clientId: 'c', platform: 'myspace', handle: 'tom', password: 'p' },
      { clientId: 'c', platform: 'bluesky', handle: 'b', password: 'p' },
      { clientId: 'c', platform: 'bluesky', handle: 'bakery.test', password: '' },
      { clientId: 'c', platform: 'bluesky', handle: 'bakery.test', password: 'p', extra: 1 },
      { clientId: 'c', platform: 'bluesky', handle: 'bakery.test', password: 'p', serviceUrl: 5 },
    ],
  },
  'accounts:connect': {
    prepare: instance,
    valid: ({ clientId, port, made }) => ({
      clientId,
      platform: 'mastodon',
      serviceUrl: made?.instance,
      port,
    }),
    check: (v, { port }) => {
      expect(v).toMatchObject({
        flowId: expect.any(String),
        redirectUri: `http://127.0.0.1:${String(port)}/callback`,
      });
      expect((v as { authorizeUrl: string }).authorizeUrl).toContain('/oauth/authorize?');
    },
    invalid: [
      {},
      { clientId: 'c', platform: 'mastodon', pages: 'yes' },
      { clientId: 'c', platform: 'mastodon', serviceUrl: 'not a url at all' },
      { clientId: 'c', platform: 'mastodon', serviceUrl: 'https://m.example', port: 80 },
      { clientId: 'c', platform: 'friendster', serviceUrl: 'https://m.example' },
    ],
  },
};
