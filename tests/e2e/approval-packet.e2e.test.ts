// A review packet in real Chromium as a client opens it: a file:// page with every request
// to anywhere else blocked and recorded, JavaScript on. The client approves two posts,
// asks for changes on a third, types their name, and the reply appears in the "Reply
// code" box and as a downloaded reply file; pasted into the app's reply dialog, each
// decision lands in its post's history. Nothing was fetched, and the page's CSP refused
// nothing of its own.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { openApp } from '../helpers/open-app.ts';
import { serveApp } from '../helpers/serve.ts';
import { expectOk, makeCore } from '../helpers/core.ts';
import { makeNetworkAccount } from '../helpers/network-account-rows.ts';
import { makeMediaAsset, pngBytes } from '../helpers/post-factories.ts';

async function packetFile() {
  const core = await makeCore();
  const db = core.database.db;
  const client = expectOk(
    await core.invoke('clients:create', {
      name: 'Bright Bakes',
      timezone: 'Europe/Berlin',
      requireApproval: true,
    }),
  );
  const x = await makeNetworkAccount(db, client.id, { platform: 'x', handle: 'brightbakes' });
  const sky = await makeNetworkAccount(db, client.id, {
    platform: 'bluesky',
    handle: 'brightbakes.bsky.social',
  });
  const image = await makeMediaAsset(db, core.dataDir, {
    bytes: pngBytes(),
    kind: 'image',
    mime: 'image/png',
    clientId: client.id,
  });
  const ids: string[] = [];
  for (const [text, at] of [
    ['Sourdough Saturday', '2026-12-05 09:00'],
    ['Rye Sunday', '2026-12-06 10:00'],
    ['Bagel Monday', '2026-12-07 08:30'],
  ] as const) {
    const post = expectOk(
      await core.invoke('posts:schedule', {
        clientId: client.id,
        accountIds: [x, sky],
        parts: [{ text, media: [{ mediaId: image, altText: `${text} loaf` }] }],
        when: { at },
      }),
    );
    ids.push(post.id);
  }
  const sent = expectOk(await core.invoke('review:send', { clientId: client.id }));
  const file = path.join(core.dataDir, sent.fileName);
  fs.writeFileSync(file, sent.html);
  return { core, file, ids };
}

describe('a review packet in Chromium, offline', () => {
  it('approves two posts, asks for changes on a third, and gives a reply the app records', async () => {
    const { core, file, ids } = await packetFile();
    const browser = await launchBrowser();
    const context = await browser.newContext({ acceptDownloads: true });
    const blocked: string[] = [];
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      blocked.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(pathToFileURL(file).href);

    const post = (n: number) =>
      page.getByRole('article', { name: new RegExp(`^Post ${String(n)} of 3`) });
    await expect.poll(() => post(1).getByRole('img').count()).toBe(2);
    const codeBox = page.getByLabel('Reply code');
    const download = page.getByRole('button', { name: 'Download reply file' });
    expect(await download.isDisabled()).toBe(true);

    await post(1).getByRole('button', { name: 'Approve' }).click();
    await post(2).getByRole('button', { name: 'Approve' }).click();
    await post(3).getByRole('button', { name: 'Request changes' }).click();
    expect(
      await post(1).getByRole('button', { name: 'Approve' }).getAttribute('aria-pressed'),
    ).toBe('true');
    // A request for changes needs a comment, and the reply a name, before there is a code.
    expect(await page.locator('#reply-status').textContent()).toMatch(/Post 3: say in its Comment/);
    expect(await codeBox.inputValue()).toBe('');
    await post(3).getByLabel('Comment').fill('Bagels on Tuesday, please.');
    expect(await page.locator('#reply-status').textContent()).toMatch(/Type your name/);
    await page.getByLabel('Your name').fill('Anna Baker');

    const code = await codeBox.inputValue();
    expect(code).toMatch(/^SR1\.[A-Za-z0-9_-]+\.[0-9a-f]{8}$/);
    expect(code.length).toBeLessThan(1200);
    const [saved] = await Promise.all([page.waitForEvent('download'), download.click()]);
    const replyFile = path.join(core.dataDir, saved.suggestedFilename());
    await saved.saveAs(replyFile);
    const fileText = fs.readFileSync(replyFile, 'utf8');
    expect(saved.suggestedFilename()).toMatch(/^bright-bakes-reply-\d{4}-\d{2}-\d{2}\.txt$/);
    expect(fileText).toContain(code);

    expect(blocked).toEqual([]);
    expect(problems).toEqual([]);

    // Back in Starling: pasted into the app's reply dialog (Clients → Import reply…).
    const app = await serveApp(core.dataDir);
    const { page: appPage, errors } = await openApp(app.url, { browser });
    await appPage.getByRole('link', { name: 'Clients' }).click();
    const row = appPage.getByRole('list', { name: 'Clients' }).getByRole('listitem').filter({
      hasText: 'Bright Bakes',
    });
    await row.first().getByRole('button', { name: 'Import reply…' }).click();
    const dialog = appPage.getByRole('dialog', { name: 'Import a review reply' });
    await dialog.getByLabel('Reply code').fill(`Hi, here is my reply:\n\n${code}\n\nAnna`);
    await dialog.getByRole('button', { name: 'Import reply' }).click();
    await dialog.getByText('Recorded 3 decisions.').waitFor();
    expect(await dialog.getByRole('listitem').allTextContents()).toEqual([
      'Approved: “Sourdough Saturday”',
      'Approved: “Rye Sunday”',
      'Changes requested: “Bagel Monday”',
    ]);
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(errors).toEqual([]);
    const approved = expectOk(await core.invoke('posts:get', { id: ids[0] ?? '' }));
    expect(approved.approval).toBe('approved');
    const third = expectOk(await core.invoke('posts:get', { id: ids[2] ?? '' }));
    expect(third.approval).toBe('changes_requested');
    expect(third.events.at(-1)).toMatchObject({
      type: 'approval.changes-requested',
      detail: { by: 'Anna Baker', comment: 'Bagels on Tuesday, please.' },
    });
    // The downloaded file says the same: importing it changes nothing more.
    const again = expectOk(await core.invoke('review:import', { reply: fileText }));
    expect(again.unchanged).toHaveLength(3);
  });
});
