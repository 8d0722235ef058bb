// Fixed-width navigation between the app's views.
import { useSearchDialog } from '../features/search/search-dialog.tsx';
import { usePreferences } from './preferences-store.ts';
import { NavIcon } from './nav-icons.tsx';
import { routeHref, type Route } from './routes.ts';
import { useShortcutHelp } from './shortcuts-host.tsx';
import { routeDigits } from './shortcuts.ts';

const items: { route: Route; label: string }[] = [
  { route: 'calendar', label: 'Calendar' },
  { route: 'composer', label: 'Composer' },
  { route: 'media', label: 'Media' },
  { route: 'analytics', label: 'Analytics' },
  { route: 'clients', label: 'Clients' },
  { route: 'settings', label: 'Settings' },
];

export function Sidebar({ current }: { current: Route }) {
  const version = usePreferences((s) => s.info?.version);
  const openShortcuts = useShortcutHelp((s) => s.setOpen);
  const openSearch = useSearchDialog((s) => s.setOpen);
  return (
    <aside className="sidebar">
      <div className="brand">
        <svg className="brand-mark" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
          <path
            d="M3 13.5c3.2.4 5.6-.6 7.4-2.9C12.6 7.7 15 6 18 6c1.4 0 2.4.5 3 1.2l-2 .8c-.2 4.7-3.6 9-9.3 9-2.6 0-5-1.3-6.7-3.5Z"
            fill="currentColor"
          />
          <circle cx="17.6" cy="8.1" r="0.9" fill="var(--sidebar-bg)" />
        </svg>
        <span className="brand-name">Starling</span>
      </div>
      <button
        type="button"
        className="sidebar-search"
        aria-keyshortcuts="/"
        onClick={() => {
          openSearch(true);
        }}
      >
        <span>Search posts</span> <kbd>/</kbd>
      </button>
      <nav className="nav" aria-label="Main">
        <ul>
          {items.map((item) => (
            <li key={item.route}>
              <a
                className="nav-link"
                href={routeHref(item.route)}
                aria-current={item.route === current ? 'page' : undefined}
                aria-keyshortcuts={routeDigits[item.route]}
              >
                <NavIcon route={item.route} />
                <span>{item.label}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <button
        type="button"
        className="sidebar-shortcuts"
        aria-keyshortcuts="?"
        onClick={() => {
          openShortcuts(true);
        }}
      >
        Keyboard shortcuts <kbd>?</kbd>
      </button>
      <p className="sidebar-footer">{version === undefined ? '\u00a0' : `Version ${version}`}</p>
    </aside>
  );
}
