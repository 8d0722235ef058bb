// The window layout: fixed sidebar, the current view, the reconnect banner and toasts.
import { useEffect, useRef } from 'react';
import { AnalyticsView } from '../features/analytics/analytics-view.tsx';
import { CalendarView } from '../features/calendar/calendar-view.tsx';
import { ClientsView } from '../features/clients/clients-view.tsx';
import { ComposerView } from '../features/composer/composer-view.tsx';
import { SettingsView } from '../features/settings/settings-view.tsx';
import { ConnectionBanner } from './connection-banner.tsx';
import { useCoreSync } from './core-sync.ts';
import { useRoute, type Route } from './routes.ts';
import { Sidebar } from './sidebar.tsx';
import { ToastRegion } from './toasts/toast-region.tsx';
import './styles/frame.css';

function View({ route }: { route: Route }) {
  switch (route) {
    case 'calendar':
      return <CalendarView />;
    case 'composer':
      return <ComposerView />;
    case 'analytics':
      return <AnalyticsView />;
    case 'clients':
      return <ClientsView />;
    case 'settings':
      return <SettingsView />;
  }
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
    mainRef.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [route]);

  return (
    <div className="frame">
      <Sidebar current={route} />
      <div className="frame-main">
        <ConnectionBanner />
        <main ref={mainRef} className="view" id="main">
          <View route={route} />
        </main>
      </div>
      <ToastRegion />
    </div>
  );
}
