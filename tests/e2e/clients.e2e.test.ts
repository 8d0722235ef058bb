// The clients slice in real Chromium against the real `starling serve`: create, edit,
// validate, archive and undo through the UI, survive a reload, agree with the CLI, and
// a socket without the token gets nowhere.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { runCli } from '../helpers/cli.ts';
import { checkLayout } from '../helpers/layout-check.ts';
import { openApp } from '../helpers/open-app.ts';
import { serveApp } from '../helpers/serve.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

async function openEmptyApp() {
  const dataDir = tempDataDir();
  const app = await serveApp(dataDir);
  const { page, errors } = await openApp(app.url);
  return { dataDir, app, page, errors };
}

const clientList = (page: Page) => page.getByRole('list', { name: 'Clients' });
const clientRow = (page: Page, name: string) =>
  clientList(page).getByRole('listitem').filter({ hasText: name });

async function fillClientForm(
  page: Page,
  fields: { name?: string; timezone?: string; notes?: string },
) {
  if (fields.name !== undefined) await page.getByLabel('Name', { exact: true }).fill(fields.name);
  if (fields.timezone !== undefined) await page.getByLabel('Time zone').fill(fields.timezone);
  if (fields.notes !== undefined) await page.getByLabel('Notes').fill(fields.notes);
}

describe('clients in the browser host', () => {
  it('creates, edits and archives a client through the UI, and keeps it across a reload', async () => {
    const { dataDir, page, errors } = await openEmptyApp();

    for (const section of ['Calendar', 'Composer', 'Analytics', 'Settings', 'Clients']) {
      await page.getByRole('link', { name: section }).click();
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).first().textContent())
        .toContain(section);
      await checkLayout(page, `${section}, empty`);
    }

    await page.getByRole('button', { name: 'New client' }).click();
    await checkLayout(page, 'New client dialog');
    await fillClientForm(page, {
      name: 'Bright Bakery',
      timezone: 'Asia/Tokyo',
      notes: 'Posts at lunch',
    });
    await page.getByRole('button', { name: 'Save client' }).click();
    await clientRow(page, 'Bright Bakery').waitFor();
    expect(await clientRow(page, 'Bright Bakery').textContent()).toContain('Asia/Tokyo');

    await page.getByRole('button', { name: 'Edit Bright Bakery' }).click();
    await fillClientForm(page, { name: 'Bright Bakehouse' });
    await page.getByRole('button', { name: 'Save client' }).click();
    await clientRow(page, 'Bright Bakehouse').waitFor();

    await page.reload();
    await page.getByRole('link', { name: 'Clients' }).click();
    await clientRow(page, 'Bright Bakehouse').waitFor();
    await checkLayout(page, 'Clients with one client');

    // The CLI reads the same database the UI wrote.
    const listed = runCli(['--data-dir', dataDir, '--json', 'clients', 'list']).json();
    expect(listed).toEqual([
      expect.objectContaining({
        name: 'Bright Bakehouse',
        timezone: 'Asia/Tokyo',
        notes: 'Posts at lunch',
      }),
    ]);

    // Archive, undo, archive again.
    await page.getByRole('button', { name: 'Archive Bright Bakehouse' }).click();
    await page.getByRole('button', { name: 'Archive', exact: true }).click();
    await clientRow(page, 'Bright Bakehouse').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Undo' }).click();
    await clientRow(page, 'Bright Bakehouse').waitFor();

    await page.getByRole('button', { name: 'Archive Bright Bakehouse' }).click();
    await page.getByRole('button', { name: 'Archive', exact: true }).click();
    await clientRow(page, 'Bright Bakehouse').waitFor({ state: 'detached' });
    await page.getByRole('checkbox', { name: 'Show archived' }).check();
    await page.getByRole('button', { name: 'Unarchive Bright Bakehouse' }).waitFor();
    await checkLayout(page, 'Clients with an archived client shown');

    const all = runCli(['--data-dir', dataDir, '--json', 'clients', 'list', '--all']).json();
    expect(all).toEqual([
      expect.objectContaining({ name: 'Bright Bakehouse', archivedAt: expect.any(Number) }),
    ]);
    expect(errors).toEqual([]);
  }, 90_000);

  it('shows validation next to the field and saves nothing', async () => {
    const { dataDir, page } = await openEmptyApp();
    await page.getByRole('link', { name: 'Clients' }).click();
    await page.getByRole('button', { name: 'New client' }).click();

    await fillClientForm(page, { name: 'x'.repeat(81), timezone: 'Mars/Olympus' });
    const name = page.getByLabel('Name', { exact: true });
    const zone = page.getByLabel('Time zone');
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => zone.getAttribute('aria-invalid')).toBe('true');
    await page.getByText('Name must be at most 80 characters.').waitFor();
    await page
      .getByText(/Unknown time zone/)
      .first()
      .waitFor();
    await checkLayout(page, 'New client dialog with two refused fields');
    await page.getByRole('button', { name: 'Save client' }).click();

    await fillClientForm(page, { name: '', timezone: 'Europe/Berlin' });
    await page.getByText('Name cannot be empty.').waitFor();
    await page.getByRole('button', { name: 'Save client' }).click();
    expect(runCli(['--data-dir', dataDir, '--json', 'clients', 'list', '--all']).json()).toEqual(
      [],
    );
  }, 90_000);

  it('shows a duplicate-name conflict from the core next to the name', async () => {
    const { dataDir, page } = await openEmptyApp();
    runCli(['--data-dir', dataDir, 'clients', 'add', '--name', 'Northwind']);
    await page.getByRole('link', { name: 'Clients' }).click();
    await clientRow(page, 'Northwind').waitFor();
    await page.getByRole('button', { name: 'New client' }).click();
    await fillClientForm(page, { name: 'northwind' });
    await page.getByRole('button', { name: 'Save client' }).click();
    await page
      .getByText(/already exists|Another active client/)
      .first()
      .waitFor();
    await checkLayout(page, 'New client dialog with a duplicate name');
    expect(runCli(['--data-dir', dataDir, '--json', 'clients', 'list']).json()).toHaveLength(1);
  }, 90_000);

  it('refuses a socket opened without the token', async () => {
    const { app, page } = await openEmptyApp();
    const outcome = await page.evaluate(
      (origin) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(`${origin.replace('http', 'ws')}/ipc`);
          ws.onopen = () => {
            resolve('open');
          };
          ws.onclose = () => {
            resolve('closed');
          };
        }),
      app.origin,
    );
    expect(outcome).toBe('closed');
  }, 90_000);
});
