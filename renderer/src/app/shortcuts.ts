// [Note: one list of shortcuts] Every keyboard shortcut the app binds, with the words the
// help dialog (`?`) shows for it. The app-wide ones are handled by shortcuts-host.tsx from
// this list; the composer's and the calendar's are matched with the helpers below by the
// views that own them, so nothing is bound that the dialog does not list. (Tab, Esc in
// dialogs and a week row's Esc are the browser's and the row's own, listed here too.)
import { routes, type Route } from './routes.ts';

export type ShortcutGroup = 'Anywhere' | 'Composer' | 'Calendar' | 'Dialogs';

export interface Shortcut {
  /** Keys as shown, pressed together (`['Ctrl', 'S']`); `alt` is the spelling on macOS. */
  keys: readonly string[];
  alt?: readonly string[];
  label: string;
  group: ShortcutGroup;
}

/** Sidebar order: digit 1 is the first view. */
export const routeDigits: Readonly<Record<Route, string>> = Object.fromEntries(
  routes.map((route, i) => [route, String(i + 1)]),
) as Record<Route, string>;

const routeNames: Readonly<Record<Route, string>> = {
  calendar: 'Calendar',
  composer: 'Composer',
  media: 'Media',
  analytics: 'Analytics',
  clients: 'Clients',
  settings: 'Settings',
};

/** What a key pressed outside a text field does anywhere in the app. */
export type GlobalAction =
  { name: 'help' } | { name: 'new-post' } | { name: 'search' } | { name: 'go'; route: Route };

const goKeys = routes.map((route) => ({
  key: routeDigits[route],
  action: { name: 'go', route } as const,
  label: `Go to ${routeNames[route]}`,
}));

const globalKeys: readonly { key: string; action: GlobalAction; label: string }[] = [
  { key: '?', action: { name: 'help' }, label: 'Show keyboard shortcuts' },
  { key: 'n', action: { name: 'new-post' }, label: 'Write a new post (opens the composer)' },
  { key: '/', action: { name: 'search' }, label: 'Search posts' },
  ...goKeys,
];

export const shortcuts: readonly Shortcut[] = [
  ...globalKeys.map((g) => ({
    keys: [g.key.toUpperCase()],
    label: g.label,
    group: 'Anywhere' as const,
  })),
  { keys: ['Tab'], label: 'Next control (with Shift: the one before)', group: 'Anywhere' },
  { keys: ['Ctrl', 'Enter'], alt: ['⌘', 'Enter'], label: 'Schedule the post', group: 'Composer' },
  { keys: ['Ctrl', 'S'], alt: ['⌘', 'S'], label: 'Save the draft now', group: 'Composer' },
  { keys: ['Enter'], label: 'Open the focused post', group: 'Calendar' },
  { keys: ['Space'], label: 'Pick up the focused post to move it', group: 'Calendar' },
  {
    keys: ['←', '→', '↑', '↓'],
    label: 'Move it a day, or a week (month) or 15 minutes (week)',
    group: 'Calendar',
  },
  { keys: ['Space'], label: 'Drop it there (a time in the past asks first)', group: 'Calendar' },
  { keys: ['Esc'], label: 'Put it back where it was', group: 'Calendar' },
  // Bound by week-row.tsx on the row it opens.
  { keys: ['Esc'], label: 'Fold an opened row of posts (week)', group: 'Calendar' },
  { keys: ['Esc'], label: 'Close the dialog', group: 'Dialogs' },
];

/** The dialog's two columns of groups. */
export const shortcutColumns: readonly (readonly ShortcutGroup[])[] = [
  ['Anywhere'],
  ['Composer', 'Calendar', 'Dialogs'],
];

/** The calendar's keyboard move, for dnd-kit's KeyboardSensor (see calendar-page.tsx). */
export const calendarMoveCodes = { start: ['Space'], cancel: ['Escape'], end: ['Space'] };

interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

const withMod = (e: KeyLike) => (e.ctrlKey || e.metaKey) && !e.altKey;

/** Ctrl/Cmd+S in the composer. */
export const isSaveDraftKey = (e: KeyLike) => withMod(e) && e.key.toLowerCase() === 's';

/** Ctrl/Cmd+Enter in the composer. */
export const isScheduleKey = (e: KeyLike) => withMod(e) && e.key === 'Enter';

/** The app-wide action of a key pressed outside a text field, or null. */
export function globalActionFor(e: KeyLike): GlobalAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  return globalKeys.find((g) => g.key === key)?.action ?? null;
}

const textInputTypes = new Set([
  'text',
  'search',
  'email',
  'url',
  'tel',
  'password',
  'number',
  'date',
  'time',
  'datetime-local',
  'month',
  'week',
]);

/** Whether typed characters belong to this element (a text field, a list box, an editor). */
export function takesTyping(element: Element | null): boolean {
  if (element === null) return false;
  if (element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) return true;
  if (element instanceof HTMLInputElement) return textInputTypes.has(element.type);
  return element instanceof HTMLElement && element.isContentEditable;
}
