// The app-wide keys from shortcuts.ts (`?`, N, `/`, 1–6) and the dialog that lists every
// shortcut. Mounted once in the app frame; keys typed into a field, or while a dialog is
// open, are left alone.
import { useEffect, useId } from 'react';
import { create } from 'zustand';
import { useSearchDialog } from '../features/search/search-dialog.tsx';
import { routeHref } from './routes.ts';
import {
  globalActionFor,
  shortcutColumns,
  shortcuts,
  takesTyping,
  type Shortcut,
  type ShortcutGroup,
} from './shortcuts.ts';
import { Modal } from './ui/modal.tsx';
import './shortcuts.css';

interface HelpState {
  open: boolean;
  setOpen: (open: boolean) => void;
}

/** Whether the shortcuts dialog shows; the sidebar's button opens it too. */
export const useShortcutHelp = create<HelpState>()((set) => ({
  open: false,
  setOpen: (open) => {
    set({ open });
  },
}));

const isMac = /Mac|iPhone|iPad/.test(navigator.userAgent);

/** Waits (briefly) for the composer's first text box, then puts the caret in it. */
function focusPostText(): void {
  // The first textarea of the composer's form is the post's (first part's) text.
  const find = () =>
    document.querySelector<HTMLElement>('main form[aria-label="New post"] textarea');
  const now = find();
  if (now !== null) {
    now.focus();
    return;
  }
  const main = document.querySelector('main');
  if (main === null) return;
  const observer = new MutationObserver(() => {
    const later = find();
    if (later === null) return;
    observer.disconnect();
    // After the frame's own move to the view's heading, which runs on the same change.
    setTimeout(() => {
      later.focus();
    }, 0);
  });
  observer.observe(main, { childList: true, subtree: true });
  setTimeout(() => {
    observer.disconnect();
  }, 5000);
}

function onKeyDown(event: KeyboardEvent) {
  if (event.defaultPrevented || event.isComposing || event.repeat) return;
  if (takesTyping(document.activeElement)) return;
  // A dialog owns the keyboard while it is open (Esc closes it).
  if (document.querySelector('dialog[open]') !== null) return;
  const action = globalActionFor(event);
  if (action === null) return;
  event.preventDefault();
  switch (action.name) {
    case 'help':
      useShortcutHelp.getState().setOpen(true);
      return;
    case 'search':
      useSearchDialog.getState().setOpen(true);
      return;
    case 'new-post':
      window.location.hash = routeHref('composer');
      focusPostText();
      return;
    case 'go':
      window.location.hash = routeHref(action.route);
      return;
  }
}

function Keys({ keys }: { keys: readonly string[] }) {
  return (
    <span className="shortcut-keys">
      {keys.map((k, i) => (
        <kbd key={i}>{k}</kbd>
      ))}
    </span>
  );
}

function ShortcutRow({ shortcut }: { shortcut: Shortcut }) {
  const keys = isMac && shortcut.alt !== undefined ? shortcut.alt : shortcut.keys;
  return (
    <tr>
      <td className="shortcut-cell-keys">
        <Keys keys={keys} />
      </td>
      <td>{shortcut.label}</td>
    </tr>
  );
}

function GroupTable({ group }: { group: ShortcutGroup }) {
  return (
    <table className="shortcuts-table">
      <caption>{group}</caption>
      <thead className="visually-hidden">
        <tr>
          <th scope="col">Keys</th>
          <th scope="col">Does</th>
        </tr>
      </thead>
      <tbody>
        {shortcuts
          .filter((s) => s.group === group)
          .map((s) => (
            <ShortcutRow key={`${s.keys.join('+')} ${s.label}`} shortcut={s} />
          ))}
      </tbody>
    </table>
  );
}

function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const uid = useId();
  const titleId = `${uid}-title`;
  return (
    <Modal labelledBy={titleId} onClose={onClose}>
      <header className="modal-header">
        <h2 id={titleId}>Keyboard shortcuts</h2>
      </header>
      <div className="modal-body shortcuts-body">
        {shortcutColumns.map((groups) => (
          <div key={groups.join()} className="shortcuts-column">
            {groups.map((group) => (
              <GroupTable key={group} group={group} />
            ))}
          </div>
        ))}
      </div>
      <footer className="modal-footer">
        <button type="button" className="button button-primary" data-autofocus onClick={onClose}>
          Close
        </button>
      </footer>
    </Modal>
  );
}

export function ShortcutsHost() {
  const open = useShortcutHelp((s) => s.open);
  const setOpen = useShortcutHelp((s) => s.setOpen);
  useEffect(() => {
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
    };
  }, []);
  return open ? (
    <ShortcutsDialog
      onClose={() => {
        setOpen(false);
      }}
    />
  ) : null;
}
