// The window layout: fixed sidebar, the current view (under the notice a restore leaves),
// the reconnect banner, toasts, and the connect dialogs (any view may start a connect flow).
import { lazy, Suspense, useEffect, useRef } from 'react';
import { NetworkDialogHosts } from '../features/accounts/networks/registry.tsx';
import { CalendarView } from '../features/calendar/calendar-view.tsx';
import { ClientsView } from '../features/clients/clients-view.tsx';
import { RestoreNotice } from '../features/data/restore-notice.tsx';
import { FirstRun } from '../features/onboarding/first-run.tsx';
import { SettingsView } from '../features/settings/settings-view.tsx';
import { SearchHost } from '../features/search/search-dialog.tsx';
import { ConnectionBanner } from './connection-banner.tsx';
import { useCoreSync } from './core-sync.ts';
import { useRoute, type Route } from './routes.ts';
import { ShortcutsHost } from './shortcuts-host.tsx';
import { Sidebar } from './sidebar.tsx';
import { ToastRegion } from './toasts/toast-region.tsx';
import './styles/frame.css';

// [Note: lazy views] The composer (each network's text counting) and analytics (charts)
// are the heavy views; loaded on first visit, they stay out of the JavaScript every start
// has to parse.
const ComposerView = lazy(() =>
  import('../features/composer/composer-view.tsx').then((m) => ({ default: m.ComposerView })),
);
const MediaView = lazy(() =>
  import('../features/media/media-view.tsx').then((m) => ({ default: m.MediaView })),
);
const AnalyticsView = lazy(() =>
  import('../features/analytics/analytics-view.tsx').then((m) => ({ default: m.AnalyticsView })),
);

/** Focuses the view's heading, waiting for a lazy view to render it (briefly). */
function focusHeading(main: HTMLElement): () => void {
  const heading = () => main.querySelector<HTMLElement>('h1');
  const now = heading();
  if (now !== null) {
    now.focus();
    return () => undefined;
  }
  const observer = new MutationObserver(() => {
    const later = heading();
    if (later === null) return;
    observer.disconnect();
    later.focus();
  });
  observer.observe(main, { childList: true, subtree: true });
  const timer = setTimeout(() => {
    observer.disconnect();
  }, 5000);
  return () => {
    observer.disconnect();
    clearTimeout(timer);
  };
}

function View({ route }: { route: Route }) {
  switch (route) {
    case 'calendar':
      return <CalendarView />;
    case 'composer':
      return <ComposerView />;
    case 'media':
      return <MediaView />;
    case 'analytics':
      return <AnalyticsView />;
    case 'clients':
      return <ClientsView />;
    case 'settings':
      return <SettingsView />;
  }
}

function ViewLoading() {
  return (
    <p className="view-loading" role="status">
      <span className="spinner" aria-hidden="true" />
      Loading…
    </p>
  );
}

export function AppFrame() {
  useCoreSync();
  const route = useRoute();
  const mainRef = useRef<HTMLElement>(null);
  const firstRoute = useRef(true);

  // After navigating, move focus to the new view's heading so keyboard and screen-reader
  // users land on it; not on first load, where focus belongs to the browser.
  useEffect(() => {
    if (firstRoute.current) {
      firstRoute.current = false;
      return;
    }
    const main = mainRef.current;
    if (main === null) return;
    return focusHeading(main);
  }, [route]);

  return (
    <div className="frame">
      <Sidebar current={route} />
      <div className="frame-main">
        <ConnectionBanner />
        <main ref={mainRef} className="view" id="main">
          <RestoreNotice />
          <FirstRun route={route} />
          <Suspense fallback={<ViewLoading />}>
            <View route={route} />
          </Suspense>
        </main>
      </div>
      <NetworkDialogHosts />
      <ShortcutsHost />
      <SearchHost />
      <ToastRegion />
    </div>
  );
}
