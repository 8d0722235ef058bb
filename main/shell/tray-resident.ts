// What keeps Starling useful while it lives in the tray: the tray's look and menu follow
// the scheduler, notifications report publishes and problems, the machine stays awake
// only while a post is going out, and Quit asks first when posts are due soon.
import { Notification, app, dialog, powerSaveBlocker } from 'electron';
import type { Core } from '../core/create-core.ts';
import type { Logger } from '../core/ports.ts';
import type { AccountStatus } from '../../shared/accounts.ts';
import type { Events } from '../../shared/ipc/events.ts';
import type { PostStatus } from '../../shared/posts.ts';
import { createAutostart } from './autostart.ts';
import { notificationFor, shouldNotify, type NotifiableEvent } from './notification-texts.ts';
import { createShellSettings } from './shell-settings.ts';
import { createTray } from './tray.ts';
import { accountNotes, quitPrompt, trayPostCount } from './tray-menu.ts';

export interface TrayResidentOptions {
  core: Core;
  dataDir: string;
  iconPath: string;
  logger: Logger;
  /** Shows the window. */
  show: () => void;
  /** Quits without asking. */
  quit: () => void;
}

/** Statuses that leave a post needing a person; the tray shows attention while any remain. */
const problemStatuses: readonly PostStatus[] = [
  'failed',
  'missed',
  'needs_review',
  'partially_published',
];
const menuRefreshMs = 60_000;

export function startTrayResident(options: TrayResidentOptions) {
  const { core, logger } = options;
  const settings = createShellSettings(options.dataDir);
  // An AppImage runs from a temporary mount; its own file is what must start at login.
  const command = app.isPackaged
    ? [process.env.APPIMAGE ?? process.execPath]
    : [process.execPath, app.getAppPath()];
  const autostart = createAutostart({
    platform: process.platform,
    command,
    loginItems: {
      get: () => app.getLoginItemSettings().openAtLogin,
      set: (openAtLogin) => {
        app.setLoginItemSettings({ openAtLogin });
      },
    },
  });

  const postStatuses = new Map<string, PostStatus>();
  const accountStatuses = new Map<string, AccountStatus>();
  const problems = new Set<string>();
  // Electron drops the click handler of a notification that was garbage-collected.
  const shown = new Set<Notification>();
  let blocker: number | null = null;
  let stopped = false;

  const requestQuit = async () => {
    const prompt = quitPrompt(await core.scheduler.upcoming(50), Date.now());
    if (prompt === null) {
      options.quit();
      return;
    }
    const { response } = await dialog.showMessageBox({
      type: 'warning',
      message: prompt.message,
      detail: prompt.detail,
      buttons: prompt.buttons,
      defaultId: prompt.cancelButton,
      cancelId: prompt.cancelButton,
    });
    if (response === prompt.quitButton) options.quit();
  };
  const guardedQuit = () => {
    requestQuit().catch((error: unknown) => {
      logger.error('quit check failed; quitting', { error: String(error) });
      options.quit();
    });
  };

  // The renderer opens the post (the composer's view of it) when told; the window first.
  const openPost = (postId: string) => {
    options.show();
    core.events.emit('post:open-requested', { postId });
  };
  const tray = createTray(options.iconPath, {
    open: options.show,
    openPost,
    pause: () => {
      core.scheduler.pause();
    },
    resume: () => {
      core.scheduler.resume();
    },
    'toggle-start-at-login': () => {
      try {
        autostart.set(!autostart.get());
      } catch (error) {
        logger.error('could not change start at login', { error: String(error) });
      }
      refresh();
    },
    'toggle-notify-on-publish': () => {
      settings.setNotifyOnPublish(!settings.notifyOnPublish());
      refresh();
    },
    quit: guardedQuit,
  });

  let refreshing = false;
  let again = false;
  function refresh(): void {
    if (refreshing) {
      again = true;
      return;
    }
    refreshing = true;
    void draw()
      .catch((error: unknown) => {
        logger.warn('could not update the tray', { error: String(error) });
      })
      .finally(() => {
        refreshing = false;
        if (again) {
          again = false;
          refresh();
        }
      });
  }
  async function draw(): Promise<void> {
    const status = core.scheduler.state();
    const upcoming = await core.scheduler.upcoming(trayPostCount);
    const listed = await core.invoke('accounts:list', {});
    if (stopped) return;
    const now = Date.now();
    const accounts = listed.ok ? accountNotes(listed.value, now) : [];
    const urgent = problems.size > 0 || accounts.some((note) => note.urgent);
    const state = status.state === 'idle' && urgent ? 'attention' : status.state;
    let startAtLogin = false;
    try {
      startAtLogin = autostart.get();
    } catch (error) {
      logger.warn('could not read start at login', { error: String(error) });
    }
    const view = {
      state,
      paused: status.paused,
      startAtLogin,
      notifyOnPublish: settings.notifyOnPublish(),
      accounts,
    };
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    tray.show(view, upcoming, now, timeZone);
  }

  function keepAwake(): void {
    const publishing = core.scheduler.state().state === 'publishing';
    if (publishing && blocker === null) {
      blocker = powerSaveBlocker.start('prevent-app-suspension');
    } else if (!publishing && blocker !== null) {
      powerSaveBlocker.stop(blocker);
      blocker = null;
    }
  }

  function notify(event: NotifiableEvent): void {
    const text = notificationFor(event);
    if (text === null || !shouldNotify(text, settings.notifyOnPublish())) return;
    if (!Notification.isSupported()) return;
    const notification = new Notification({ title: text.title, body: text.body });
    shown.add(notification);
    notification.on('click', () => {
      shown.delete(notification);
      if (event.type === 'account') options.show();
      else openPost(event.post.id);
    });
    notification.on('close', () => shown.delete(notification));
    notification.show();
  }

  function notePost({ post }: Events['post:saved']): void {
    const previous = postStatuses.get(post.id);
    postStatuses.set(post.id, post.status);
    if (problemStatuses.includes(post.status)) problems.add(post.id);
    else problems.delete(post.id);
    notify({ type: 'post', post, previous });
  }
  function noteAccount(account: Events['account:saved']['account']): void {
    const previous = accountStatuses.get(account.id);
    accountStatuses.set(account.id, account.status);
    notify({ type: 'account', account, previous });
  }

  const unsubscribe = core.events.subscribe((event, payload) => {
    switch (event) {
      case 'scheduler:state-changed':
        keepAwake();
        refresh();
        break;
      case 'post:saved':
        notePost(payload);
        refresh();
        break;
      case 'account:saved':
        noteAccount(payload.account);
        refresh();
        break;
      case 'account:connected':
        noteAccount(payload.account);
        refresh();
        break;
      case 'account:removed':
        refresh();
        break;
      case 'review:reminded':
        notify({ type: 'approval-reminder', post: payload.post, clientName: payload.clientName });
        break;
      default:
        break;
    }
  });
  // "Today 09:00" turns into a past time unless the menu is redrawn now and then.
  const timer = setInterval(refresh, menuRefreshMs);
  keepAwake();
  refresh();

  return {
    /** Quit from a menu: asks first when posts are due in the next 10 minutes. */
    quit: guardedQuit,
    stop(): void {
      stopped = true;
      unsubscribe();
      clearInterval(timer);
      if (blocker !== null) powerSaveBlocker.stop(blocker);
      blocker = null;
      for (const notification of shown) notification.close();
      shown.clear();
      tray.destroy();
    },
  };
}
