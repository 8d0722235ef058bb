// One OAuth 2 PKCE sign-in as X sees it: the authorize URL to send the browser to, and
// what to do with the callback (check state, exchange the code at once, read the
// profile). Storing the account is the caller's business.
import { failure } from '../../../../shared/result.ts';
import type { Clock } from '../../ports.ts';
import { newPkce, oauth2AuthorizeUrl, sameSecret } from './pkce.ts';
import type { TwitterApi } from 'twitter-api-v2';
import { xCallFailure } from './x-api.ts';
import type { XClients } from './x-clients.ts';
import type { XSignin } from './signin.ts';
import { fetchXProfile } from './x-user.ts';

export function startOAuth2Signin(options: {
  xClients: XClients;
  clock: Clock;
  authorizeOrigin: string;
  clientId: string;
  redirectUri: string;
}): XSignin {
  const { xClients, clock, clientId, redirectUri } = options;
  const pkce = newPkce();
  return {
    label: 'X',
    authorizeUrl: oauth2AuthorizeUrl({
      authorizeOrigin: options.authorizeOrigin,
      clientId,
      redirectUri,
      pkce,
    }),

    judge(query) {
      if (!sameSecret(query.get('state'), pkce.state)) {
        return {
          kind: 'ignore',
          reason:
            query.get('state') === null ? 'the answer has no state' : 'the state does not match',
        };
      }
      const error = query.get('error');
      if (error !== null) return { kind: 'denied', error };
      const code = query.get('code');
      if (code === null || code === '') return { kind: 'denied', error: 'no_code' };
      return { kind: 'code', code };
    },

    async finish(code) {
      let login: Awaited<ReturnType<TwitterApi['loginWithOAuth2']>>;
      try {
        const client = await xClients.app({ clientId });
        login = await client.loginWithOAuth2({ code, codeVerifier: pkce.verifier, redirectUri });
      } catch (error) {
        const appFailure = xCallFailure(error, 'exchanging the sign-in code');
        if (appFailure.error.code !== 'PLATFORM_REJECTED') throw appFailure;
        throw failure(
          'PLATFORM_REJECTED',
          'X did not accept the sign-in code. Codes expire 30 seconds after you approve, and ' +
            'the Client ID and callback URL must match your X app exactly. Try connecting again.',
          { retryable: false, details: { reason: 'exchange_failed' } },
        );
      }
      const profile = await fetchXProfile(login.client);
      return {
        profile,
        credentials: {
          kind: 'oauth2',
          clientId,
          accessToken: login.accessToken,
          refreshToken: login.refreshToken ?? null,
          expiresAt: clock.now() + login.expiresIn * 1000,
          scope: login.scope.join(' '),
        },
      };
    },
  };
}
