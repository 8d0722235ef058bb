// The tray's look and menu and the quit question, built without Electron: the next five
// posts with their local times, Pause or Resume, and a warning before quitting with posts
// due in the next 10 minutes.
import { describe, expect, it } from 'vitest';
import type { SocialAccount } from '../../shared/accounts.ts';
import {
  accountNotes,
  buildTrayMenu,
  quitPrompt,
  trayLook,
  whenLabel,
  type TrayMenuItem,
  type TrayView,
} from '../../main/shell/tray-menu.ts';
import { graphemeCount } from '../../shared/short-text.ts';
import type { PostSummary } from '../../shared/posts.ts';

const now = Date.UTC(2026, 2, 28, 8, 0); // Saturday 28 March 2026, 09:00 in Berlin
const minute = 60_000;

function makeSummary(overrides: Partial<PostSummary> = {}): PostSummary {
  return {
    id: 'post-1',
    clientId: 'client-1',
    campaignId: null,
    status: 'scheduled',
    scheduledAt: now + 60 * minute,
    timezone: 'Europe/Berlin',
    localTime: null,
    firstLine: 'Hello world',
    targets: [],
    updatedAt: now,
    approval: 'none',
    needsApproval: false,
    ...overrides,
  };
}

const view = (overrides: Partial<TrayView> = {}): TrayView => ({
  state: 'idle',
  paused: false,
  startAtLogin: false,
  notifyOnPublish: true,
  ...overrides,
});

const labels = (items: TrayMenuItem[]) =>
  items.map((item) => (item.type === 'separator' ? '---' : item.label));

describe('tray look', () => {
  it('names the state in the tooltip and flags trouble in the macOS title', () => {
    expect(trayLook({ state: 'idle', paused: false })).toEqual({
      tooltip: 'Starling — idle',
      title: '',
    });
    expect(trayLook({ state: 'publishing', paused: false }).tooltip).toBe('Starling — publishing…');
    expect(trayLook({ state: 'attention', paused: true })).toEqual({
      tooltip: 'Starling — needs your attention (paused)',
      title: '!',
    });
  });
});

describe('tray menu', () => {
  it("each upcoming post's line opens that post", () => {
    const items = buildTrayMenu(
      view(),
      [makeSummary({ id: 'p-a' }), makeSummary({ id: 'p-b', scheduledAt: now + 90 * minute })],
      now,
      'Europe/Berlin',
    );
    const postLines = items.filter(
      (i): i is Extract<TrayMenuItem, { type: 'normal' }> =>
        i.type === 'normal' && i.postId !== undefined,
    );
    expect(postLines.map((i) => i.postId)).toEqual(['p-a', 'p-b']);
    const openWindow = items.find((i) => i.type === 'normal' && i.label === 'Open Starling');
    expect(openWindow).toMatchObject({ action: 'open' });
    expect(openWindow).not.toHaveProperty('postId');
  });

  it('says what a post retrying through an outage is waiting for', () => {
    const target = {
      id: 't',
      accountId: 'a',
      handle: 'bakery',
      platform: 'mastodon' as const,
      options: {},
      heldUntil: null,
      status: 'scheduled' as const,
      remoteId: null,
      remoteUrl: null,
      errorCode: 'UNAVAILABLE',
      errorMessage: 'Waiting for Mastodon to recover. The instance had a server error (502).',
      attempts: 3,
      publishedAt: null,
    };
    const items = buildTrayMenu(view(), [makeSummary({ targets: [target] })], now, 'Europe/Berlin');
    expect(items).toContainEqual(
      expect.objectContaining({
        label: 'Today 10:00  Hello world — waiting for Mastodon to recover',
        postId: 'post-1',
      }),
    );
  });

  it('lists the next five posts with local times and first lines, soonest first', () => {
    const posts = [0, 1, 2, 3, 4, 5].map((i) =>
      makeSummary({
        id: `p${String(i)}`,
        scheduledAt: now + (i + 1) * 12 * 60 * minute,
        firstLine: `Post number ${String(i)}`,
      }),
    );
    const items = buildTrayMenu(view(), posts, now, 'Europe/Berlin');
    expect(labels(items)).toEqual([
      'Starling — idle',
      '---',
      'Today 21:00  Post number 0',
      // Overnight Berlin moves to summer time, so 08:00 UTC reads 10:00 from then on.
      'Tomorrow 10:00  Post number 1',
      'Tomorrow 22:00  Post number 2',
      'Mon 30 Mar 10:00  Post number 3',
      'Mon 30 Mar 22:00  Post number 4',
      '---',
      'Pause publishing',
      'Open Starling',
      '---',
      'Notify on each publish',
      'Start at login',
      '---',
      'Quit Starling',
    ]);
  });

  it('reads times in the zone it is given', () => {
    const items = buildTrayMenu(view(), [makeSummary()], now, 'America/New_York');
    expect(labels(items)[2]).toBe('Today 05:00  Hello world');
  });

  it('shortens long first lines and says when nothing is scheduled', () => {
    const long = makeSummary({ firstLine: `${'word '.repeat(20)}end` });
    const [, , item] = buildTrayMenu(view(), [long], now, 'UTC');
    expect(item?.type === 'normal' && item.label.endsWith('…')).toBe(true);
    expect(item?.type === 'normal' && graphemeCount(item.label)).toBeLessThanOrEqual(
      'Today 09:00  '.length + 40,
    );

    // An emoji family is one character to a reader and is never cut in half.
    const family = '👩‍👩‍👧';
    const [, , emoji] = buildTrayMenu(
      view(),
      [makeSummary({ firstLine: family.repeat(50) })],
      now,
      'UTC',
    );
    expect(emoji?.type === 'normal' && emoji.label).toBe(`Today 09:00  ${family.repeat(39)}…`);

    const empty = buildTrayMenu(view(), [], now, 'UTC');
    expect(empty[2]).toEqual({ type: 'normal', label: 'No posts scheduled', enabled: false });
  });

  it('offers Resume while paused and shows the checkboxes as set', () => {
    const items = buildTrayMenu(
      view({ paused: true, startAtLogin: true, notifyOnPublish: false }),
      [],
      now,
      'UTC',
    );
    expect(labels(items)).toContain('Resume publishing');
    expect(labels(items)).not.toContain('Pause publishing');
    expect(items).toContainEqual({
      type: 'checkbox',
      label: 'Start at login',
      checked: true,
      action: 'toggle-start-at-login',
    });
    expect(items).toContainEqual({
      type: 'checkbox',
      label: 'Notify on each publish',
      checked: false,
      action: 'toggle-notify-on-publish',
    });
  });
});

describe('times in the menu', () => {
  it('labels days across midnight in the machine zone, on the night DST starts too', () => {
    // 23:30 in Berlin; the night is an hour short, so 24 h later is already Monday.
    const lateNight = Date.UTC(2026, 2, 28, 22, 30);
    expect(whenLabel(lateNight + 60 * minute, lateNight, 'Europe/Berlin')).toBe('Tomorrow 00:30');
    expect(whenLabel(lateNight + 20 * minute, lateNight, 'Europe/Berlin')).toBe('Today 23:50');
    expect(whenLabel(lateNight + 24 * 60 * minute, lateNight, 'Europe/Berlin')).toBe(
      'Mon 30 Mar 00:30',
    );
  });
});

describe('quit prompt', () => {
  it('asks only when posts are due within the next 10 minutes, with their count', () => {
    expect(quitPrompt([makeSummary({ scheduledAt: now + 11 * minute })], now)).toBeNull();
    expect(quitPrompt([], now)).toBeNull();

    const one = quitPrompt([makeSummary({ scheduledAt: now + 10 * minute })], now);
    expect(one?.message).toBe('1 post is due in the next 10 minutes.');
    expect(one?.buttons[one.quitButton]).toBe('Quit anyway');
    expect(one?.buttons[one.cancelButton]).toBe('Cancel');

    // A post already overdue (retrying, or held) counts too.
    const three = quitPrompt(
      [
        makeSummary({ scheduledAt: now - minute }),
        makeSummary({ scheduledAt: now + minute }),
        makeSummary({ scheduledAt: now + 9 * minute }),
        makeSummary({ scheduledAt: now + 30 * minute }),
      ],
      now,
    );
    expect(three?.message).toBe('3 posts are due in the next 10 minutes.');
  });
});

describe('accounts to reconnect in the menu', () => {
  const day = 24 * 60 * minute;
  const account = (overrides: Partial<SocialAccount>): SocialAccount => ({
    id: 'a1',
    clientId: 'client-1',
    platform: 'linkedin',
    platformUserId: 'urn:li:person:1',
    handle: 'Ada Baker',
    displayName: 'Ada Baker',
    avatarUrl: null,
    serviceUrl: null,
    textLimit: null,
    status: 'active',
    statusReason: null,
    authKind: 'oauth2',
    credentialsExpireAt: null,
    handOff: false,
    createdAt: 0,
    updatedAt: 0,
    ...overrides,
  });

  it('lists sign-ins that end within 7 days, soonest first, above the posts', () => {
    const notes = accountNotes(
      [
        account({ id: 'far', displayName: 'Far Away', credentialsExpireAt: now + 30 * day }),
        account({ id: 'later', displayName: 'Nova Bakery', credentialsExpireAt: now + 6 * day }),
        account({ id: 'soon', credentialsExpireAt: now + 2 * day }),
        account({ id: 'x', platform: 'x', displayName: 'Acme' }),
      ],
      now,
    );
    expect(notes).toEqual([
      { label: 'Reconnect Ada Baker (LinkedIn) — sign-in ends in 2 days', urgent: false },
      { label: 'Reconnect Nova Bakery (LinkedIn) — sign-in ends in 6 days', urgent: false },
    ]);
    const items = buildTrayMenu(view({ accounts: notes }), [makeSummary()], now, 'UTC');
    expect(labels(items).slice(0, 5)).toEqual([
      'Starling — idle',
      '---',
      'Reconnect Ada Baker (LinkedIn) — sign-in ends in 2 days',
      'Reconnect Nova Bakery (LinkedIn) — sign-in ends in 6 days',
      '---',
    ]);
    expect(items[2]).toMatchObject({ enabled: true, action: 'open' });
  });

  it('marks ended sign-ins and signed-out accounts as urgent, and lists nothing otherwise', () => {
    expect(
      accountNotes(
        [
          account({ credentialsExpireAt: now - minute }),
          account({
            id: 'b',
            status: 'needs_reauth',
            displayName: '',
            handle: 'acme',
            platform: 'x',
          }),
        ],
        now,
      ),
    ).toEqual([
      { label: 'Reconnect @acme (X) — it was signed out', urgent: true },
      { label: 'Reconnect Ada Baker (LinkedIn) — sign-in has ended', urgent: true },
    ]);
    expect(labels(buildTrayMenu(view(), [], now, 'UTC')).slice(0, 3)).toEqual([
      'Starling — idle',
      '---',
      'No posts scheduled',
    ]);
  });
});
