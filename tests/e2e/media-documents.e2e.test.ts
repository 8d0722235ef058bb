// A PDF in real Chromium against the real `starling serve`: dropped on the library as a
// real file drop, it shows as a document tile with its name and size and under the
// Documents filter; in the composer, picked from the library, its field is a title that
// starts from the file name, X is refused in words while LinkedIn is not, and with the X
// account left out the post is scheduled with the PDF as a document.
import { describe, expect, it } from 'vitest';
import type { MediaAsset } from '../../shared/media.ts';
import type { PostDetail, PostSummary } from '../../shared/posts.ts';
import { runCli } from '../helpers/cli.ts';
import { makeCore } from '../helpers/core.ts';
import { checkLayout } from '../helpers/layout-check.ts';
import { pdfBytes } from '../helpers/media-files.ts';
import { makeNetworkAccount } from '../helpers/network-account-rows.ts';
import { openApp } from '../helpers/open-app.ts';
import { makeAccount, makeClient } from '../helpers/post-factories.ts';
import { serveApp } from '../helpers/serve.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

describe('PDF documents in the browser host', () => {
  it('drops a PDF into the library and posts it to LinkedIn, not X', async () => {
    const dataDir = tempDataDir();
    const core = await makeCore({ dataDir });
    const clientId = await makeClient(core.database.db, { name: 'Bright Bakery' });
    await makeAccount(core.database.db, clientId, { handle: 'brightbakes' });
    const linkedin = await makeNetworkAccount(core.database.db, clientId, {
      platform: 'linkedin',
      handle: 'bright-bakery',
    });
    await core.close();
    const cli = (...args: string[]) => runCli(['--data-dir', dataDir, '--json', ...args]);
    const pdf = pdfBytes(4, 'Winter menu');

    const app = await serveApp(dataDir);
    const { page, errors } = await openApp(app.url);
    await page.getByRole('link', { name: 'Media' }).click();
    await page.getByText('No media in Bright Bakery’s library yet.').waitFor();

    // A real file drop: a DataTransfer holding a File made from the PDF's bytes.
    const dataTransfer = await page.evaluateHandle(`(() => {
      const bytes = Uint8Array.from(atob(${JSON.stringify(pdf.toString('base64'))}), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], 'winter-menu.pdf', { type: 'application/pdf' }));
      return transfer;
    })()`);
    const zone = page.getByTestId('media-drop');
    await zone.dispatchEvent('dragover', { dataTransfer });
    await zone.dispatchEvent('drop', { dataTransfer });

    const grid = page.getByRole('list', { name: 'Bright Bakery’s media' });
    const menu = grid.getByRole('listitem', { name: 'winter-menu.pdf' });
    const tile = menu.getByTestId('media-document-tile');
    await tile.waitFor();
    // A link to the file, named by what it shows.
    await menu.getByRole('link', { name: /^winter-menu\.pdf PDF document · \d+ KB$/ }).waitFor();
    await tile.getByText('winter-menu.pdf').waitFor();
    await tile.getByText(/^PDF document · \d+ KB$/).waitFor();
    await menu.getByText('Not used in any post').waitFor();
    // No picture, no "Fit for X": a document is not an image.
    expect(await menu.locator('img').count()).toBe(0);
    expect(await menu.getByRole('button', { name: 'Fit for X' }).count()).toBe(0);
    await page.getByLabel('Kind').selectOption({ label: 'Documents' });
    await tile.waitFor();
    await checkLayout(page, 'Media with a PDF document');

    // The composer: both accounts, the PDF picked from the library.
    await page.getByRole('link', { name: 'Composer' }).click();
    const form = page.getByRole('form', { name: 'New post' });
    await form.getByLabel('@brightbakes').check();
    await form.getByLabel('bright-bakery (LinkedIn)').check();
    await form.getByLabel('Post text', { exact: true }).fill('Our winter menu is here.');
    await form.getByRole('button', { name: 'From library (the first part)' }).click();
    const picker = page.getByRole('dialog', { name: 'Pick from the library' });
    await picker.getByRole('button', { name: /winter-menu\.pdf/ }).click();
    await picker.waitFor({ state: 'detached' });
    // The field is the document's title, started from its file name.
    const title = form.getByLabel('Title of winter-menu.pdf');
    expect(await title.inputValue()).toBe('winter menu');
    await title.fill('Winter menu 2026');

    // The live check, before anything is tried: the part says why X cannot take it.
    const live = form
      .locator('.field-error')
      .filter({ hasText: 'X does not take PDF documents (winter-menu.pdf).' });
    await live.waitFor();
    expect(await live.textContent()).toBe(
      'The post: X does not take PDF documents (winter-menu.pdf). Only LinkedIn takes them. Remove it, or leave X accounts out of this post.',
    );
    await form.getByLabel('Date').fill('2027-01-15');
    await form.getByLabel('Time').fill('09:00');
    await form.getByRole('button', { name: 'Schedule post' }).click();
    await form.getByRole('alert').filter({ hasText: 'X does not take PDF documents' }).waitFor();
    await checkLayout(page, 'Composer refusing a PDF for X');

    // Without the X account nothing is refused and the post goes to LinkedIn with the PDF.
    await form.getByLabel('@brightbakes').uncheck();
    await live.waitFor({ state: 'detached' });
    expect(await form.locator('.field-error').filter({ hasText: /\S/ }).count()).toBe(0);
    await form.getByRole('button', { name: 'Schedule post' }).click();
    await page.getByText(/^Scheduled for .*09:00/).waitFor();

    const [post] = cli('posts', 'list').json() as PostSummary[];
    expect(post?.status).toBe('scheduled');
    const shown = cli('posts', 'show', post?.id ?? '').json() as PostDetail;
    expect(shown.targets.map((t) => t.accountId)).toEqual([linkedin]);
    expect(shown.parts[0]?.media).toEqual([
      expect.objectContaining({ altText: 'Winter menu 2026', kind: 'document' }),
    ]);
    const [listed] = cli('media', 'list', '--client', clientId).json() as MediaAsset[];
    expect(listed).toMatchObject({ kind: 'document', mime: 'application/pdf', bytes: pdf.length });
    expect(errors).toEqual([]);
  }, 90_000);
});
