// Facebook's ConnectPort: Facebook Login with the user's own Meta app (app.ts), the
// manual flow (developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow):
// the dialog at www.facebook.com/{version}/dialog/oauth with a random state, the code
// redeemed with the app secret for a short-lived user token, exchanged at once for a
// long-lived one (about 60 days). The signed-in user becomes a Facebook account that
// posts nothing itself: it lists the Pages they granted, which become accounts of their
// own (pages.ts), with the Instagram accounts linked to them. The connect flow owns the
// loopback listener (Facebook Login accepts http://localhost redirects in development
// mode) or, where that is refused, the pasted address.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { failure } from '../../../../shared/result.ts';
import type { Clock, Logger } from '../../ports.ts';
import type { ConnectPort, ConnectedProfile, Signin } from '../port.ts';
import type { MetaUserCredentials } from '../meta/credentials.ts';
import { GraphError, type GraphApi } from '../meta/graph.ts';
import { classifyMetaError } from '../meta/outcomes.ts';
import type { MetaRoute } from '../meta/route.ts';
import { graphVersion } from '../meta/version.ts';
import type { MetaApps } from './app.ts';
import { facebookPicture } from './picture.ts';

/**
 * [Note: Facebook permissions] What Starling asks for: the Pages and posting on them
 * (pages_show_list, pages_manage_posts, pages_read_engagement), the Page's first comment
 * (pages_manage_engagement) and its post insights (read_insights), the linked Instagram
 * accounts (instagram_basic, instagram_content_publish, instagram_manage_insights, and
 * instagram_manage_comments for the first comment that carries a post's hashtags) and
 * business_management for Pages owned through a Business portfolio.
 */
export const facebookScopes = [
  'pages_show_list',
  'pages_manage_posts',
  'pages_read_engagement',
  'pages_manage_engagement',
  'read_insights',
  'instagram_basic',
  'instagram_content_publish',
  'instagram_manage_insights',
  'instagram_manage_comments',
  'business_management',
] as const;

export interface ConnectDeps {
  graph: GraphApi;
  apps: MetaApps;
  route: () => MetaRoute;
  clock: Clock;
  logger: Logger;
}

const missingApp = (redirectUri: string) =>
  failure(
    'VALIDATION',
    'No Meta app is set. Create one at developers.facebook.com (type Business, with the ' +
      `product Facebook Login for Business), add the redirect URL ${redirectUri}, then save ` +
      'its App ID and App Secret in Settings → Facebook, or set STARLING_META_APP_ID and ' +
      'STARLING_META_APP_SECRET.',
    { details: { issues: [{ path: ['clientId'], message: 'Set your Meta app.' }] } },
  );

const missingSecret = () =>
  failure(
    'VALIDATION',
    'Facebook Login needs your Meta app’s App Secret: save it in Settings → Facebook or set ' +
      'STARLING_META_APP_SECRET.',
    { details: { issues: [{ path: ['clientSecret'], message: 'Set the App Secret.' }] } },
  );

function sameSecret(got: string | null, want: string): boolean {
  if (got === null) return false;
  const a = Buffer.from(got);
  const b = Buffer.from(want);
  return a.length === b.length && timingSafeEqual(a, b);
}

function exchangeWords(error: unknown, now: number) {
  if (error instanceof GraphError) {
    return failure(
      'PLATFORM_REJECTED',
      `Facebook did not accept the sign-in (${error.message}). The App ID, App Secret and ` +
        'redirect URL must match your Meta app, and a code works once. Try connecting again.',
      { retryable: false, details: { reason: 'exchange_failed' } },
    );
  }
  const outcome = classifyMetaError(error, now);
  return outcome.kind === 'rejected' || outcome.kind === 'auth'
    ? failure(
        'PLATFORM_REJECTED',
        `Facebook refused the sign-in: ${'message' in outcome ? outcome.message : outcome.reason}`,
      )
    : failure('OFFLINE', 'Facebook did not answer the sign-in. Try again in a moment.', {
        retryable: true,
      });
}

const seconds = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;

export function createFacebookConnect(deps: ConnectDeps): ConnectPort {
  return {
    kind: 'loopback',
    async begin({ redirectUri }): Promise<Signin> {
      const app = await deps.apps.current();
      if (app === null) throw missingApp(redirectUri);
      const appSecret = app.clientSecret;
      if (appSecret === null) throw missingSecret();
      const state = randomBytes(24).toString('base64url');
      const authorize = new URL(`${deps.route().dialogOrigin}/${graphVersion}/dialog/oauth`);
      authorize.search = new URLSearchParams({
        client_id: app.clientId,
        redirect_uri: redirectUri,
        state,
        response_type: 'code',
        scope: facebookScopes.join(','),
      }).toString();
      return {
        label: 'Facebook',
        authorizeUrl: authorize.toString(),

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
          if (error === 'access_denied' && query.get('error_reason') === 'user_denied') {
            return { kind: 'denied', error: 'access_denied' };
          }
          if (error !== null) {
            const detail = (query.get('error_description') ?? error).slice(0, 200);
            return {
              kind: 'denied',
              error,
              message: `Facebook ended the sign-in with an error (${detail}). Try connecting again.`,
            };
          }
          const code = query.get('code');
          if (code === null || code === '') return { kind: 'denied', error: 'no_code' };
          return { kind: 'code', code };
        },

        async finish(code) {
          try {
            const short = await deps.graph.token({
              client_id: app.clientId,
              client_secret: appSecret,
              redirect_uri: redirectUri,
              code,
            });
            const long = await deps.graph.token({
              grant_type: 'fb_exchange_token',
              client_id: app.clientId,
              client_secret: appSecret,
              fb_exchange_token: String(short.access_token),
            });
            const accessToken = typeof long.access_token === 'string' ? long.access_token : '';
            if (accessToken === '') {
              throw failure('PLATFORM_REJECTED', 'Facebook did not hand out a long-lived token.');
            }
            // Meta leaves expires_in out for some long-lived tokens: they last 60 days.
            const lifetime = (seconds(long.expires_in) ?? 60 * 86_400) * 1000;
            const me = await deps.graph.get(accessToken, '/me', { fields: 'id,name,picture' });
            const permissions = await deps.graph.get(accessToken, '/me/permissions');
            const userId = typeof me.id === 'string' ? me.id : '';
            if (userId === '')
              throw failure('PLATFORM_REJECTED', 'Facebook did not say who signed in.');
            const name = typeof me.name === 'string' && me.name !== '' ? me.name : userId;
            const granted = (Array.isArray(permissions.data) ? permissions.data : [])
              .map((p) => p as { permission?: unknown; status?: unknown })
              .filter((p) => p.status === 'granted' && typeof p.permission === 'string')
              .map((p) => String(p.permission));
            const expiresAt = deps.clock.now() + lifetime;
            const credentials: MetaUserCredentials = {
              kind: 'oauth2',
              appId: app.clientId,
              accessToken,
              expiresAt,
              reconnectBy: expiresAt,
              scope: granted.join(' '),
              userId,
            };
            const profile: ConnectedProfile = {
              platform: 'facebook',
              platformUserId: userId,
              handle: name,
              displayName: name,
              avatarUrl: facebookPicture.urlOf(me.picture),
              serviceUrl: null,
              settings: { kind: 'user', userId },
            };
            return { profile, credentials };
          } catch (error) {
            throw exchangeWords(error, deps.clock.now());
          }
        },

        picture: (url) => facebookPicture.fetch(deps.route(), url, deps.logger),

        summarize: (error) =>
          error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : 'unknown',
      };
    },
  };
}
