// The user's own LinkedIn app (network-app.ts): its Client ID and secret, from
// STARLING_LINKEDIN_CLIENT_ID / STARLING_LINKEDIN_CLIENT_SECRET or the app's settings. One
// saved app, not tied to a redirect URI (LinkedIn's apps list several loopback ones).
import {
  createNetworkApps,
  type KeptApp,
  type NetworkAppDeps,
  type NetworkApps,
} from '../network-app.ts';
import { wwwHost } from './route.ts';

/** `clientSecret` null: the app signs in with PKCE alone (LinkedIn enables that for some). */
export type LinkedInApp = Omit<KeptApp, 'redirectUri'>;
export type LinkedInApps = NetworkApps;

export const createLinkedInApps = (deps: NetworkAppDeps): LinkedInApps =>
  createNetworkApps(deps, {
    platform: 'linkedin',
    origin: `https://${wwwHost}`,
    envNames: {
      clientId: 'STARLING_LINKEDIN_CLIENT_ID',
      clientSecret: 'STARLING_LINKEDIN_CLIENT_SECRET',
    },
  });
