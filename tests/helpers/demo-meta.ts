// The demo's Facebook Page and Instagram account: a fake Meta (tests/fakes/meta-server) that
// `npm run shots` and the layout test start beside `starling serve`, a Page with its linked
// Instagram account on it, both as accounts of the first client with the Page token sealed
// in the vault (the demo passphrase, which serve is given), a media relay saved (a bucket
// that is never called: nothing is published), and two drafts to open in the composer, an
// Instagram carousel and a Page post with a link. The composer then reads Instagram's live
// posting count from the fake, as it would from Meta.
import path from 'node:path';
import fs from 'node:fs';
import sharp from 'sharp';
import { createPassphraseCipher } from '../../main/core/adapters/passphrase-cipher.ts';
import type { Core } from '../../main/core/create-core.ts';
import { createRelaySettings } from '../../main/core/relay/relay-settings.ts';
import { createCredentialStore } from '../../main/core/vault/credential-store.ts';
import { startFakeMeta, type FakeMeta } from '../fakes/meta-server/index.ts';
import { instagramState } from '../fakes/meta-server/instagram-state.ts';
import { dayMs, hourMs } from './demo-posts.ts';
import { makeNetworkAccount } from './network-account-rows.ts';
import { makePost } from './post-factories.ts';

export const demoPassphrase = 'starling demo vault passphrase';
const app = { appId: '4242424242', appSecret: 'demo-meta-app-secret' };
const scopes = [
  'pages_show_list',
  'pages_manage_posts',
  'pages_read_engagement',
  'instagram_basic',
  'instagram_content_publish',
  'instagram_manage_insights',
];

/** What the scenes need to find the demo's Meta accounts and posts. */
export interface DemoMetaSeed {
  pageName: string;
  instagramHandle: string;
  carouselPostId: string;
  pagePostId: string;
  /** How many of its 50 posts the Instagram account has used. */
  instagramUsed: number;
}

/** A fake Meta on the wall clock; `env` is what `starling serve` needs to reach it. */
export async function startDemoMeta(): Promise<{ fake: FakeMeta; env: NodeJS.ProcessEnv }> {
  const fake = await startFakeMeta({ startAt: Date.now() });
  return {
    fake,
    env: { STARLING_META_API_ORIGIN: fake.origin, STARLING_VAULT_PASSPHRASE: demoPassphrase },
  };
}

async function jpegs(core: Core, dataDir: string, clientId: string, long: boolean) {
  const folder = fs.mkdtempSync(path.join(dataDir, 'demo-jpegs-'));
  const ids: string[] = [];
  for (const [i, background] of ['#92400e', '#d97706', '#fde68a'].entries()) {
    const name = long
      ? `northern-lights-heritage-grain-carousel-slide-${String(i + 1)}-final.jpg`
      : `weekend-loaves-${String(i + 1)}.jpg`;
    const file = path.join(folder, name);
    await sharp({ create: { width: 1080, height: 1080, channels: 3, background } })
      .jpeg()
      .toFile(file);
    ids.push((await core.media.importFile(file, clientId)).id);
  }
  fs.rmSync(folder, { recursive: true, force: true });
  return ids;
}

export async function addMetaAccounts(
  core: Core,
  fake: FakeMeta,
  options: { dataDir: string; clientId: string; long: boolean; now: number },
): Promise<DemoMetaSeed> {
  const { dataDir, clientId, long, now } = options;
  const db = core.database.db;
  fake.registerApp({ ...app, redirectUris: [] });
  const user = fake.addUser({ name: long ? 'Annemarie Bäckerei-Oberhollenzer' : 'Ada Baker' });
  const page = fake.addPage(user.id, {
    name: long ? 'Northern Lights Artisanal Sourdough Coop — Official Page' : 'Nova Bakery',
  });
  const instagram = fake.linkInstagram(page.id, {
    username: long ? 'northernlights.artisanal.bread' : 'nova.bakery',
    followers: long ? 123_456 : 2_340,
  });
  const grant = { userId: user.id, appId: app.appId, scopes, pageIds: [page.id], revoked: false };
  fake.store.grants.push(grant);
  const token = fake.store.issue(grant, 'page', page.id, null, true);
  // Posts made in Instagram's own app count too: "long" shows the limit nearly used up.
  const instagramUsed = long ? 50 : 3;
  instagramState(fake.store).publishedElsewhere.set(instagram.id, instagramUsed);

  const pageAccount = await makeNetworkAccount(db, clientId, {
    platform: 'facebook',
    handle: page.name,
    platformUserId: page.id,
    settings: { kind: 'page', userId: user.id, pageId: page.id },
  });
  const igAccount = await makeNetworkAccount(db, clientId, {
    platform: 'instagram',
    handle: instagram.username,
    platformUserId: instagram.id,
    settings: { kind: 'instagram', userId: user.id, pageId: page.id, username: instagram.username },
  });
  const cipher = createPassphraseCipher(dataDir, demoPassphrase);
  const vault = createCredentialStore(db, cipher, core.clock);
  for (const accountId of [pageAccount, igAccount]) {
    await vault.write(accountId, {
      kind: 'oauth2',
      appId: app.appId,
      pageId: page.id,
      accessToken: token.token,
      expiresAt: null,
      reconnectBy: null,
      scope: scopes.join(' '),
      userId: user.id,
    });
  }
  await createRelaySettings({ db, cipher, clock: core.clock }).save({
    endpoint: 'https://s3.eu-central-1.amazonaws.com',
    region: 'eu-central-1',
    bucket: long ? 'northern-lights-artisanal-sourdough-starling-relay' : 'nova-bakery-relay',
    pathStyle: false,
    keys: { accessKeyId: 'AKIADEMODEMODEMODEMO', secretAccessKey: 'demo-secret-never-used' },
  });

  const images = await jpegs(core, dataDir, clientId, long);
  // Drafts (they open in the editor), older than the month's own draft, which the composer
  // scenes open first.
  const drafted = { status: 'draft' as const, now: now - 2 * dayMs };
  const at = Math.floor(now / dayMs) * dayMs + 2 * dayMs + 8 * hourMs;
  const caption = long
    ? 'Heritage grain weekend: rye, spelt and einkorn loaves, shaped by hand before sunrise and ' +
      'baked in our stone oven. Swipe for the crumb shots and come early, the einkorn sells ' +
      'out first. #sourdough #heritagegrain #einkorn #spelt #rye #realbread #bakery #berlin'
    : 'Three loaves for the weekend: rye, spelt and wheat. Swipe for the crumb. #sourdough #bakery';
  const carousel = await makePost(db, {
    clientId,
    accountIds: [igAccount],
    parts: [
      {
        text: caption,
        media: images.map((assetId, i) => ({
          assetId,
          alt: ['A dark rye loaf on a board', 'A round spelt loaf', 'A scored wheat loaf'][i] ?? '',
        })),
      },
    ],
    scheduledAt: at,
    ...drafted,
  });
  const pagePost = await makePost(db, {
    clientId,
    accountIds: [pageAccount],
    parts: [
      long
        ? 'Our heritage grain weekend starts Saturday at 7:00. The full programme, with the ' +
          'sourdough starter workshop and the tasting table, is on our site: ' +
          'https://example.com/workshops/sourdough-starter-saturday-morning-fermentation-basics'
        : 'Heritage grain weekend starts Saturday at 7:00. Programme: https://example.com/weekend',
    ],
    scheduledAt: at + hourMs,
    ...drafted,
  });
  return {
    pageName: page.name,
    instagramHandle: instagram.username,
    carouselPostId: carousel.postId,
    pagePostId: pagePost.postId,
    instagramUsed,
  };
}
