// Scheduling a post in real Chromium against the real `starling serve`: a Europe/Berlin
// client (made by the CLI) with an X account (connected through the fake X), the composer
// filled in and scheduled, the upcoming list and the CLI agreeing on the instant, a time
// the DST change skips refused with its choices and nothing written, then a cancel.
import { describe, expect, it } from 'vitest';
import type { PostDetail, PostSummary } from '../../shared/posts.ts';
import { runCli } from '../helpers/cli.ts';
import { checkLayout } from '../helpers/layout-check.ts';
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

/** The last Sunday of March: Europe/Berlin skips 02:00–03:00 that night. */
function springForward(year: number): string {
  const last = new Date(Date.UTC(year, 2, 31));
  const day = 31 - last.getUTCDay();
  return `${String(year)}-03-${String(day)}`;
}

describe('scheduling in the browser host', () => {
  it('schedules, lists, refuses a DST-gap time and cancels a post', async () => {
    const fake = await startX();
    const user = fake.addUser({ username: 'brightbakes', name: 'Bright Bakery Co' });
    const dataDir = tempDataDir();
    const env: NodeJS.ProcessEnv = {
      STARLING_X_API_ORIGIN: fake.origin,
      STARLING_VAULT_PASSPHRASE: testPassphrase,
    };
    const client = runCli(
      [
        ...['--data-dir', dataDir, '--json', 'clients', 'add'],
        ...['--name', 'Bright Bakery', '--timezone', 'Europe/Berlin'],
      ],
      env,
    ).json() as { id: string };

    // Connect the account through a core on the same folder, closed before serving.
    const core = await makeXCore(fake, { dataDir });
    const { flow } = await startConnect(core, fake, client.id);
    const outcome = flowOutcome(core, flow.flowId);
    await followRedirect(await fake.approve(flow.authorizeUrl, { userId: user.id }));
    const connected = await outcome;
    expect(connected.ok).toBe(true);
    await core.close();

    const app = await serveApp(dataDir, env);
    const { page, errors } = await openApp(app.url);

    await page.getByRole('link', { name: 'Composer' }).click();
    const form = page.getByRole('form', { name: 'New post' });
    await form.getByLabel('Client').selectOption({ label: 'Bright Bakery' });
    await form.getByLabel('@brightbakes').check();
    await form.getByText('Europe/Berlin').waitFor();
    await form.getByLabel('Post text').fill('Fresh sourdough at nine\nCome early.');
    await form.getByText('35 / 280').waitFor();

    // A thread part can be added and removed again.
    await form.getByRole('button', { name: 'Add to thread' }).click();
    await form.getByRole('textbox', { name: 'Thread part 2' }).fill('x'.repeat(290));
    await form.getByText('290 / 280').waitFor();
    await checkLayout(page, 'Composer with a part over the limit');
    await form.getByRole('button', { name: 'Remove thread part 2' }).click();
    await form.getByRole('textbox', { name: 'Thread part 2' }).waitFor({ state: 'detached' });

    const year = new Date().getUTCFullYear() + 1;
    const day = `${String(year)}-06-14`;
    await form.getByLabel('Date').fill(day);
    await form.getByLabel('Time').fill('09:00');
    await form.getByRole('button', { name: 'Schedule post' }).click();
    await page.getByText(/^Scheduled for .*09:00.*\(Europe\/Berlin\)$/).waitFor();
    expect(await form.getByLabel('Post text').inputValue()).toBe('');

    const upcoming = page.getByRole('list', { name: 'Upcoming posts' });
    const item = upcoming.getByRole('listitem').filter({ hasText: 'Fresh sourdough at nine' });
    await item.waitFor();
    expect(await item.textContent()).toContain('@brightbakes');
    expect(await item.textContent()).toContain('Scheduled');
    expect(await item.textContent()).toContain('09:00');
    await checkLayout(page, 'Composer with an upcoming post');

    const cli = (args: string[]) => runCli(['--data-dir', dataDir, '--json', ...args], env);
    const listed = cli(['posts', 'list']).json() as PostSummary[];
    expect(listed).toHaveLength(1);
    const [post] = listed;
    // 09:00 in Berlin in June is 07:00 UTC (CEST, +02:00).
    expect(post).toMatchObject({
      clientId: client.id,
      status: 'scheduled',
      timezone: 'Europe/Berlin',
      scheduledAt: Date.UTC(year, 5, 14, 7, 0),
      firstLine: 'Fresh sourdough at nine',
    });

    // 02:30 on the night the clocks jump does not exist in Berlin: refused with choices.
    await form.getByLabel('@brightbakes').check();
    await form.getByLabel('Post text').fill('Into the gap');
    await form.getByLabel('Date').fill(springForward(year));
    await form.getByLabel('Time').fill('02:30');
    await form.getByRole('button', { name: 'Schedule post' }).click();
    const alert = form.getByRole('alert');
    await alert.waitFor();
    const message = (await alert.textContent()) ?? '';
    expect(message).toContain('does not exist in Europe/Berlin');
    expect(message).toMatch(/Use .*03:30.* or .*01:30/);
    await checkLayout(page, 'Composer refusing a time the clocks skip');
    // Nothing was scheduled; what was typed is kept as the composer's autosaved draft.
    const after = cli(['posts', 'list']).json() as PostSummary[];
    expect(after.filter((p) => p.status !== 'draft')).toHaveLength(1);
    expect(after.filter((p) => p.status === 'draft').map((p) => p.firstLine)).toEqual([
      'Into the gap',
    ]);

    // Cancel from the list, confirming first.
    await item.getByRole('button', { name: 'Cancel Fresh sourdough at nine' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Cancel this post?' });
    await confirm.waitFor();
    await checkLayout(page, 'Cancel post dialog');
    await confirm.getByRole('button', { name: 'Cancel post' }).click();
    await item.waitFor({ state: 'detached' });
    const shown = cli(['posts', 'show', post?.id ?? '']).json() as PostDetail;
    expect(shown.status).toBe('cancelled');
    expect(errors).toEqual([]);
  }, 90_000);
});
