// One OAuth 1.0a (3-legged) sign-in with the user's own API key and secret: a request
// token bound to the loopback callback, the browser sent to X's authorize page, the
// verifier redeemed for tokens that never expire. The request token doubles as the
// state: a callback for any other token is not this flow's.
import { failure } from '../../../../shared/result.ts';
import type { Logger } from '../../ports.ts';
import { sameSecret } from './pkce.ts';
import type { XSignin } from './signin.ts';
import type { XRoute } from './x-agent.ts';
import type { TwitterApi } from 'twitter-api-v2';
import { xCallFailure } from './x-api.ts';
import type { XClients } from './x-clients.ts';
import { fetchXProfile, xProfile, type XProfile } from './x-user.ts';

export async function startOAuth1Signin(options: {
  xClients: XClients;
  route: XRoute;
  logger: Logger;
  appKey: string;
  appSecret: string;
  redirectUri: string;
}): Promise<XSignin> {
  const { xClients, appKey, appSecret } = options;
  let link: Awaited<ReturnType<TwitterApi['generateAuthLink']>>;
  try {
    link = await (
      await xClients.app({ appKey, appSecret })
    ).generateAuthLink(options.redirectUri, { linkMode: 'authorize' });
  } catch (error) {
    const appFailure = xCallFailure(error, 'asking for a request token');
    if (appFailure.error.code !== 'PLATFORM_REJECTED') throw appFailure;
    throw failure(
      'PLATFORM_REJECTED',
      'X refused the API key and secret. Copy both from your X app’s "Keys and tokens" page, ' +
        `and add ${options.redirectUri} to the app’s callback URLs.`,
      { retryable: false },
    );
  }
  const requestToken = link.oauth_token;
  const requestSecret = link.oauth_token_secret;
  // The library names api.x.com; a local stand-in for X serves the same path itself.
  const local = options.route.localOrigin;
  const authorizeUrl =
    local === null
      ? link.url
      : new URL(new URL(link.url).pathname + new URL(link.url).search, local).href;

  return {
    label: 'X',
    authorizeUrl,

    judge(query) {
      const denied = query.get('denied');
      if (denied !== null) {
        return sameSecret(denied, requestToken)
          ? { kind: 'denied', error: 'access_denied' }
          : { kind: 'ignore', reason: 'the answer is for another sign-in' };
      }
      if (!sameSecret(query.get('oauth_token'), requestToken)) {
        return { kind: 'ignore', reason: 'the token does not match' };
      }
      const verifier = query.get('oauth_verifier');
      if (verifier === null || verifier === '') return { kind: 'denied', error: 'no_verifier' };
      return { kind: 'code', code: verifier };
    },

    async finish(verifier) {
      let login: Awaited<ReturnType<TwitterApi['login']>>;
      try {
        const client = await xClients.app({
          appKey,
          appSecret,
          accessToken: requestToken,
          accessSecret: requestSecret,
        });
        login = await client.login(verifier);
      } catch (error) {
        throw xCallFailure(error, 'redeeming the sign-in');
      }
      let profile: XProfile;
      try {
        profile = await fetchXProfile(login.client);
      } catch (error) {
        // Some API tiers refuse v2 reads to OAuth 1.0a apps; the token answer names the user.
        options.logger.warn('users/me failed for an OAuth 1.0a sign-in', {
          error: error instanceof Error ? error.message : String(error),
        });
        profile = xProfile({
          platformUserId: login.userId,
          handle: login.screenName,
          displayName: login.screenName,
          avatarUrl: null,
        });
      }
      return {
        profile,
        credentials: {
          kind: 'oauth1',
          appKey,
          appSecret,
          accessToken: login.accessToken,
          accessSecret: login.accessSecret,
        },
      };
    },
  };
}
