// What the tray shows, as plain data: the look for the scheduler's state, the menu with
// the next posts and the accounts to reconnect, and whether Quit must ask first. tray.ts
// turns these into Electron calls.
import type { SocialAccount } from '../../shared/accounts.ts';
import { networkRules, shownHandle } from '../../shared/networks/index.ts';
import type { PostSummary, SchedulerState } from '../../shared/posts.ts';
import { signInEnd, signInEndWords } from '../../shared/sign-in-end.ts';
import { shortLine } from '../../shared/short-text.ts';
import { waitingFor } from '../../shared/waiting-for.ts';

export interface TrayView {
  state: SchedulerState;
  paused: boolean;
  startAtLogin: boolean;
  notifyOnPublish: boolean;
  /** Accounts to reconnect soon or now (see accountNotes); none when left out. */
  accounts?: readonly AccountNote[];
}

/** One account the user must reconnect: its sign-in ends soon or has ended. */
export interface AccountNote {
  label: string;
  /** Ended or marked needs_reauth: the tray asks for attention. */
  urgent: boolean;
}

export type TrayAction =
  'open' | 'pause' | 'resume' | 'toggle-start-at-login' | 'toggle-notify-on-publish' | 'quit';

export type TrayMenuItem =
  | { type: 'separator' }
  | { type: 'normal'; label: string; enabled: boolean; action?: TrayAction; postId?: string }
  | { type: 'checkbox'; label: string; checked: boolean; action: TrayAction };

/** How many upcoming posts the menu lists. */
export const trayPostCount = 5;
/** Quitting with a post due this soon asks first. */
export const quitWarningMs = 10 * 60_000;

const stateWords: Record<SchedulerState, string> = {
  idle: 'idle',
  publishing: 'publishing…',
  attention: 'needs your attention',
};

/**
 * The tooltip and macOS menu-bar title for a state. There is one icon image, so the state
 * shows in these texts (and the title is empty when all is well, to keep the bar quiet).
 */
export function trayLook(view: Pick<TrayView, 'state' | 'paused'>): {
  tooltip: string;
  title: string;
} {
  const paused = view.paused ? ' (paused)' : '';
  const title =
    view.state === 'attention' ? '!' : view.state === 'publishing' ? '↑' : view.paused ? '⏸' : '';
  return { tooltip: `Starling — ${stateWords[view.state]}${paused}`, title };
}

const dayKey = (instant: number, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);

/** The calendar day after a YYYY-MM-DD key; adding 24 h would skip one across DST. */
function nextDay(key: string): string {
  const [year = 0, month = 1, day = 1] = key.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
}

/** "Today 09:00", "Tomorrow 17:30" or "Mon 30 Mar 09:00", in the machine's zone. */
export function whenLabel(instant: number, now: number, timeZone: string): string {
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
  const day = dayKey(instant, timeZone);
  if (day === dayKey(now, timeZone)) return `Today ${time}`;
  if (day === nextDay(dayKey(now, timeZone))) return `Tomorrow ${time}`;
  const date = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  }).format(instant);
  return `${date.replace(',', '')} ${time}`;
}

/**
 * The accounts whose sign-in ends within 7 days, has ended, or that need reconnecting,
 * soonest first: "Reconnect Ada Baker (LinkedIn) — sign-in ends in 3 days".
 */
export function accountNotes(accounts: readonly SocialAccount[], now: number): AccountNote[] {
  const notes: (AccountNote & { at: number })[] = [];
  for (const account of accounts) {
    const who = `${shortLine(account.displayName.trim() || shownHandle(account.platform, account.handle), 30)} (${networkRules[account.platform].label})`;
    if (account.status === 'needs_reauth') {
      notes.push({ label: `Reconnect ${who} — it was signed out`, urgent: true, at: 0 });
      continue;
    }
    const end = signInEnd(account, now);
    if (end === null) continue;
    const words = signInEndWords(end);
    notes.push({
      label: `Reconnect ${who} — ${words.charAt(0).toLowerCase()}${words.slice(1)}`,
      urgent: end.kind === 'ended',
      at: end.at,
    });
  }
  return notes.sort((a, b) => a.at - b.at).map(({ label, urgent }) => ({ label, urgent }));
}

const maxLine = 40;
function shorten(text: string): string {
  const line = shortLine(text, maxLine);
  return line === '' ? '(no text)' : line;
}

/** "waiting for X to recover" while one of the post's accounts retries through an outage. */
const waiting = (post: PostSummary): string | null =>
  post.targets
    .filter((t) => t.status === 'scheduled')
    .map((t) => waitingFor(t.errorMessage))
    .find((words) => words !== null) ?? null;

export function buildTrayMenu(
  view: TrayView,
  upcoming: readonly PostSummary[],
  now: number,
  timeZone: string,
): TrayMenuItem[] {
  const scheduled = upcoming
    .filter((p): p is PostSummary & { scheduledAt: number } => p.scheduledAt !== null)
    .slice(0, trayPostCount);
  const posts: TrayMenuItem[] =
    scheduled.length === 0
      ? [{ type: 'normal', label: 'No posts scheduled', enabled: false }]
      : scheduled.map((p) => ({
          type: 'normal',
          label: [`${whenLabel(p.scheduledAt, now, timeZone)}  ${shorten(p.firstLine)}`, waiting(p)]
            .filter((part) => part !== null)
            .join(' — '),
          enabled: true,
          action: 'open',
          // A post's line opens that post, not just the window.
          postId: p.id,
        }));
  // Opens the window, where Clients has the account's Reconnect button.
  const accounts: TrayMenuItem[] = (view.accounts ?? []).map((note) => ({
    type: 'normal',
    label: note.label,
    enabled: true,
    action: 'open',
  }));
  return [
    { type: 'normal', label: `Starling — ${stateWords[view.state]}`, enabled: false },
    { type: 'separator' },
    ...(accounts.length === 0 ? [] : [...accounts, { type: 'separator' } as const]),
    ...posts,
    { type: 'separator' },
    view.paused
      ? { type: 'normal', label: 'Resume publishing', enabled: true, action: 'resume' }
      : { type: 'normal', label: 'Pause publishing', enabled: true, action: 'pause' },
    { type: 'normal', label: 'Open Starling', enabled: true, action: 'open' },
    { type: 'separator' },
    {
      type: 'checkbox',
      label: 'Notify on each publish',
      checked: view.notifyOnPublish,
      action: 'toggle-notify-on-publish',
    },
    {
      type: 'checkbox',
      label: 'Start at login',
      checked: view.startAtLogin,
      action: 'toggle-start-at-login',
    },
    { type: 'separator' },
    { type: 'normal', label: 'Quit Starling', enabled: true, action: 'quit' },
  ];
}

export interface QuitPrompt {
  message: string;
  detail: string;
  buttons: [string, string];
  /** Index of the button that quits. */
  quitButton: number;
  cancelButton: number;
}

/** The question to ask before quitting, or null when nothing is due within 10 minutes. */
export function quitPrompt(upcoming: readonly PostSummary[], now: number): QuitPrompt | null {
  const due = upcoming.filter(
    (p) => p.scheduledAt !== null && p.scheduledAt <= now + quitWarningMs,
  ).length;
  if (due === 0) return null;
  const posts = due === 1 ? '1 post is' : `${String(due)} posts are`;
  return {
    message: `${posts} due in the next 10 minutes.`,
    detail:
      'Starling publishes only while it is running. If you quit now, they go out when Starling starts again, if still within their client’s grace window; otherwise they are marked missed.',
    buttons: ['Quit anyway', 'Cancel'],
    quitButton: 0,
    cancelButton: 1,
  };
}
