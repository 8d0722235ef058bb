// Hash routing (`#/clients`): works the same from the Electron protocol and the browser
// host, and leaves the path alone. The socket token is taken out of the hash before this
// runs (see socket-token.ts).
import { useSyncExternalStore } from 'react';

export const routes = [
  'calendar',
  'composer',
  'media',
  'analytics',
  'clients',
  'settings',
] as const;
export type Route = (typeof routes)[number];

export const defaultRoute: Route = 'calendar';

export const routeHref = (route: Route) => `#/${route}`;

export function parseRoute(hash: string): Route | null {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return (routes as readonly string[]).includes(name) ? (name as Route) : null;
}

function subscribe(onChange: () => void) {
  window.addEventListener('hashchange', onChange);
  return () => {
    window.removeEventListener('hashchange', onChange);
  };
}

const snapshot = () => parseRoute(window.location.hash) ?? defaultRoute;

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, snapshot);
}

/** Puts an unknown or empty hash on the default route without adding a history entry. */
export function normaliseRoute(): void {
  if (parseRoute(window.location.hash) === null) {
    const { pathname, search } = window.location;
    window.history.replaceState(window.history.state, '', `${pathname}${search}#/${defaultRoute}`);
  }
}
