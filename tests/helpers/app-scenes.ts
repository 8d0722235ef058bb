// Every view and every dialog a person can reach, as steps that open each one from
// wherever the page is and wait until its content is drawn: the layout e2e test checks
// each, `npm run shots` photographs each. Works on a data folder from demo-seed.ts.
import type { Locator, Page } from 'playwright-core';
import type { DemoSeed } from './demo-seed.ts';

export interface Scene {
  /** A short name, also the screenshot's file name: `calendar-month`, `dialog-new-client`. */
  name: string;
  /** What a reviewer reads under the picture. */
  caption: string;
  dialog: boolean;
  show(page: Page): Promise<void>;
}

async function go(page: Page, link: string, ready: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
  // The composer with a hundred 500-character posts takes its time on a busy machine.
  await page.locator(ready).first().waitFor({ timeout: 30_000 });
  await settle(page);
}

/** Waits for spinners and fonts, and for two frames, so what is checked is what is seen. */
export async function settle(page: Page): Promise<void> {
  await page.locator('.spinner').first().waitFor({ state: 'detached', timeout: 10_000 });
  // Fonts, animations that end (a dialog fades in; not a spinner), then two frames.
  await page.evaluate(
    'document.fonts.ready.then(() => Promise.all(document.getAnimations().filter((a) => a.effect?.getComputedTiming().iterations !== Infinity).map((a) => a.finished.catch(() => undefined)))).then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))',
  );
}

/** What centre() calls in the page (the Node-side tsconfig has no DOM types). */
interface Scrollable {
  scrollIntoView(options: { block: 'center' | 'start' }): void;
}

/**
 * Scrolls what a scene is about to the middle of the window (or its top to the top). A
 * function, not a string: Playwright evaluates a string as an expression and never calls
 * it with the element.
 */
async function centre(target: Locator, block: 'center' | 'start' = 'center') {
  await target.waitFor();
  await target.evaluate((el: Scrollable, where) => {
    el.scrollIntoView({ block: where });
  }, block);
}

async function closeDialogs(page: Page) {
  while ((await page.locator('dialog[open]').count()) > 0) {
    await page.keyboard.press('Escape');
    await page.waitForTimeout(50);
  }
}

function dialog(name: string, caption: string, open: (page: Page) => Promise<void>): Scene {
  return {
    name: `dialog-${name}`,
    caption,
    dialog: true,
    show: async (page) => {
      await closeDialogs(page);
      await open(page);
      await page.locator('dialog[open]').first().waitFor();
      await settle(page);
    },
  };
}

const calendarView = async (page: Page, view: 'Month' | 'Week' | 'List') => {
  await go(page, 'Calendar', '.cal-views');
  await page
    .getByRole('group', { name: 'View' })
    .getByRole('button', { name: view, exact: true })
    .click();
};

export function appScenes(seed: DemoSeed): Scene[] {
  const client = seed.clients[0]?.name ?? '';
  const busyDate = seed.busyDay === null ? null : new Date(seed.busyDay).toISOString().slice(0, 10);
  const scenes: Scene[] = [
    {
      name: 'calendar-month',
      caption: 'Calendar, month',
      dialog: false,
      show: async (page) => {
        await calendarView(page, 'Month');
        await page.locator('.cal-day').first().waitFor();
        await settle(page);
      },
    },
    {
      name: 'calendar-week',
      caption: busyDate === null ? 'Calendar, week' : `Calendar, week with 60 posts on ${busyDate}`,
      dialog: false,
      show: async (page) => {
        await calendarView(page, 'Week');
        await page.locator('.cal-week-col').first().waitFor();
        if (
          busyDate !== null &&
          (await page.locator(`.cal-week-col[data-day="${busyDate}"]`).count()) === 0
        ) {
          await page.getByRole('button', { name: 'Next week' }).click();
          await page.locator(`.cal-week-col[data-day="${busyDate}"]`).waitFor();
        }
        await settle(page);
      },
    },
    {
      name: 'calendar-list',
      caption: 'Calendar, list',
      dialog: false,
      show: async (page) => {
        await calendarView(page, 'List');
        await page.locator('[data-post-id]').first().waitFor();
        await settle(page);
      },
    },
    dialog('campaigns', 'Campaigns dialog', async (page) => {
      await calendarView(page, 'Month');
      await page.getByRole('button', { name: 'Campaigns…' }).click();
    }),
    {
      name: 'composer',
      caption: 'Composer, new post',
      dialog: false,
      show: async (page) => {
        await go(page, 'Composer', 'form[aria-label="New post"]');
      },
    },
    {
      name: 'composer-draft',
      caption: 'Composer with a draft open',
      dialog: false,
      show: async (page) => {
        await go(page, 'Composer', 'form[aria-label="New post"]');
        await page
          .getByRole('button', { name: /^Open draft/ })
          .first()
          .click();
        await page.waitForFunction(
          `(document.querySelector('form[aria-label="New post"] textarea')?.value ?? '') !== ''`,
        );
        // The Drafts list, where the click left the page, is in the composer scene already:
        // show what opening the draft gives, its preview and the cost above it.
        await centre(page.getByRole('region', { name: /^Preview on / }).first());
        await settle(page);
      },
    },
    dialog('templates', 'Templates and hashtags dialog', async (page) => {
      await go(page, 'Composer', 'form[aria-label="New post"]');
      await page.getByRole('button', { name: 'Manage templates and hashtags' }).click();
    }),
    dialog('media-picker', 'Media picker dialog (composer)', async (page) => {
      await go(page, 'Composer', 'form[aria-label="New post"]');
      await page
        .getByRole('button', { name: /^From library/ })
        .first()
        .click();
    }),
  ];
  if (seed.threadPostId !== null) {
    const id = seed.threadPostId;
    scenes.push({
      name: 'post-thread',
      caption:
        seed.threadParts > 3
          ? `A ${String(seed.threadParts)}-part thread, opened`
          : 'A thread, opened',
      dialog: false,
      show: async (page) => {
        await go(page, 'Composer', 'form[aria-label="New post"]');
        await page.evaluate(`window.location.hash = '#/composer?post=${id}'`);
        // The panel sits above the editor; the previous scene may have left the page lower.
        await centre(
          page.locator('.post-panel', { has: page.getByRole('list', { name: 'Thread' }) }),
          'start',
        );
        await settle(page);
      },
    });
  }
  if (seed.meta !== null) {
    const meta = seed.meta;
    const openPost = async (page: Page, postId: string, preview: string, ready: RegExp) => {
      // A draft opens in the editor only as the composer mounts: come from another view.
      await go(page, 'Calendar', '.cal-views');
      await page.evaluate(`window.location.hash = '#/composer?post=${postId}'`);
      await page.getByRole('region', { name: preview }).getByText(ready).first().waitFor();
      await settle(page);
    };
    scenes.push(
      {
        name: 'composer-instagram',
        caption:
          `An Instagram carousel, opened: Instagram's rules, ${String(meta.instagramUsed)} of ` +
          '50 posts used, the preview',
        dialog: false,
        show: async (page) => {
          await openPost(page, meta.carouselPostId, 'Preview on Instagram', /carousel of 3/);
          // The limit line and, below it at this width, the preview: what this scene is for.
          await centre(page.getByRole('list', { name: 'Posting limits' }));
          await settle(page);
        },
      },
      {
        name: 'composer-facebook',
        caption: 'A Facebook Page post with a link, opened',
        dialog: false,
        show: async (page) => {
          await openPost(page, meta.pagePostId, 'Preview on Facebook', /example\.com/);
          await centre(page.getByRole('region', { name: 'Preview on Facebook' }));
          await settle(page);
        },
      },
    );
  }
  scenes.push(
    {
      name: 'media',
      caption: 'Media library',
      dialog: false,
      show: async (page) => {
        await go(page, 'Media', 'main h1');
        await page.getByLabel('Client', { exact: true }).selectOption({ label: client });
        await page.locator('.media-grid').first().waitFor();
        await settle(page);
      },
    },
    dialog('delete-media', 'Delete media dialog', async (page) => {
      await go(page, 'Media', 'main h1');
      await page.getByLabel('Client', { exact: true }).selectOption({ label: client });
      await page
        .getByRole('button', { name: /^Delete / })
        .first()
        .click();
    }),
  );
  for (const [clientId, caption] of [
    [seed.clients[0]?.id ?? '', 'Analytics'],
    [seed.oneReadingClient, 'Analytics, one reading'],
    [seed.thousandReadingsClient, 'Analytics, 1,000 readings'],
  ] as const) {
    if (clientId === null) continue;
    scenes.push({
      name:
        caption === 'Analytics'
          ? 'analytics'
          : `analytics-${caption.includes('one') ? 'one' : 'thousand'}-reading`,
      caption,
      dialog: false,
      show: async (page) => {
        await go(page, 'Analytics', '.analytics-toolbar');
        await page.locator('.analytics-toolbar select').first().selectOption(clientId);
        await page.locator('.chart canvas').first().waitFor();
        await settle(page);
      },
    });
  }
  const account = seed.firstAccountHandle;
  scenes.push(
    {
      name: 'clients',
      caption: 'Clients and their accounts',
      dialog: false,
      show: async (page) => {
        await go(page, 'Clients', 'ul[aria-label="Clients"]');
      },
    },
    ...(seed.meta === null
      ? []
      : [
          {
            name: 'clients-meta',
            caption: 'A client with a Facebook Page and an Instagram account connected',
            dialog: false,
            show: async (page: Page) => {
              await go(page, 'Clients', 'ul[aria-label="Clients"]');
              const handle = page.getByText(`@${seed.meta?.instagramHandle ?? ''}`, {
                exact: true,
              });
              await handle.scrollIntoViewIfNeeded();
              await settle(page);
            },
          },
        ]),
    dialog('new-client', 'New client dialog', async (page) => {
      await go(page, 'Clients', 'ul[aria-label="Clients"]');
      await page.getByRole('button', { name: 'New client' }).click();
    }),
    dialog('edit-client', 'Edit client dialog', async (page) => {
      await go(page, 'Clients', 'ul[aria-label="Clients"]');
      await page.getByRole('button', { name: `Edit ${client}` }).click();
    }),
    dialog('archive-client', 'Archive client dialog', async (page) => {
      await go(page, 'Clients', 'ul[aria-label="Clients"]');
      await page.getByRole('button', { name: `Archive ${client}` }).click();
    }),
    dialog('connect-x', 'Connect X dialog', async (page) => {
      await go(page, 'Clients', 'ul[aria-label="Clients"]');
      await page.getByRole('button', { name: `Connect X account to ${client}` }).click();
    }),
    dialog('connect-bluesky', 'Connect Bluesky dialog', async (page) => {
      await go(page, 'Clients', 'ul[aria-label="Clients"]');
      await page.getByRole('button', { name: `Connect Bluesky account to ${client}` }).click();
    }),
    dialog('connect-mastodon', 'Connect Mastodon dialog', async (page) => {
      await go(page, 'Clients', 'ul[aria-label="Clients"]');
      await page.getByRole('button', { name: `Connect Mastodon account to ${client}` }).click();
    }),
    dialog('connect-linkedin', 'Connect LinkedIn dialog', async (page) => {
      await go(page, 'Clients', 'ul[aria-label="Clients"]');
      await page.getByRole('button', { name: `Connect LinkedIn account to ${client}` }).click();
      await page.getByRole('button', { name: 'Sign in on LinkedIn' }).waitFor();
    }),
    dialog('connect-threads', 'Connect Threads dialog', async (page) => {
      await go(page, 'Clients', 'ul[aria-label="Clients"]');
      await page.getByRole('button', { name: `Connect Threads account to ${client}` }).click();
      await page.getByRole('button', { name: 'Sign in on Threads' }).waitFor();
    }),
    dialog('queue-slots', 'Queue slots dialog', async (page) => {
      await go(page, 'Clients', 'ul[aria-label="Clients"]');
      await page.getByRole('button', { name: `Queue slots of @${account}`, exact: true }).click();
    }),
    dialog('remove-account', 'Remove account dialog', async (page) => {
      await go(page, 'Clients', 'ul[aria-label="Clients"]');
      await page.getByRole('button', { name: `Remove @${account}`, exact: true }).click();
    }),
    dialog('import-reply', 'Import a review reply dialog', async (page) => {
      await go(page, 'Clients', 'ul[aria-label="Clients"]');
      await page.getByRole('button', { name: 'Import reply…' }).first().click();
    }),
    dialog('shortcuts', 'Keyboard shortcuts (?)', async (page) => {
      await go(page, 'Calendar', '.cal-views');
      await page.locator('body').press('?');
    }),
    dialog('search', 'Search posts (/), before anything is typed: how to search', async (page) => {
      await go(page, 'Calendar', '.cal-views');
      await page.locator('body').press('/');
    }),
    {
      name: 'settings',
      caption: 'Settings',
      dialog: false,
      show: async (page) => {
        await go(page, 'Settings', 'main h1');
      },
    },
  );
  return scenes;
}

/** Closes whatever dialog a scene left open, so the next one starts from a plain view. */
export async function leaveScene(page: Page, scene: Scene): Promise<void> {
  if (scene.dialog) await closeDialogs(page);
}
