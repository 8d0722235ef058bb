// Instagram in the soak (soak-networks.ts has the others): accounts linked to Pages on the
// fake Meta, set up as connecting Facebook leaves them (the Page's token sealed in the
// vault), posting carousels and single images through the media relay on a real
// S3-compatible server (s3rver), with Meta's faults on container creation and
// media_publish (no throttling here: Meta's app-wide limit pauses every call for minutes,
// longer than a soak), and the fake's media read back as posts in Starling's terms.
import { createPassphraseCipher } from '../../main/core/adapters/passphrase-cipher.ts';
import { createCredentialStore } from '../../main/core/vault/credential-store.ts';
import { startFakeMeta, type FakeMeta } from '../fakes/meta-server/index.ts';
import { instagramState } from '../fakes/meta-server/instagram-state.ts';
import { expectOk } from '../helpers/core.ts';
import { makeNetworkAccount } from '../helpers/network-account-rows.ts';
import { s3Keys, startS3, type S3Server } from '../helpers/s3-server.ts';
import { addClient, testPassphrase } from '../helpers/x-accounts.ts';
import { testMetaApp } from '../helpers/instagram-accounts.ts';
import type { SoakNetwork } from './soak-networks.ts';

const publish = /^\/v\d+\.\d+\/\d+\/media_publish$/;
const containers = /^\/v\d+\.\d+\/\d+\/media$/;
const originVariable = 'STARLING_META_API_ORIGIN';
const scopes = ['pages_show_list', 'instagram_basic', 'instagram_content_publish'];

/**
 * Instagram: each account on a Page of its own user; the relay is saved in the soak's data
 * folder with the first account. On `shared` (Facebook's fake, whose owner points Meta's
 * origin at it and closes it) or a fake of its own: Meta's origin is read from the
 * environment at each call, so this process's points at it until close (the daemon gets
 * it through `env`).
 */
export async function instagramNetwork(
  shared?: FakeMeta,
): Promise<SoakNetwork & { fake: FakeMeta; s3: S3Server; env: Record<string, string> }> {
  const fake = shared ?? (await startFakeMeta({ startAt: Date.now() }));
  fake.registerApp({ ...testMetaApp, redirectUris: [] });
  const s3 = await startS3({ closeWithTest: false });
  const before = process.env[originVariable];
  process.env[originVariable] = fake.origin;
  const ig = instagramState(fake.store);
  let relaySaved = false;
  const captionOf = (creationId: string) => ig.containers.get(creationId)?.caption ?? '';
  return {
    name: 'instagram',
    fake,
    s3,
    env: { [originVariable]: fake.origin },
    origin: fake.origin,
    follow: (now) => {
      fake.clock.advance(Math.max(0, now - fake.clock.now()));
    },
    async connect(core, index, client) {
      const clientId = client ?? (await addClient(core));
      if (!relaySaved) {
        expectOk(
          await core.invoke('relay:save', {
            endpoint: s3.endpoint,
            region: s3.region,
            bucket: s3.bucket,
            ...s3Keys,
          }),
        );
        relaySaved = true;
      }
      const user = fake.addUser({ name: `Soak ${String(index)}` });
      const page = fake.addPage(user.id, { name: `Soak Bakery ${String(index)}` });
      const instagram = fake.linkInstagram(page.id, { username: `soak_${String(index)}` });
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
        settings: {
          kind: 'instagram',
          userId: user.id,
          pageId: page.id,
          username: instagram.username,
        },
      });
      await createCredentialStore(
        core.database.db,
        createPassphraseCipher(core.dataDir, testPassphrase),
        core.clock,
      ).write(accountId, {
        kind: 'oauth2',
        appId: testMetaApp.appId,
        pageId: page.id,
        accessToken: token.token,
        expiresAt: null,
        reconnectBy: null,
        scope: scopes.join(' '),
        userId: user.id,
      });
      const account = expectOk(await core.invoke('accounts:list', { clientId })).find(
        (a) => a.id === accountId,
      );
      if (account === undefined) throw new Error('the Instagram account was not listed');
      return { account, author: instagram.id };
    },
    postRequests: () =>
      fake.requests().filter((r) => r.method === 'POST' && publish.test(r.path)).length,
    sends: () =>
      fake
        .requests()
        .filter((r) => r.method === 'POST' && publish.test(r.path) && r.status === 200)
        .map((r) => ({
          at: r.at,
          text: captionOf(new URLSearchParams(r.body ?? '').get('creation_id') ?? ''),
        })),
    slow: (ms) => {
      fake.faults.add({ method: 'POST', path: publish, kind: 'latency', ms, times: 1_000_000 });
    },
    faults: [
      { method: 'POST', path: publish, kind: 'status', status: 503 },
      { method: 'POST', path: publish, kind: 'reset' },
      { method: 'POST', path: publish, kind: 'drop-after-record' },
      { method: 'POST', path: containers, kind: 'status', status: 502 },
      { method: 'POST', path: containers, kind: 'drop-after-record' },
    ],
    fault: (rule) => {
      fake.faults.add(rule);
    },
    posts: () =>
      [...ig.media.values()]
        .filter((m) => !m.deleted)
        .map((m) => ({ id: m.id, author: m.igUserId, text: m.caption, parentId: null })),
    async close() {
      await s3.close();
      if (shared !== undefined) return;
      if (before === undefined) delete process.env.STARLING_META_API_ORIGIN;
      else process.env[originVariable] = before;
      await fake.close();
    },
  };
}
