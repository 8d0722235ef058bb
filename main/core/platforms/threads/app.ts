// The user's own Threads app (a Meta app with the Threads use case; network-app.ts): its app
// id, secret and the https redirect registered with it, from STARLING_THREADS_APP_ID /
// STARLING_THREADS_APP_SECRET / STARLING_THREADS_REDIRECT_URI or the app's settings.
// Threads sends the browser back to an https address only, so the user pastes the address
// it lands on ([Note: pasted address]); a sign-in needs all three.
import { failure } from '../../../../shared/result.ts';
import { createNetworkApps, type KeptApp, type NetworkAppDeps } from '../network-app.ts';
import { wwwHost } from './route.ts';

export type ThreadsApp = KeptApp;

export function createThreadsApps(deps: NetworkAppDeps) {
  const apps = createNetworkApps(deps, {
    platform: 'threads',
    origin: `https://${wwwHost}`,
    envNames: {
      clientId: 'STARLING_THREADS_APP_ID',
      clientSecret: 'STARLING_THREADS_APP_SECRET',
      redirectUri: 'STARLING_THREADS_REDIRECT_URI',
    },
  });
  return {
    ...apps,

    /** The app to sign in with, or why there is none yet (in words for the user). */
    async ready(): Promise<ThreadsApp & { clientSecret: string; redirectUri: string }> {
      const app = await apps.current();
      const missing =
        app === null
          ? 'no Threads app is set'
          : app.clientSecret === null
            ? 'the Threads app secret is not set'
            : app.redirectUri === null
              ? 'the redirect address registered with the Threads app is not set'
              : null;
      if (missing !== null || app?.clientSecret == null || app.redirectUri === null) {
        throw failure(
          'VALIDATION',
          `Connecting Threads needs your own Threads app, and ${missing ?? 'it is incomplete'}: ` +
            'save its app id, app secret and redirect address in Clients → Connect Threads, or set ' +
            'STARLING_THREADS_APP_ID, STARLING_THREADS_APP_SECRET and STARLING_THREADS_REDIRECT_URI.',
        );
      }
      return { ...app, clientSecret: app.clientSecret, redirectUri: app.redirectUri };
    },
  };
}

export type ThreadsApps = ReturnType<typeof createThreadsApps>;
