// A carousel to Instagram from the composer, published by the browser host itself
// (`starling serve --publish`) through the user's media relay: three JPEGs dropped in the
// composer with their alt text, scheduled, then brought forward with the CLI. The fake
// Graph API must have fetched every item from its presigned relay URL, Instagram must hold
// exactly one carousel with the caption, and the relay's bucket (s3rver) must be empty.
import { describe, expect, it } from 'vitest';
import type { PostSummary } from '../../shared/posts.ts';
import { instagramState } from '../fakes/meta-server/instagram-state.ts';
import { runCli } from '../helpers/cli.ts';
import { setUpInstagram, startMeta } from '../helpers/instagram-accounts.ts';
import { checkLayout } from '../helpers/layout-check.ts';
import { imageBytes } from '../helpers/media-files.ts';
import { makeNetworkCore } from '../helpers/network-core.ts';
import { openApp } from '../helpers/open-app.ts';
import { serveApp } from '../helpers/serve.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';
import { addClient, testPassphrase } from '../helpers/x-accounts.ts';

const text = 'Three loaves for the weekend #sourdough';
const images = [
  { name: 'rye.jpg', alt: 'A dark rye loaf on a board' },
  { name: 'spelt.jpg', alt: 'A round spelt loaf dusted with flour' },
  { name: 'wheat.jpg', alt: 'A long wheat loaf, scored' },
];

describe('a carousel to Instagram from the browser', () => {
  it('is published once, every item fetched through the relay, and the relay holds nothing', async () => {
    const fake = await startMeta();
    const dataDir = tempDataDir();
    // The account as connecting Facebook leaves it, and the relay saved, in the data folder.
    const setupCore = await makeNetworkCore(fake, { dataDir });
    const clientId = await addClient(setupCore, 'Nova Bakery');
    const { s3, account } = await setUpInstagram({ fake, core: setupCore, clientId });
    await setupCore.close();
    const ig = instagramState(fake.store);

    const env: NodeJS.ProcessEnv = {
      STARLING_META_API_ORIGIN: fake.origin,
      STARLING_VAULT_PASSPHRASE: testPassphrase,
    };
    const cli = (...args: string[]) => runCli(['--data-dir', dataDir, '--json', ...args], env);
    const app = await serveApp(dataDir, env, ['--publish']);
    const { page, errors } = await openApp(app.url, {
      viewport: { width: 1024, height: 700 },
      timeoutMs: 15_000,
    });

    await page.getByRole('link', { name: 'Composer' }).click();
    const form = page.getByRole('form', { name: 'New post' });
    await form.getByLabel('Client').selectOption({ label: 'Nova Bakery' });
    await form
      .getByRole('checkbox', { name: `@${account.handle} (Instagram)`, exact: true })
      .check();
    await form.getByLabel('Post text', { exact: true }).fill(text);

    const files = await Promise.all(
      images.map(async (i) => ({
        name: i.name,
        type: 'image/jpeg',
        base64: (await imageBytes('jpeg', 640, 640)).toString('base64'),
      })),
    );
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
    await page
      .getByRole('region', { name: 'Preview on Instagram' })
      .getByText(/carousel of 3/)
      .waitFor();

    const year = new Date().getUTCFullYear() + 1;
    await form.getByLabel('Date').fill(`${String(year)}-06-14`);
    await form.getByLabel('Time').fill('09:00');
    await checkLayout(page, 'Composer with a carousel for Instagram');
    await form.getByRole('button', { name: 'Schedule post' }).click();
    await page.getByText(/^Scheduled for /).waitFor();
    const [post] = cli('posts', 'list').json() as PostSummary[];
    expect(post?.status).toBe('scheduled');
    const postId = post?.id ?? '';
    cli('posts', 'reschedule', postId, '--at', new Date(Date.now() + 4_000).toISOString());

    const show = () => cli('posts', 'show', postId).json() as PostSummary;
    await expect.poll(() => show().status, { timeout: 90_000, interval: 2_000 }).toBe('published');

    // Every item was fetched from its presigned relay URL, once.
    expect(ig.fetches.map((f) => f.status)).toEqual([200, 200, 200]);
    expect(ig.fetches.every((f) => f.url.startsWith(s3?.endpoint ?? 'none'))).toBe(true);
    const items = [...ig.containers.values()].filter((c) => c.isCarouselItem);
    expect(items.map((c) => c.altText)).toEqual(images.map((i) => i.alt));
    // One carousel on Instagram, with the caption.
    const media = [...ig.media.values()];
    expect(media).toHaveLength(1);
    expect(media[0]).toMatchObject({ mediaType: 'CAROUSEL_ALBUM', caption: text });
    expect(media[0]?.children).toHaveLength(3);
    // The relay holds nothing, and its links no longer work.
    expect(s3?.keys()).toEqual([]);
    for (const fetched of ig.fetches) expect((await fetch(fetched.url)).status).toBe(404);
    expect(errors).toEqual([]);
  }, 180_000);
});
