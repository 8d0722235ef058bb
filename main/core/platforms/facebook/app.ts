// The user's own Meta app (network-app.ts): its App ID and App Secret, from
// STARLING_META_APP_ID / STARLING_META_APP_SECRET or the app's settings. Facebook Login's
// code exchange needs the secret, so an app without one cannot sign in (connect.ts says so);
// it sends the browser back to the loopback listener, so no redirect is kept.
import { createNetworkApps, type NetworkAppDeps, type NetworkApps } from '../network-app.ts';
import { wwwHost } from '../meta/route.ts';

export type MetaApps = NetworkApps;

export const createMetaApps = (deps: NetworkAppDeps): MetaApps =>
  createNetworkApps(deps, {
    platform: 'facebook',
    origin: `https://${wwwHost}`,
    envNames: { clientId: 'STARLING_META_APP_ID', clientSecret: 'STARLING_META_APP_SECRET' },
  });
