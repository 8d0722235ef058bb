// An Instagram account for tests, as Facebook Login leaves it (until that connect is used
// here): the fake Meta with a user, a Page and the Instagram account linked to it, the
// Page's token sealed in the vault in the shape meta/credentials.ts reads, the account row
// with the Page in its settings, STARLING_META_API_ORIGIN pointed at the fake, and the
// user's media relay saved on a real S3-compatible server (s3rver).
import { onTestFinished } from 'vitest';
import { createPassphraseCipher } from '../../main/core/adapters/passphrase-cipher.ts';
import { createCredentialStore } from '../../main/core/vault/credential-store.ts';
import type { SocialAccount } from '../../shared/accounts.ts';
import {
  startFakeMeta,
  type FakeMeta,
  type FakeMetaInstagram,
} from '../fakes/meta-server/index.ts';
import { expectOk } from './core.ts';
import { makeNetworkAccount } from './network-account-rows.ts';
import { makeNetworkCore } from './network-core.ts';
import { s3Keys, startS3, type S3Server } from './s3-server.ts';
import { addClient, testPassphrase, type XTestCore } from './x-accounts.ts';

export const testMetaApp = { appId: '4242424242', appSecret: 'meta-test-app-secret' } as const;
const scopes = [
  'pages_show_list',
  'pages_read_engagement',
  'instagram_basic',
  'instagram_content_publish',
  'instagram_manage_insights',
  'instagram_manage_comments',
];

/** The fake on the real clock: s3rver checks presigned URLs against it. */
export async function startMeta(): Promise<FakeMeta> {
  const fake = await startFakeMeta({ startAt: Date.now() });
  onTestFinished(() => fake.close());
  const before = process.env.STARLING_META_API_ORIGIN;
  process.env.STARLING_META_API_ORIGIN = fake.origin;
  onTestFinished(() => {
    if (before === undefined) delete process.env.STARLING_META_API_ORIGIN;
    else process.env.STARLING_META_API_ORIGIN = before;
  });
  return fake;
}

export interface InstagramSetup {
  fake: FakeMeta;
  core: XTestCore;
  clientId: string;
  instagram: FakeMetaInstagram;
  account: SocialAccount;
  /** The relay's bucket; null when made with `relay: false`. */
  s3: S3Server | null;
}

export async function setUpInstagram(
  options: { relay?: boolean; fake?: FakeMeta; core?: XTestCore; clientId?: string } = {},
): Promise<InstagramSetup> {
  const fake = options.fake ?? (await startMeta());
  const core = options.core ?? (await makeNetworkCore(fake));
  const clientId = options.clientId ?? (await addClient(core));
  fake.registerApp({ ...testMetaApp, redirectUris: [] });
  const user = fake.addUser({ name: 'Ada Baker' });
  const page = fake.addPage(user.id, { name: 'Nova Bakery' });
  const instagram = fake.linkInstagram(page.id, { username: 'novabakery', followers: 1200 });
  const grant = {
    userId: user.id,
    appId: testMetaApp.appId,
    scopes,
    pageIds: [page.id],
    revoked: false,
  };
  fake.store.grants.push(grant);
  const token = fake.store.issue(grant, 'page', page.id, null, true);
  const accountId = await makeNetworkAccount(core.database.db, clientId, {
    platform: 'instagram',
    handle: instagram.username,
    platformUserId: instagram.id,
    settings: { kind: 'instagram', userId: user.id, pageId: page.id, username: instagram.username },
  });
  const vault = createCredentialStore(
    core.database.db,
    createPassphraseCipher(core.dataDir, testPassphrase),
    core.clock,
  );
  await vault.write(accountId, {
    kind: 'oauth2',
    appId: testMetaApp.appId,
    pageId: page.id,
    accessToken: token.token,
    expiresAt: null,
    reconnectBy: null,
    scope: scopes.join(' '),
    userId: user.id,
  });
  let s3: S3Server | null = null;
  if (options.relay !== false) {
    s3 = await startS3();
    expectOk(
      await core.invoke('relay:save', {
        endpoint: s3.endpoint,
        region: s3.region,
        bucket: s3.bucket,
        ...s3Keys,
      }),
    );
  }
  const account = expectOk(await core.invoke('accounts:list', { clientId })).find(
    (a) => a.id === accountId,
  );
  if (account === undefined) throw new Error('the Instagram account was not listed');
  return { fake, core, clientId, instagram, account, s3 };
}
