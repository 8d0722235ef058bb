// The media library in real Chromium against the real `starling serve`: a PNG dropped as
// a real file drop shows up with its thumbnail, a video chosen with the picker gets its
// placeholder, a mislabelled file is refused with the core's message, search and kind
// filter, Fit for X and delete work, and `starling media list` agrees with the page.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MediaAsset } from '../../shared/media.ts';
import { runCli } from '../helpers/cli.ts';
import { imageBytes, mp4Bytes, writeFile } from '../helpers/media-files.ts';
import { checkLayout } from '../helpers/layout-check.ts';
import { openApp } from '../helpers/open-app.ts';
import { serveApp } from '../helpers/serve.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

describe('media library in the browser host', () => {
  it('imports by drop and picker, refuses a bad file, filters, fits and deletes', async () => {
    const dataDir = tempDataDir();
    const files = tempDataDir('starling-media-src-');
    const cli = (...args: string[]) => runCli(['--data-dir', dataDir, '--json', ...args]);
    const client = cli('clients', 'add', '--name', 'Bright Bakery').json() as { id: string };
    const png = await imageBytes('png', 640, 360);
    const video = writeFile(files, 'tour.mp4', mp4Bytes(3000, 640, 360));
    const bogus = writeFile(files, 'menu.jpg', 'This is a text file, not a photo.\n'.repeat(30));

    const app = await serveApp(dataDir);
    const { page, errors } = await openApp(app.url);
    await page.getByRole('link', { name: 'Media' }).click();
    await page.getByText('No media in Bright Bakery’s library yet.').waitFor();
    await checkLayout(page, 'Media, empty');

    // A real file drop: a DataTransfer holding a File made from the PNG's bytes.
    // (A string: this side is compiled without the DOM's types.)
    const dataTransfer = await page.evaluateHandle(`(() => {
      const bytes = Uint8Array.from(atob(${JSON.stringify(png.toString('base64'))}), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], 'bakery.png', { type: 'image/png' }));
      return transfer;
    })()`);
    const zone = page.getByTestId('media-drop');
    await zone.dispatchEvent('dragover', { dataTransfer });
    await zone.dispatchEvent('drop', { dataTransfer });

    const grid = page.getByRole('list', { name: 'Bright Bakery’s media' });
    const bakery = grid.getByRole('listitem', { name: 'bakery.png' });
    await bakery.getByText('PNG · ').waitFor();
    await expect
      .poll(() =>
        page.evaluate(`document.querySelector('[data-testid=media-thumbnail]')?.naturalWidth`),
      )
      .toBe(320);
    await bakery.getByText('640×360').waitFor();
    await bakery.getByText('Not used in any post').waitFor();

    // Pasting an image (a screenshot on the clipboard has no useful name) imports it too.
    const jpeg = await imageBytes('jpeg', 200, 100);
    await page.evaluate(`(() => {
      const bytes = Uint8Array.from(atob(${JSON.stringify(jpeg.toString('base64'))}), (c) => c.charCodeAt(0));
      const clipboard = new DataTransfer();
      clipboard.items.add(new File([bytes], 'image.png', { type: 'image/jpeg' }));
      window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: clipboard }));
    })()`);
    const pasted = grid.getByRole('listitem', { name: /^pasted-.*\.jpeg$/ });
    await pasted.getByText('JPEG · ').waitFor();
    await pasted.getByRole('button', { name: /^Delete pasted-/ }).click();
    await page.getByRole('alertdialog').waitFor();
    await checkLayout(page, 'Delete media dialog');
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await pasted.waitFor({ state: 'detached' });

    // The picker: a video gets a placeholder; a text file named .jpg is refused.
    await page.getByLabel('Choose media files').setInputFiles([video, bogus]);
    const tour = grid.getByRole('listitem', { name: 'tour.mp4' });
    await tour.getByText('Video: no preview frame here').waitFor();
    await tour.getByText('3.0 s').waitFor();
    await page
      .getByRole('alert')
      .filter({ hasText: 'menu.jpg is not a file type Starling recognises' })
      .waitFor();
    // The refused upload's 400 is logged by Chromium; the page shows why instead.
    await checkLayout(page, 'Media with a refused import', {
      expectedErrors: [/^console error: Failed to load resource: .* status of 400/],
    });
    await page
      .getByRole('list', { name: 'Imports' })
      .getByRole('button', { name: 'Dismiss' })
      .click();

    // Search and kind filter.
    await page.getByLabel('Kind').selectOption({ label: 'Videos' });
    await bakery.waitFor({ state: 'detached' });
    await page.getByLabel('Kind').selectOption({ label: 'All kinds' });
    await page.getByLabel('Search names').fill('bak');
    await tour.waitFor({ state: 'detached' });
    await page.getByLabel('Search names').fill('');
    await tour.waitFor();

    // Fit for X makes a new asset beside the original.
    await bakery.getByLabel('Shape for bakery.png').selectOption({ label: 'Square 1:1' });
    await bakery.getByRole('button', { name: 'Fit for X' }).click();
    const square = grid.getByRole('listitem', { name: 'bakery (1x1).png' });
    await square.getByText('360×360').waitFor();

    // axe (serious and critical) is part of the layout check.
    await checkLayout(page, 'Media with images, a video and a fitted copy');

    // Delete, confirmed.
    await tour.getByRole('button', { name: 'Delete tour.mp4' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await tour.waitFor({ state: 'detached' });

    const listed = cli('media', 'list', '--client', client.id).json() as MediaAsset[];
    expect(listed.map((m) => m.name).sort()).toEqual(['bakery (1x1).png', 'bakery.png']);
    expect(listed.find((m) => m.name === 'bakery.png')).toMatchObject({ width: 640, height: 360 });
    const blobs = fs.readdirSync(path.join(dataDir, 'media')).filter((n) => !n.includes('.'));
    expect(blobs).toHaveLength(2);
    // Nothing went wrong in the page but the refused upload's 400 (see above).
    expect(errors.filter((e) => !/Failed to load resource: .* status of 400/.test(e))).toEqual([]);
  }, 90_000);
});
