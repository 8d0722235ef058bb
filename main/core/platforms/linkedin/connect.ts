// LinkedIn's ConnectPort: a browser sign-in with the user's own LinkedIn app (app.ts),
// OAuth 2 authorization code with the app's secret, or PKCE alone where LinkedIn enabled
// it for the app. The member is read from /v2/userinfo (OpenID Connect). With `pages`,
// the page scopes are asked for too, and the member's company pages can then be added as
// accounts of their own (pages.ts). The connect flow owns the loopback listener.
import { z } from 'zod';
import { lazySchema } from '../../../../shared/lazy-schema.ts';
import { failure } from '../../../../shared/result.ts';
import type { Clock, Logger } from '../../ports.ts';
import type { ConnectPort, ConnectedProfile, Signin } from '../port.ts';
import { LinkedInHttpError, type LinkedInApi } from './api.ts';
import type { LinkedInApps } from './app.ts';
import { linkedinAvatar } from './avatar.ts';
import type { LinkedInCredentials } from './credentials.ts';
import { jsonOf } from '../http-exchange.ts';
import {
  authorizeUrl,
  memberScopes,
  newPkce,
  pageScopes,
  redeemCode,
  sameSecret,
  type Issued,
} from './oauth.ts';
import { classifyLinkedInError } from './outcomes.ts';
import type { LinkedInRoute } from './route.ts';

export interface ConnectDeps {
  api: LinkedInApi;
  apps: LinkedInApps;
  route: () => LinkedInRoute;
  clock: Clock;
  logger: Logger;
}

const connectOptions = lazySchema(() => z.object({ pages: z.boolean().optional() }));

const missingApp = (redirectUri: string) =>
  failure(
    'VALIDATION',
    'No LinkedIn app is set. Create one at developer.linkedin.com with the products "Sign In ' +
      'with LinkedIn using OpenID Connect" and "Share on LinkedIn" (and the "Community ' +
      `Management API" for company pages), add the redirect URL ${redirectUri}, then save ` +
      'its Client ID and secret in Settings → LinkedIn, or set STARLING_LINKEDIN_CLIENT_ID ' +
      'and STARLING_LINKEDIN_CLIENT_SECRET.',
    { details: { issues: [{ path: ['clientId'], message: 'Set your LinkedIn app.' }] } },
  );

/** LinkedIn's own error parameters on the redirect, said in words. */
function deniedWords(error: string, description: string | null, pages: boolean): string {
  if (error === 'unauthorized_scope_error') {
    return pages
      ? 'LinkedIn refused the permissions for company pages: add the Community Management API ' +
          'product to your LinkedIn app (developer.linkedin.com → My apps → Products), or ' +
          'connect without pages.'
      : 'LinkedIn refused the permissions Starling needs: add the products "Sign In with ' +
          'LinkedIn using OpenID Connect" and "Share on LinkedIn" to your LinkedIn app ' +
          '(developer.linkedin.com → My apps → Products).';
  }
  const detail = (description ?? error).replace(/&quot;/g, '"').slice(0, 200);
  return `LinkedIn ended the sign-in with an error (${detail}). Try connecting again.`;
}

function exchangeWords(error: unknown, now: number, app: { clientSecret: string | null }) {
  if (error instanceof LinkedInHttpError) {
    const secretWanted = /client_secret/.test(error.message);
    return failure(
      'PLATFORM_REJECTED',
      secretWanted && app.clientSecret === null
        ? 'LinkedIn wants the app’s client secret (PKCE alone is not enabled for this app): ' +
            'save it in Settings → LinkedIn or set STARLING_LINKEDIN_CLIENT_SECRET, then connect again.'
        : `LinkedIn did not accept the sign-in code (${error.message}). Codes expire after ` +
            '30 minutes, and the Client ID, secret and redirect URL must match your LinkedIn app. ' +
            'Try connecting again.',
      { retryable: false, details: { reason: 'exchange_failed' } },
    );
  }
  const outcome = classifyLinkedInError(error, now);
  return outcome.kind === 'rejected' || outcome.kind === 'auth'
    ? failure(
        'PLATFORM_REJECTED',
        `LinkedIn refused the sign-in: ${'message' in outcome ? outcome.message : outcome.reason}`,
      )
    : failure('OFFLINE', 'LinkedIn did not answer the sign-in. Try again in a moment.', {
        retryable: true,
      });
}

interface UserInfo {
  sub: string;
  name: string;
  picture: string | null;
}

async function readMember(api: LinkedInApi, token: string): Promise<UserInfo> {
  const body = jsonOf(await api.v2(token, '/userinfo')) as Record<string, unknown> | undefined;
  const sub = body?.sub;
  if (typeof sub !== 'string' || sub === '') {
    throw failure('PLATFORM_REJECTED', 'LinkedIn did not say who signed in.');
  }
  const given = typeof body?.given_name === 'string' ? body.given_name : '';
  const family = typeof body?.family_name === 'string' ? body.family_name : '';
  const name =
    typeof body?.name === 'string' && body.name.trim() !== ''
      ? body.name.trim()
      : `${given} ${family}`.trim();
  return {
    sub,
    name: name === '' ? sub : name,
    picture: typeof body?.picture === 'string' && body.picture !== '' ? body.picture : null,
  };
}

function credentialsFrom(clientId: string, issued: Issued, memberUrn: string): LinkedInCredentials {
  return {
    kind: 'oauth2',
    clientId,
    accessToken: issued.accessToken,
    refreshToken: issued.refreshToken,
    expiresAt: issued.expiresAt,
    refreshExpiresAt: issued.refreshToken === null ? null : issued.refreshExpiresAt,
    scope: issued.scope,
    reconnectBy:
      issued.refreshToken === null
        ? issued.expiresAt
        : (issued.refreshExpiresAt ?? issued.expiresAt),
    memberUrn,
  };
}

export function createLinkedInConnect(deps: ConnectDeps): ConnectPort {
  return {
    kind: 'loopback',
    async begin({ redirectUri, options }): Promise<Signin> {
      const pages = connectOptions.safeParse(options).data?.pages === true;
      const app = await deps.apps.current();
      if (app === null) throw missingApp(redirectUri);
      const pkce = newPkce();
      const scopes = pages ? [...memberScopes, ...pageScopes] : [...memberScopes];
      return {
        label: 'LinkedIn',
        authorizeUrl: authorizeUrl({
          origin: deps.route().authorizeOrigin,
          clientId: app.clientId,
          redirectUri,
          scopes,
          pkce,
        }),

        judge(query) {
          if (!sameSecret(query.get('state'), pkce.state)) {
            return {
              kind: 'ignore',
              reason:
                query.get('state') === null
                  ? 'the answer has no state'
                  : 'the state does not match',
            };
          }
          const error = query.get('error');
          if (error === 'user_cancelled_authorize' || error === 'user_cancelled_login') {
            return { kind: 'denied', error: 'access_denied' };
          }
          if (error !== null) {
            return {
              kind: 'denied',
              error,
              message: deniedWords(error, query.get('error_description'), pages),
            };
          }
          const code = query.get('code');
          if (code === null || code === '') return { kind: 'denied', error: 'no_code' };
          return { kind: 'code', code };
        },

        async finish(code) {
          let issued: Issued;
          try {
            issued = await redeemCode(deps.api, app, {
              code,
              redirectUri,
              verifier: pkce.verifier,
              now: () => deps.clock.now(),
            });
          } catch (error) {
            throw exchangeWords(error, deps.clock.now(), app);
          }
          let member: UserInfo;
          try {
            member = await readMember(deps.api, issued.accessToken);
          } catch (error) {
            throw exchangeWords(error, deps.clock.now(), app);
          }
          const memberUrn = `urn:li:person:${member.sub}`;
          const profile: ConnectedProfile = {
            platform: 'linkedin',
            platformUserId: memberUrn,
            handle: member.name,
            displayName: member.name,
            avatarUrl: member.picture,
            serviceUrl: null,
            settings: { kind: 'member', memberUrn },
          };
          return { profile, credentials: credentialsFrom(app.clientId, issued, memberUrn) };
        },

        picture: (url) => linkedinAvatar(deps.route(), url, deps.logger),

        summarize: (error) =>
          error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : 'unknown',
      };
    },
  };
}
