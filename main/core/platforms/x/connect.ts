// X's ConnectPort: a browser sign-in with the user's own X app, OAuth 2 with PKCE (the
// app's Client ID, from this connect or the settings) or OAuth 1.0a (the app's API key
// and secret). The connect flow (services/accounts-connect.ts) owns the loopback
// listener; this file builds the sign-in it waits for.
import { z } from 'zod';
import { lazySchema } from '../../../../shared/lazy-schema.ts';
import { failure } from '../../../../shared/result.ts';
import type { Clock, Logger } from '../../ports.ts';
import type { XRoute } from './x-agent.ts';
import type { ConnectPort, Signin } from '../port.ts';
import { avatarDataUrl } from './avatar.ts';
import { startOAuth1Signin } from './oauth1-signin.ts';
import { startOAuth2Signin } from './oauth2-signin.ts';
import { xErrorSummary } from './x-api.ts';
import type { XClients } from './x-clients.ts';

/** What a connect names besides the client: which of X's sign-ins, with which app. */
const xConnectOptions = lazySchema(() =>
  z.discriminatedUnion('method', [
    z.strictObject({ method: z.literal('oauth2'), xClientId: z.string().min(1).optional() }),
    z.strictObject({
      method: z.literal('oauth1'),
      apiKey: z.string().min(1),
      apiSecret: z.string().min(1),
    }),
  ]),
);

export interface XConnectDeps {
  xClients: XClients;
  route: XRoute;
  clock: Clock;
  logger: Logger;
  /** The Client ID kept in Settings → X, or null when none was set. */
  savedClientId: () => string | null;
}

export function createXConnect(deps: XConnectDeps): ConnectPort {
  return {
    kind: 'loopback',
    async begin({ redirectUri, options }) {
      const parsed = xConnectOptions.safeParse(options);
      if (!parsed.success) {
        throw failure(
          'VALIDATION',
          'Say how to sign in at X: with a Client ID, or an API key and secret.',
        );
      }
      const chosen = parsed.data;
      const signin =
        chosen.method === 'oauth1'
          ? await startOAuth1Signin({
              xClients: deps.xClients,
              route: deps.route,
              logger: deps.logger,
              appKey: chosen.apiKey,
              appSecret: chosen.apiSecret,
              redirectUri,
            })
          : startOAuth2Signin({
              xClients: deps.xClients,
              clock: deps.clock,
              authorizeOrigin: deps.route.authorizeOrigin,
              clientId: clientIdFor(chosen.xClientId ?? deps.savedClientId(), redirectUri),
              redirectUri,
            });
      return withPicture(signin, deps);
    },
  };
}

function clientIdFor(clientId: string | null, redirectUri: string): string {
  if (clientId !== null) return clientId;
  throw failure(
    'VALIDATION',
    'No X Client ID is set. Create an app at developer.x.com (type: Native App, callback ' +
      `${redirectUri}), then paste its Client ID in Settings → X, or pass --x-client-id ` +
      'CLIENT_ID on the command line.',
    { details: { issues: [{ path: ['xClientId'], message: 'Set your X app’s Client ID.' }] } },
  );
}

/** X's pictures come through X's route (tests point it at the fake): see avatar.ts. */
const withPicture = (signin: Signin, deps: XConnectDeps): Signin => ({
  ...signin,
  picture: (url) => avatarDataUrl(deps.route, url, deps.logger),
  summarize: xErrorSummary,
});
