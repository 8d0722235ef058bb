// One account of each network connected in the browser (Settings and Clients, approved
// on each fake's consent page), then one post from the composer to all three, published
// by the browser host itself (`starling serve --publish`): an image dropped as a real
// file with its alt text and a link after multi-byte text. Each fake's ledger must then hold the post exactly
// once, with the alt text, Bluesky's link facet at the right UTF-8 byte offsets, and
// Mastodon's Idempotency-Key. Then "Delete from networks…" in the post's panel deletes
// it from the two accounts left ticked, and a second time from the last one.
import { describe, expect, it } from 'vitest';
import type { PostSummary } from '../../shared/posts.ts';
import { runCli } from '../helpers/cli.ts';
import { imageBytes } from '../helpers/media-files.ts';
import { blueskyAppPassword, startBluesky } from '../helpers/network-accounts.ts';
import { startMastodon } from '../helpers/mastodon-accounts.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';
import { connectEveryNetworkInUi } from '../helpers/ui-connect.ts';
import { startX, testPassphrase } from '../helpers/x-accounts.ts';
import { checkLayout } from '../helpers/layout-check.ts';
import { openApp } from '../helpers/open-app.ts';
import { serveApp } from '../helpers/serve.ts';

const link = 'https://brightbakery.example/rye';
const text = `Roggenbrot ist zurück 🥐 — ab Freitag: ${link}`;
const alt = 'A dark rye loaf, sliced, on a wooden board';

describe('one post to every network from the browser', () => {
  it('is published once on X, Bluesky and Mastodon with its image, alt text and link', async () => {
    const fakes = {
      x: await startX(),
      bluesky: await startBluesky(),
      mastodon: await startMastodon(),
    };
    const xUser = fakes.x.addUser({ username: 'brightbakes', name: 'Bright Bakery Co' });
    fakes.bluesky.addUser({ handle: 'brightbakes.bsky.social', password: blueskyAppPassword });
    const mastoUser = fakes.mastodon.addUser({ username: 'brightbakes' });
    const dataDir = tempDataDir();
    const env: NodeJS.ProcessEnv = {
      STARLING_X_API_ORIGIN: fakes.x.origin,
      STARLING_VAULT_PASSPHRASE: testPassphrase,
    };
    const cli = (...args: string[]) => runCli(['--data-dir', dataDir, '--json', ...args], env);
    cli('clients', 'add', '--name', 'Bright Bakery', '--timezone', 'Europe/Berlin');
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
    const connected = cli('accounts', 'list').json() as { platform: string; handle: string }[];
    expect(connected.map((a) => a.platform).sort()).toEqual(['bluesky', 'mastodon', 'x']);
    const mastoHandle = connected.find((a) => a.platform === 'mastodon')?.handle ?? '';

    await page.getByRole('link', { name: 'Composer' }).click();
    const form = page.getByRole('form', { name: 'New post' });
    await form.getByLabel('Client').selectOption({ label: 'Bright Bakery' });
    await form.getByRole('checkbox', { name: '@brightbakes (X)' }).check();
    await form.getByRole('checkbox', { name: '@brightbakes.bsky.social (Bluesky)' }).check();
    await form.getByRole('checkbox', { name: `@${mastoHandle} (Mastodon)` }).check();
    const first = form.getByLabel('Post text', { exact: true });
    await first.fill(text);

    const jpeg = await imageBytes('jpeg', 640, 480);
    const dataTransfer = await page.evaluateHandle(`(() => {
      const bytes = Uint8Array.from(atob(${JSON.stringify(jpeg.toString('base64'))}), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], 'rye.jpg', { type: 'image/jpeg' }));
      return transfer;
    })()`);
    const part = form.getByRole('region', { name: 'Part 1 of 1' });
    await part.dispatchEvent('dragenter', { dataTransfer });
    await part.dispatchEvent('dragover', { dataTransfer });
    await part.dispatchEvent('drop', { dataTransfer });
    await form.getByLabel('Alt text for rye.jpg').fill(alt);

    // Scheduled for next year in the composer, then brought forward to a few seconds from
    // now with the CLI: the publishing host sees the change on its next check.
    const year = new Date().getUTCFullYear() + 1;
    await form.getByLabel('Date').fill(`${String(year)}-06-14`);
    await form.getByLabel('Time').fill('09:00');
    await checkLayout(page, 'Composer with an image, alt text and three networks');
    await form.getByRole('button', { name: 'Schedule post' }).click();
    await page.getByText(/^Scheduled for /).waitFor();
    const [post] = cli('posts', 'list').json() as PostSummary[];
    expect(post?.status).toBe('scheduled');
    cli('posts', 'reschedule', post?.id ?? '', '--at', new Date(Date.now() + 4_000).toISOString());

    await expect
      .poll(() => (cli('posts', 'show', post?.id ?? '').json() as PostSummary).status, {
        timeout: 90_000,
        interval: 2_000,
      })
      .toBe('published');

    const { x, bluesky, mastodon } = fakes;
    const tweets = x.ledger.tweets();
    expect(tweets.map((t) => t.text)).toEqual([text]);
    expect(x.media.get(tweets[0]?.mediaIds[0] ?? '')?.altText).toBe(alt);

    const records = bluesky.ledger.records().filter((r) => r.collection === 'app.bsky.feed.post');
    expect(records).toHaveLength(1);
    const record = records[0]?.value as {
      text: string;
      facets?: { index: { byteStart: number; byteEnd: number } }[];
      embed?: { images?: { alt: string }[] };
    };
    expect(record.text).toBe(text);
    const start = Buffer.byteLength(text.slice(0, text.indexOf(link)));
    expect(record.facets?.map((f) => f.index)).toEqual([
      { byteStart: start, byteEnd: start + Buffer.byteLength(link) },
    ]);
    expect(record.embed?.images?.map((i) => i.alt)).toEqual([alt]);

    const statuses = mastodon.ledger.statuses();
    expect(statuses.map((s) => s.text)).toEqual([text]);
    expect(statuses[0]?.idempotencyKey).toMatch(/\S{16,}/);
    expect(mastodon.ledger.media().map((m) => m.description)).toEqual([alt]);

    // Deleted from Bluesky and Mastodon only: X is unticked and keeps it.
    // (A string: this tsconfig has no DOM types.)
    await page.evaluate(`window.location.hash = '#/composer?post=${post?.id ?? ''}'`);
    const panel = page.getByRole('region', { name: /^Post: / });
    await panel.getByRole('heading', { name: 'Post: published' }).waitFor();
    await panel.getByRole('button', { name: 'Delete from networks…' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Delete from networks?' });
    await dialog.getByRole('checkbox', { name: /@brightbakes \(X\)/ }).uncheck();
    await checkLayout(page, 'Delete from networks, one account unticked');
    await dialog.getByRole('button', { name: 'Delete from 2 accounts' }).click();
    await page.getByText(/^Deleted “.*” from 2 accounts\./).waitFor();
    const live = () => ({
      x: x.ledger.tweets().filter((t) => !t.deleted).length,
      bluesky: bluesky.ledger
        .records()
        .filter((r) => r.collection === 'app.bsky.feed.post' && !r.deleted).length,
      mastodon: mastodon.ledger.statuses().filter((st) => !st.deleted).length,
    });
    expect(live()).toEqual({ x: 1, bluesky: 0, mastodon: 0 });
    await expect.poll(() => panel.getByText(/: deleted/).count()).toBe(2);

    // Everywhere left: the post itself is deleted, and nothing more can be deleted.
    await panel.getByRole('button', { name: 'Delete from networks…' }).click();
    await dialog.getByRole('button', { name: 'Delete everywhere' }).click();
    await page.getByRole('heading', { name: 'Post: deleted' }).waitFor();
    expect(live()).toEqual({ x: 0, bluesky: 0, mastodon: 0 });
    expect(await panel.getByRole('button', { name: 'Delete from networks…' }).count()).toBe(0);
    expect(errors).toEqual([]);
  }, 180_000);
});
