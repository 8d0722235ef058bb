// Threads' ConnectPort: Threads' own login with the user's Threads app (app.ts). Threads
// sends the browser back to an https address only, so the flow names the redirect
// registered with the app and the user pastes the address the browser lands on
// ([Note: pasted address]). The code is redeemed at once, the short-lived token exchanged
// for a long-lived one ([Note: Threads tokens]), and the profile read from /me.
import { failure } from '../../../../shared/result.ts';
import type { Clock } from '../../ports.ts';
import type { ConnectPort, ConnectedProfile, Signin } from '../port.ts';
import { graph, ThreadsHttpError, type ThreadsApi } from './api.ts';
import type { ThreadsApps } from './app.ts';
import type { ThreadsCredentials } from './credentials.ts';
import {
  authorizeUrl,
  exchangeForLongLived,
  newState,
  redeemCode,
  sameSecret,
  threadsScopes,
} from './oauth.ts';
import { classifyThreadsError } from './outcomes.ts';
import type { ThreadsRoute } from './route.ts';

export interface ConnectDeps {
  api: ThreadsApi;
  apps: ThreadsApps;
  route: () => ThreadsRoute;
  clock: Clock;
}

function exchangeWords(error: unknown, now: number) {
  if (error instanceof ThreadsHttpError && error.status < 500 && error.status !== 429) {
    return failure(
      'PLATFORM_REJECTED',
      `Threads did not accept the sign-in code (${error.message}). Codes expire after an hour ` +
        'and work once, and the app id, app secret and redirect address must match your ' +
        'Threads app. Try connecting again.',
      { retryable: false, details: { reason: 'exchange_failed' } },
    );
  }
  const outcome = classifyThreadsError(error, now);
  return outcome.kind === 'rejected'
    ? failure('PLATFORM_REJECTED', `Threads refused the sign-in: ${outcome.message}`)
    : failure('OFFLINE', 'Threads did not answer the sign-in. Try again in a moment.', {
        retryable: true,
      });
}

export function createThreadsConnect(deps: ConnectDeps): ConnectPort {
  return {
    kind: 'loopback',
    registeredRedirect: async () => (await deps.apps.ready()).redirectUri,
    async begin({ redirectUri }): Promise<Signin> {
      const app = await deps.apps.ready();
      const state = newState();
      const now = () => deps.clock.now();
      return {
        label: 'Threads',
        authorizeUrl: authorizeUrl({
          origin: deps.route().authorizeOrigin,
          clientId: app.clientId,
          redirectUri,
          state,
        }),

        judge(query) {
          if (!sameSecret(query.get('state'), state)) {
            return {
              kind: 'ignore',
              reason:
                query.get('state') === null
                  ? 'the answer has no state'
                  : 'the state does not match',
            };
          }
          const error = query.get('error');
          if (error === 'access_denied' || query.get('error_reason') === 'user_denied') {
            return { kind: 'denied', error: 'access_denied' };
          }
          if (error !== null) {
            const detail = (query.get('error_description') ?? error).slice(0, 200);
            return {
              kind: 'denied',
              error,
              message: `Threads ended the sign-in with an error (${detail}). Try connecting again.`,
            };
          }
          const code = query.get('code');
          if (code === null || code === '') return { kind: 'denied', error: 'no_code' };
          return { kind: 'code', code };
        },

        async finish(code) {
          try {
            const short = await redeemCode(deps.api, { ...app, redirectUri }, code);
            const long = await exchangeForLongLived(
              deps.api,
              app.clientSecret,
              short.accessToken,
              now,
            );
            const me = await deps.api.get(
              graph('/me'),
              { fields: 'id,username,name,threads_profile_picture_url' },
              long.accessToken,
            );
            const userId = typeof me.id === 'string' ? me.id : short.userId;
            const username = typeof me.username === 'string' ? me.username : userId;
            const profile: ConnectedProfile = {
              platform: 'threads',
              platformUserId: userId,
              handle: username,
              displayName:
                typeof me.name === 'string' && me.name.trim() !== '' ? me.name.trim() : username,
              avatarUrl: null,
              serviceUrl: null,
              settings: {},
            };
            const credentials: ThreadsCredentials = {
              kind: 'oauth2',
              clientId: app.clientId,
              accessToken: long.accessToken,
              issuedAt: now(),
              expiresAt: long.expiresAt,
              reconnectBy: long.expiresAt,
              scope: threadsScopes.join(','),
              userId,
            };
            return { profile, credentials };
          } catch (error) {
            throw exchangeWords(error, now());
          }
        },

        summarize: (error) =>
          error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : 'unknown',
      };
    },
  };
}
