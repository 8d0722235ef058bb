// The composer in real Chromium against the real `starling serve`: long text split into a
// 3-part thread, an image dropped from disk as a real file drop with alt text, the preview
// and cost, the draft surviving a reload, axe finding nothing serious, Ctrl+Enter
// scheduling, and `starling posts show` / `media list` agreeing (the file stored once);
// then templates, hashtag groups, a per-account text, Add to queue and Ctrl+S.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MediaAsset } from '../../shared/media.ts';
import type { PostDetail, PostSummary } from '../../shared/posts.ts';
import { runCli } from '../helpers/cli.ts';
import { checkLayout } from '../helpers/layout-check.ts';
import { imageBytes } from '../helpers/media-files.ts';
import { openApp } from '../helpers/open-app.ts';
import { serveApp } from '../helpers/serve.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';
import {
  followRedirect,
  flowOutcome,
  makeXCore,
  startConnect,
  startX,
  testPassphrase,
} from '../helpers/x-accounts.ts';

/** ~234 characters; capitalised, as ICU does not end a sentence before a lower-case word. */
const sentence = (word: string) =>
  `${word.slice(0, 1).toUpperCase()}${word.slice(1)} ${`${word} `.repeat(37)}${word}.`;

describe('composer in the browser host', () => {
  it('splits, drops media with alt text, autosaves across a reload and schedules a thread', async () => {
    const fake = await startX();
    const user = fake.addUser({ username: 'brightbakes', name: 'Bright Bakery Co' });
    const dataDir = tempDataDir();
    const env: NodeJS.ProcessEnv = {
      STARLING_X_API_ORIGIN: fake.origin,
      STARLING_VAULT_PASSPHRASE: testPassphrase,
    };
    const cli = (...args: string[]) => runCli(['--data-dir', dataDir, '--json', ...args], env);
    const client = cli(
      'clients',
      'add',
      '--name',
      'Bright Bakery',
      '--timezone',
      'Europe/Berlin',
    ).json() as {
      id: string;
    };
    const core = await makeXCore(fake, { dataDir });
    const { flow } = await startConnect(core, fake, client.id);
    const outcome = flowOutcome(core, flow.flowId);
    await followRedirect(await fake.approve(flow.authorizeUrl, { userId: user.id }));
    expect((await outcome).ok).toBe(true);
    await core.close();
    const png = await imageBytes('png', 640, 360);

    const app = await serveApp(dataDir, env);
    // Well inside the test's own timeout (openApp's default), so a stuck step names its locator.
    const { page, errors } = await openApp(app.url);
    await page.getByRole('link', { name: 'Composer' }).click();
    const form = page.getByRole('form', { name: 'New post' });
    await form.getByLabel('Client').selectOption({ label: 'Bright Bakery' });
    await form.getByLabel('@brightbakes').check();

    // Three sentences of ~230 characters: over X's limit, the overflow highlighted.
    const text = [sentence('bread'), sentence('rolls'), sentence('cakes')].join(' ');
    const first = form.getByLabel('Post text', { exact: true });
    await first.fill(text);
    await form.getByText(`${String(text.length)} / 280`).waitFor();
    expect(await form.locator('.limit-text-mirror mark').first().textContent()).toBe(
      text.slice(280),
    );
    await form.getByRole('button', { name: 'Split into thread' }).click();
    await form.getByRole('textbox', { name: 'Thread part 3', exact: true }).waitFor();
    expect(await first.inputValue()).toBe(sentence('bread'));
    expect(
      await form.getByRole('textbox', { name: 'Thread part 2', exact: true }).inputValue(),
    ).toBe(sentence('rolls'));

    // A real file drop onto the first part: a DataTransfer holding a File of the PNG's bytes.
    const dataTransfer = await page.evaluateHandle(`(() => {
      const bytes = Uint8Array.from(atob(${JSON.stringify(png.toString('base64'))}), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], 'loaf.png', { type: 'image/png' }));
      return transfer;
    })()`);
    const part1 = form.getByRole('region', { name: 'Part 1 of 3' });
    await part1.dispatchEvent('dragenter', { dataTransfer });
    await part1.dispatchEvent('dragover', { dataTransfer });
    await part1.dispatchEvent('drop', { dataTransfer });
    const alt = form.getByLabel('Alt text for loaf.png');
    await alt.waitFor();
    await form.getByText('loaf.png has no alt text').waitFor();
    await alt.fill('A sourdough loaf on a wooden board');
    await form.getByText('loaf.png has no alt text').waitFor({ state: 'detached' });

    // The preview shows the thread for the account, with the image; the cost adds up.
    const preview = page.getByRole('article', { name: 'Preview for @brightbakes' });
    await expect.poll(() => preview.locator('.x-post').count()).toBe(3);
    expect(await preview.locator('.x-media img').count()).toBe(1);
    await form.getByText('Estimated X API cost: $0.050').waitFor();
    await checkLayout(page, 'Composer with a 3-part thread and an image');

    // Autosaved: a reload brings the same draft back.
    await form.getByRole('status').filter({ hasText: 'Draft saved' }).waitFor();
    await page.reload();
    await page.getByRole('link', { name: 'Composer' }).click();
    await expect.poll(() => first.inputValue()).toBe(sentence('bread'));
    await form.getByLabel('Alt text for loaf.png').waitFor();
    expect(await form.getByLabel('@brightbakes').isChecked()).toBe(true);
    const drafts = cli('posts', 'list').json() as PostSummary[];
    expect(drafts.map((p) => p.status)).toEqual(['draft']);

    const year = new Date().getUTCFullYear() + 1;
    await form.getByLabel('Date').fill(`${String(year)}-06-14`);
    await form.getByLabel('Time').fill('09:00');
    await form.getByText(/your time|Your time zone too/).waitFor();

    // axe (serious and critical) is part of the layout check.
    await checkLayout(page, 'Composer with a date and time chosen');

    // Ctrl+Enter schedules from the keyboard.
    await first.focus();
    await page.keyboard.press('Control+Enter');
    await page.getByText(/^Scheduled for .*09:00.*\(Europe\/Berlin\)$/).waitFor();
    await expect.poll(() => first.inputValue()).toBe('');

    const listed = cli('posts', 'list').json() as PostSummary[];
    expect(listed.map((p) => p.status)).toEqual(['scheduled']);
    const shown = cli('posts', 'show', listed[0]?.id ?? '').json() as PostDetail;
    expect(shown.scheduledAt).toBe(Date.UTC(year, 5, 14, 7, 0));
    expect(shown.parts.map((p) => p.text)).toEqual([
      sentence('bread'),
      sentence('rolls'),
      sentence('cakes'),
    ]);
    const library = cli('media', 'list', '--client', client.id).json() as MediaAsset[];
    expect(library).toHaveLength(1);
    expect(shown.parts[0]?.media).toEqual([
      { mediaId: library[0]?.id, altText: 'A sourdough loaf on a wooden board', kind: 'image' },
    ]);
    expect(shown.parts[1]?.media).toEqual([]);
    // Stored once: one content-addressed file of bytes (beside its thumbnail), named by its sha256.
    const stored = fs
      .readdirSync(path.join(dataDir, 'media'))
      .filter((f) => /^[0-9a-f]{64}$/.test(f));
    expect(stored).toEqual([library[0]?.sha256]);
    expect(errors).toEqual([]);
  }, 90_000);
  it('inserts templates and hashtags, keeps a per-account text, queues into the next slot', async () => {
    const fake = await startX();
    const user = fake.addUser({ username: 'brightbakes', name: 'Bright Bakery Co' });
    const dataDir = tempDataDir();
    const env: NodeJS.ProcessEnv = {
      STARLING_X_API_ORIGIN: fake.origin,
      STARLING_VAULT_PASSPHRASE: testPassphrase,
    };
    const cli = (...args: string[]) => runCli(['--data-dir', dataDir, '--json', ...args], env);
    const client = cli(
      'clients',
      'add',
      '--name',
      'Bright Bakery',
      '--timezone',
      'Europe/Berlin',
    ).json() as { id: string };
    const core = await makeXCore(fake, { dataDir });
    const { flow } = await startConnect(core, fake, client.id);
    const outcome = flowOutcome(core, flow.flowId);
    await followRedirect(await fake.approve(flow.authorizeUrl, { userId: user.id }));
    const connected = await outcome;
    if (!connected.ok) throw new Error('connect failed');
    const accountId = connected.account.id;
    // Weekly posting slots at 10:00 every day, and one template, made through the core.
    const slots = Array.from({ length: 7 }, (_, weekday) => ({ weekday, minuteOfDay: 600 }));
    expect(await core.dispatch('slots:replace', { accountId, slots })).toMatchObject({ ok: true });
    expect(
      await core.dispatch('templates:save', {
        clientId: client.id,
        name: 'Hours',
        body: 'Open 8–18 today',
      }),
    ).toMatchObject({ ok: true });
    await core.close();

    const app = await serveApp(dataDir, env);
    // Well inside the test's own timeout (openApp's default), so a stuck step names its locator.
    const { page, errors } = await openApp(app.url);
    await page.getByRole('link', { name: 'Composer' }).click();
    const form = page.getByRole('form', { name: 'New post' });
    await form.getByLabel('@brightbakes').check();
    const first = form.getByLabel('Post text', { exact: true });
    await first.fill('Fresh bread.');

    // A hashtag group made in the manager dialog, which Esc closes.
    await form.getByRole('button', { name: 'Manage templates and hashtags' }).click();
    const dialog = page.getByRole('dialog', { name: 'Templates and hashtags' });
    await dialog.getByLabel('Kind').selectOption({ label: 'Hashtag group' });
    await dialog.getByLabel('Name').fill('Bread');
    await dialog.getByLabel('Hashtags (separated by spaces)').fill('sourdough #bread');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await dialog.getByText('#sourdough #bread').waitFor();
    await checkLayout(page, 'Templates and hashtags dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    await first.focus();
    await form.getByLabel('Insert template').selectOption({ label: 'Hours' });
    await form.getByLabel('Insert hashtags').selectOption({ label: 'Bread' });
    expect(await first.inputValue()).toBe('Fresh bread. Open 8–18 today #sourdough #bread');
    const preview = page.getByRole('article', { name: 'Preview for @brightbakes' });
    await expect
      .poll(() => preview.locator('.x-hashtag').allTextContents())
      .toEqual(['#sourdough', '#bread']);

    // An image pasted into the text is uploaded and attached; removed, it can be picked
    // again from the library.
    const jpeg = await imageBytes('jpeg', 200, 100);
    await first.focus();
    await page.evaluate(`(() => {
      const bytes = Uint8Array.from(atob(${JSON.stringify(jpeg.toString('base64'))}), (c) => c.charCodeAt(0));
      const clipboard = new DataTransfer();
      clipboard.items.add(new File([bytes], 'counter.jpg', { type: 'image/jpeg' }));
      const event = new ClipboardEvent('paste', { clipboardData: clipboard, bubbles: true, cancelable: true });
      document.activeElement.dispatchEvent(event);
    })()`);
    await form.getByLabel('Alt text for counter.jpg').waitFor();
    await form.getByRole('button', { name: 'Remove counter.jpg from the first part' }).click();
    await form.getByLabel('Alt text for counter.jpg').waitFor({ state: 'detached' });
    await form.getByRole('button', { name: 'From library (the first part)' }).click();
    const picker = page.getByRole('dialog', { name: 'Pick from the library' });
    await picker.getByRole('button', { name: /counter\.jpg/ }).waitFor();
    await checkLayout(page, 'Pick from the library dialog');
    await picker.getByRole('button', { name: /counter\.jpg/ }).click();
    await picker.waitFor({ state: 'detached' });
    await form.getByLabel('Alt text for counter.jpg').fill('The shop counter');

    // The account gets its own text, with a link: the cost says so.
    await form.getByRole('button', { name: 'Own text for @brightbakes' }).click();
    const own = form.getByLabel('Post text for @brightbakes');
    await own.fill('Nur heute: https://bakery.com/brot');
    await expect
      .poll(() => preview.locator('.x-link').allTextContents())
      .toEqual(['https://bakery.com/brot']);
    await form.getByText('Estimated X API cost: $0.205').waitFor();
    await checkLayout(page, 'Composer with an own text for the account');

    // Add to queue fills in the next free 10:00 slot in Berlin.
    await form.getByRole('button', { name: 'Add to queue' }).click();
    await form.getByText(/^Next free slot: .*10:00.*\(Europe\/Berlin\)\.$/).waitFor();
    expect(await form.getByLabel('Time').inputValue()).toBe('10:00');

    // Ctrl+S saves the draft now.
    await own.focus();
    await page.keyboard.press('Control+S');
    await page.getByText('Draft saved', { exact: true }).first().waitFor();
    const draft = (cli('posts', 'list').json() as PostSummary[]).find((p) => p.status === 'draft');
    expect(draft).toBeDefined();

    await form.getByRole('button', { name: 'Schedule post' }).click();
    await page.getByText(/^Scheduled for .*10:00.*\(Europe\/Berlin\)$/).waitFor();
    await checkLayout(page, 'Composer after scheduling, with the upcoming list');
    const listed = cli('posts', 'list').json() as PostSummary[];
    expect(listed.map((p) => p.status)).toEqual(['scheduled']);
    const shown = cli('posts', 'show', listed[0]?.id ?? '').json() as PostDetail;
    expect(shown.localTime).toMatch(/T10:00$/);
    expect(shown.parts).toEqual([
      expect.objectContaining({
        text: 'Fresh bread. Open 8–18 today #sourdough #bread',
        variants: { [accountId]: 'Nur heute: https://bakery.com/brot' },
        media: [expect.objectContaining({ altText: 'The shop counter', kind: 'image' })],
      }),
    ]);
    expect(errors).toEqual([]);
  }, 90_000);
});
