// One browser sign-in at a Mastodon instance, as the connect flows run it: the instance
// checked and read, Starling's app on it, an authorize URL with state (and PKCE S256 where
// the instance has it), then the code redeemed at once and the account read back.
import crypto from 'node:crypto';
import { createRestAPIClient } from 'masto';
import { AppFailure, failure } from '../../../../shared/result.ts';
import type { Signin } from '../port.ts';
import { ensureApp, scopesFor, type AppDeps, type MastodonApp } from './apps.ts';
import { expectOk, request } from './http.ts';
import {
  checkInstanceUrl,
  discoveryTimeoutMs,
  readInstance,
  readOAuthSupport,
  type InstanceInfo,
} from './instance.ts';
import { classifyMastodonError } from './outcomes.ts';
import { mastodonAvatar } from './avatar.ts';
import { settingsFrom, type MastodonCredentials } from './settings.ts';

/** Compares a value from a callback with the expected secret in constant time. */
function sameSecret(received: string | null, expected: string): boolean {
  if (received === null) return false;
  const a = Buffer.from(received);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/** A failed call while connecting, in words for the person waiting on it. */
function connectFailure(error: unknown, host: string, what: string, now: number): AppFailure {
  if (error instanceof AppFailure) return error;
  const outcome = classifyMastodonError(error, now);
  switch (outcome.kind) {
    case 'rejected':
      return failure('PLATFORM_REJECTED', `${host} refused ${what}: ${outcome.message}`);
    case 'auth':
      return failure('PLATFORM_REJECTED', `${host} refused ${what}: ${outcome.reason}`);
    default:
      return failure('OFFLINE', `${host} did not answer ${what}. Try again in a moment.`, {
        retryable: true,
      });
  }
}

function authorizeUrl(
  origin: string,
  app: MastodonApp,
  redirectUri: string,
  state: string,
  verifier: string | null,
): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: app.clientId,
    redirect_uri: redirectUri,
    scope: app.scopes,
    state,
  });
  if (verifier !== null) {
    query.set('code_challenge', crypto.createHash('sha256').update(verifier).digest('base64url'));
    query.set('code_challenge_method', 'S256');
  }
  // URLSearchParams writes spaces as '+'; %20 between scopes is what every server reads.
  return `${origin}/oauth/authorize?${query.toString().replaceAll('+', '%20')}`;
}

interface Exchange {
  origin: string;
  app: MastodonApp;
  redirectUri: string;
  verifier: string | null;
  code: string;
}

/** POST /oauth/token, form-encoded as RFC 6749 §4.1.3 has it. */
async function redeem(x: Exchange): Promise<{ accessToken: string; scope: string }> {
  const answer = expectOk(
    await request(`${x.origin}/oauth/token`, {
      method: 'POST',
      timeoutMs: discoveryTimeoutMs,
      form: {
        grant_type: 'authorization_code',
        code: x.code,
        client_id: x.app.clientId,
        client_secret: x.app.clientSecret,
        redirect_uri: x.redirectUri,
        ...(x.verifier !== null && { code_verifier: x.verifier }),
      },
    }),
  );
  const body = answer.body as { access_token?: unknown; scope?: unknown } | undefined;
  if (typeof body?.access_token !== 'string' || body.access_token === '') {
    throw failure('PLATFORM_REJECTED', 'The instance answered the sign-in without a token.');
  }
  return {
    accessToken: body.access_token,
    scope: typeof body.scope === 'string' ? body.scope : x.app.scopes,
  };
}

async function signedIn(deps: AppDeps, instance: InstanceInfo, x: Exchange) {
  const host = new URL(x.origin).host;
  let token: { accessToken: string; scope: string };
  try {
    token = await redeem(x);
  } catch (error) {
    const appFailure = connectFailure(error, host, 'the sign-in code', deps.clock.now());
    if (appFailure.error.code !== 'PLATFORM_REJECTED') throw appFailure;
    throw failure(
      'PLATFORM_REJECTED',
      `${host} did not accept the sign-in code (${appFailure.message}). Try connecting again.`,
      { details: { reason: 'exchange_failed' } },
    );
  }
  let me;
  try {
    const masto = createRestAPIClient({
      url: x.origin,
      accessToken: token.accessToken,
      timeout: discoveryTimeoutMs,
    });
    me = await masto.v1.accounts.verifyCredentials();
  } catch (error) {
    throw connectFailure(error, host, 'reading the account', deps.clock.now());
  }
  const credentials: MastodonCredentials = {
    kind: 'oauth2',
    accessToken: token.accessToken,
    scope: token.scope,
    expiresAt: null,
    instance: x.origin,
    clientId: x.app.clientId,
  };
  return {
    profile: {
      platform: 'mastodon' as const,
      // Account ids are only unique on their instance.
      platformUserId: `${me.id}@${host}`,
      handle: `${me.username}@${host}`,
      displayName: me.displayName.trim() === '' ? me.username : me.displayName,
      avatarUrl: me.avatar === '' ? null : me.avatar,
      serviceUrl: x.origin,
      // Servers that speak Mastodon's API without being Mastodon may leave `source` out.
      settings: settingsFrom(
        instance,
        (me as { source?: { privacy?: string | null } }).source?.privacy,
      ),
    },
    credentials,
  };
}

/** Starts one sign-in at the instance `serviceUrl` for the flow's loopback redirect. */
export async function beginMastodonSignin(
  deps: AppDeps,
  input: { serviceUrl: string | null; redirectUri: string },
): Promise<Signin> {
  if (input.serviceUrl === null) {
    throw failure(
      'VALIDATION',
      'Name the Mastodon instance to sign in at, such as mastodon.social.',
    );
  }
  const instance = await readInstance(checkInstanceUrl(input.serviceUrl));
  const { origin } = instance;
  const host = new URL(origin).host;
  const support = await readOAuthSupport(origin, deps.logger);
  let app: MastodonApp;
  try {
    app = await ensureApp(deps, origin, input.redirectUri, scopesFor(support.profileScope));
  } catch (error) {
    throw connectFailure(error, host, 'registering Starling', deps.clock.now());
  }
  const state = crypto.randomBytes(32).toString('base64url');
  const verifier = support.pkce ? crypto.randomBytes(64).toString('base64url') : null;
  return {
    label: 'Mastodon',
    authorizeUrl: authorizeUrl(origin, app, input.redirectUri, state, verifier),

    judge(query) {
      if (!sameSecret(query.get('state'), state)) {
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

    finish: (code) =>
      signedIn(deps, instance, { origin, app, redirectUri: input.redirectUri, verifier, code }),

    picture: (url) => mastodonAvatar(origin, url, deps.logger),
  };
}
