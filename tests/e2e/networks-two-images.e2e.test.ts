// One post with two images from the composer to X, Bluesky, Mastodon and LinkedIn (a
// member and the company page they administer) at once, published by the browser host
// itself (`starling serve --publish`). X, Bluesky and Mastodon are connected in the app as
// a person does; LinkedIn through `starling accounts connect-linkedin` and `add-pages`
// against the fake (the app's own Connect LinkedIn dialog has its own test). Each fake's
// ledger must then hold exactly one post per account with both images and each image's
// alt text: on LinkedIn, one multi-image post each for the member and the page.
import { describe, expect, it } from 'vitest';
import type { SocialAccount } from '../../shared/accounts.ts';
import type { PostSummary } from '../../shared/posts.ts';
import { runCli, startCli } from '../helpers/cli.ts';
import { checkLayout } from '../helpers/layout-check.ts';
import { startLinkedIn, testLinkedInApp } from '../helpers/linkedin-accounts.ts';
import { startMastodon } from '../helpers/mastodon-accounts.ts';
import { imageBytes } from '../helpers/media-files.ts';
import { blueskyAppPassword, startBluesky } from '../helpers/network-accounts.ts';
import { openApp } from '../helpers/open-app.ts';
import { serveApp } from '../helpers/serve.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';
import { connectEveryNetworkInUi } from '../helpers/ui-connect.ts';
import { freePort, startX, testPassphrase } from '../helpers/x-accounts.ts';

const text = 'Two loaves out of the oven this morning: rye and spelt.';
const images = [
  { name: 'rye.jpg', alt: 'A dark rye loaf, sliced, on a wooden board' },
  { name: 'spelt.png', alt: 'A round spelt loaf dusted with flour' },
];
const alts = images.map((i) => i.alt);

describe('one post with two images to four networks from the browser', () => {
  it('is published once on each account with both images and their alt text', async () => {
    const fakes = {
      x: await startX(),
      bluesky: await startBluesky(),
      mastodon: await startMastodon(),
    };
    const linkedin = await startLinkedIn();
    const xUser = fakes.x.addUser({ username: 'brightbakes', name: 'Bright Bakery Co' });
    fakes.bluesky.addUser({ handle: 'brightbakes.bsky.social', password: blueskyAppPassword });
    const mastoUser = fakes.mastodon.addUser({ username: 'brightbakes' });
    const member = linkedin.addMember({ givenName: 'Bright', familyName: 'Baker' });
    const company = linkedin.addOrganization({
      name: 'Bright Bakery',
      vanityName: 'bright-bakery',
    });
    linkedin.grantRole(member.id, company.id);

    const dataDir = tempDataDir();
    const env: NodeJS.ProcessEnv = {
      STARLING_X_API_ORIGIN: fakes.x.origin,
      STARLING_LINKEDIN_API_ORIGIN: linkedin.origin,
      STARLING_VAULT_PASSPHRASE: testPassphrase,
    };
    const cli = (...args: string[]) => runCli(['--data-dir', dataDir, '--json', ...args], env);
    const client = cli('clients', 'add', '--name', 'Bright Bakery', '--timezone', 'Europe/Berlin');
    expect(client.status, client.stderr).toBe(0);
    const clientId = (client.json() as { id: string }).id;

    // LinkedIn: the user's app on the fake, the member's sign-in with pages approved on the
    // fake's consent page, then the page added as an account of the same client.
    const port = await freePort();
    linkedin.registerApp({
      ...testLinkedInApp,
      redirectUris: [`http://127.0.0.1:${String(port)}/callback`],
      products: ['sign-in-openid', 'share', 'community-management'],
    });
    const appEnv = {
      ...env,
      STARLING_LINKEDIN_CLIENT_ID: testLinkedInApp.clientId,
      STARLING_LINKEDIN_CLIENT_SECRET: testLinkedInApp.clientSecret,
    };
    const connect = startCli(
      [
        ...['--data-dir', dataDir, '--json', 'accounts', 'connect-linkedin'],
        ...['--client', clientId, '--pages', '--port', String(port), '--no-browser'],
      ],
      appEnv,
    );
    const authorizeUrl = await connect.stderrLine(/\/oauth\/v2\/authorization\?/);
    await linkedin.approve(authorizeUrl.trim(), { memberId: member.id });
    const connected = await connect.exited;
    expect(connected.code, connected.stderr).toBe(0);
    const memberAccount = JSON.parse(connected.stdout) as SocialAccount;
    const added = await startCli(
      ['--data-dir', dataDir, '--json', 'accounts', 'add-pages', memberAccount.id, company.id],
      appEnv,
    ).exited;
    expect(added.code, added.stderr).toBe(0);

    const app = await serveApp(dataDir, env, ['--publish']);
    const { page, errors } = await openApp(app.url, {
      viewport: { width: 1024, height: 700 },
      timeoutMs: 15_000,
    });
    await connectEveryNetworkInUi(page, {
      ...fakes,
      clientName: 'Bright Bakery',
      blueskyHandle: 'brightbakes.bsky.social',
      xUserId: xUser.id,
      mastodonUserId: mastoUser.id,
    });
    const accounts = cli('accounts', 'list').json() as SocialAccount[];
    expect(accounts.map((a) => a.platform).sort()).toEqual([
      'bluesky',
      'linkedin',
      'linkedin',
      'mastodon',
      'x',
    ]);
    const handleOf = (platform: string, userId?: string) =>
      accounts.find(
        (a) => a.platform === platform && (userId === undefined || a.platformUserId === userId),
      )?.handle ?? '';

    await page.getByRole('link', { name: 'Composer' }).click();
    const form = page.getByRole('form', { name: 'New post' });
    await form.getByLabel('Client').selectOption({ label: 'Bright Bakery' });
    for (const [handle, network] of [
      [`@${handleOf('x')}`, 'X'],
      [`@${handleOf('bluesky')}`, 'Bluesky'],
      [`@${handleOf('mastodon')}`, 'Mastodon'],
      // LinkedIn handles are names (the member's, the page's vanity name): no @.
      [handleOf('linkedin', member.urn), 'LinkedIn'],
      [handleOf('linkedin', company.urn), 'LinkedIn'],
    ] as const) {
      await form.getByRole('checkbox', { name: `${handle} (${network})`, exact: true }).check();
    }
    await form.getByLabel('Post text', { exact: true }).fill(text);

    // Both images dropped at once, as real files.
    const files = [
      { name: images[0]?.name, type: 'image/jpeg', bytes: await imageBytes('jpeg', 640, 480) },
      { name: images[1]?.name, type: 'image/png', bytes: await imageBytes('png', 480, 480) },
    ].map((f) => ({ name: f.name, type: f.type, base64: f.bytes.toString('base64') }));
    const dataTransfer = await page.evaluateHandle(`(() => {
      const transfer = new DataTransfer();
      for (const f of ${JSON.stringify(files)}) {
        const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
        transfer.items.add(new File([bytes], f.name, { type: f.type }));
      }
      return transfer;
    })()`);
    const part = form.getByRole('region', { name: 'Part 1 of 1' });
    await part.dispatchEvent('dragenter', { dataTransfer });
    await part.dispatchEvent('dragover', { dataTransfer });
    await part.dispatchEvent('drop', { dataTransfer });
    for (const image of images) {
      await form.getByLabel(`Alt text for ${image.name}`).fill(image.alt);
    }

    // Scheduled for next year in the composer, then brought forward to a few seconds from
    // now with the CLI: the publishing host sees the change on its next check.
    const year = new Date().getUTCFullYear() + 1;
    await form.getByLabel('Date').fill(`${String(year)}-06-14`);
    await form.getByLabel('Time').fill('09:00');
    await checkLayout(page, 'Composer with two images and five accounts on four networks');
    await form.getByRole('button', { name: 'Schedule post' }).click();
    await page.getByText(/^Scheduled for /).waitFor();
    const [post] = cli('posts', 'list').json() as PostSummary[];
    expect(post?.status).toBe('scheduled');
    const postId = post?.id ?? '';
    cli('posts', 'reschedule', postId, '--at', new Date(Date.now() + 4_000).toISOString());

    const show = () => cli('posts', 'show', postId).json() as PostSummary;
    await expect.poll(() => show().status, { timeout: 90_000, interval: 2_000 }).toBe('published');

    // X: one post, two images, each with its alt text.
    const tweets = fakes.x.ledger.tweets();
    expect(tweets.map((t) => t.text)).toEqual([text]);
    expect(tweets[0]?.mediaIds.map((id) => fakes.x.media.get(id)?.altText)).toEqual(alts);

    // Bluesky: one record embedding both images with their alt text.
    const records = fakes.bluesky.ledger
      .records()
      .filter((r) => r.collection === 'app.bsky.feed.post');
    expect(records).toHaveLength(1);
    const record = records[0]?.value as { text: string; embed?: { images?: { alt: string }[] } };
    expect(record.text).toBe(text);
    expect(record.embed?.images?.map((i) => i.alt)).toEqual(alts);

    // Mastodon: one status with both attachments, described.
    const statuses = fakes.mastodon.ledger.statuses();
    expect(statuses.map((s) => s.text)).toEqual([text]);
    const described = new Map(fakes.mastodon.ledger.media().map((m) => [m.id, m.description]));
    expect(statuses[0]?.mediaIds.map((id) => described.get(id))).toEqual(alts);

    // LinkedIn: one multi-image post by the member and one by the page, alt text on each.
    const linkedinPosts = linkedin.ledger.posts();
    expect(linkedinPosts.map((p) => p.author).sort()).toEqual([company.urn, member.urn].sort());
    for (const p of linkedinPosts) {
      expect(p).toMatchObject({ displayedText: text, kind: 'multiImage', deleted: false });
      expect(p.mediaUrns).toHaveLength(2);
      expect(p.mediaUrns.map((urn) => p.altTexts[urn])).toEqual(alts);
      // Each image was uploaded as the account it was posted by.
      expect(p.mediaUrns.map((urn) => linkedin.media.get(urn)?.owner)).toEqual([
        p.author,
        p.author,
      ]);
    }
    expect(linkedin.ledger.comments()).toEqual([]);

    expect(show().targets.map((t) => t.status)).toEqual(Array(5).fill('published'));
    expect(errors).toEqual([]);
  }, 240_000);
});
