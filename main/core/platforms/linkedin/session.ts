// Calling LinkedIn as one account. [Note: LinkedIn tokens] Access tokens live 60 days; some
// apps also get a refresh token (good for a year from the first sign-in, and not spent by
// use). A token close to its end is renewed first, one refresh at a time across processes
// (the refresh gate, [Note: refresh leases]), the new set committed before use; a 401 is
// met with one refresh and one more try. Without a refresh token, or once LinkedIn refuses
// to renew, the account is marked needs_reauth with the reason and the call fails with
// AUTH_EXPIRED, so its posts are held (never a silent failure at publish time). A 403 is
// worded by what the app lacks ([Note: missing product]).
import { AppFailure, failure } from '../../../../shared/result.ts';
import type { SocialAccount } from '../../../../shared/accounts.ts';
import { markNeedsReconnect } from '../needs-reconnect.ts';
import type { PlatformAccount } from '../port.ts';
import type { PlatformDeps } from '../registry.ts';
import { LinkedInHttpError, type LinkedInApi } from './api.ts';
import type { LinkedInApps } from './app.ts';
import {
  authorUrn,
  linkedinCredentials,
  scopesOf,
  settingsOf,
  type LinkedInCredentials,
  type LinkedInSettings,
} from './credentials.ts';
import { refreshTokens } from './oauth.ts';
import { accessDenied, tokenRefusal } from './outcomes.ts';

/** Renew when less than this is left, so no call starts with a dying token. */
const refreshMarginMs = 60 * 60_000;

export interface Session {
  account: PlatformAccount;
  settings: LinkedInSettings;
  /** The URN the account posts as. */
  author: string;
  scopes: ReadonlySet<string>;
  /** The token set in use now (pages.ts copies it to the pages it adds). */
  credentials(): LinkedInCredentials;
  /**
   * Runs `fn` with a live token (see [Note: LinkedIn tokens]). `about` says whose
   * permissions a 403 concerns: the account's own kind unless the call is about pages.
   */
  call<T>(fn: (token: string) => Promise<T>, about?: 'member' | 'page'): Promise<T>;
}

export type OpenSession = (account: PlatformAccount) => Promise<Session>;

export type SessionDeps = Pick<
  PlatformDeps,
  'credentials' | 'refreshGate' | 'accounts' | 'events' | 'logger' | 'clock'
> & { api: LinkedInApi; apps: LinkedInApps };

const day = (at: number) => new Date(at).toISOString().slice(0, 10);

export function createSessions(deps: SessionDeps): OpenSession {
  const { credentials, refreshGate, clock } = deps;

  async function expire(account: SocialAccount, why: string): Promise<AppFailure> {
    await markNeedsReconnect(deps, account.id, 'LinkedIn', why);
    return failure(
      'AUTH_EXPIRED',
      `LinkedIn no longer accepts Starling's access to ${account.displayName} (${why}). ` +
        'Reconnect the account (Clients → Connect LinkedIn) to resume posting.',
      { retryable: false, details: { accountId: account.id } },
    );
  }

  async function stored(account: SocialAccount): Promise<LinkedInCredentials> {
    const c = await credentials.read(account.id, linkedinCredentials);
    if (c === null) throw await expire(account, 'no tokens are stored for it');
    return c;
  }

  const canRefresh = (c: LinkedInCredentials) =>
    c.refreshToken !== null && (c.refreshExpiresAt === null || c.refreshExpiresAt > clock.now());

  async function refresh(
    account: SocialAccount,
    stillNeeded: (c: LinkedInCredentials) => boolean,
  ): Promise<LinkedInCredentials> {
    const current = await stored(account);
    if (!stillNeeded(current)) return current;
    if (current.refreshToken === null || !canRefresh(current)) {
      throw await expire(
        account,
        current.refreshToken === null
          ? `its LinkedIn sign-in ran out on ${day(current.expiresAt)}; this LinkedIn app gets no refresh tokens, so LinkedIn asks for a new sign-in every 60 days`
          : `its LinkedIn sign-in could be renewed until ${day(current.reconnectBy)} only`,
      );
    }
    const secret = await deps.apps.secretFor(current.clientId);
    if (secret === null) {
      throw await expire(account, 'the LinkedIn app’s client secret is no longer set in Starling');
    }
    let issued;
    try {
      issued = await refreshTokens(
        deps.api,
        { clientId: current.clientId, clientSecret: secret },
        current.refreshToken,
        () => clock.now(),
      );
    } catch (error) {
      if (!(error instanceof LinkedInHttpError) || error.status >= 500 || error.status === 429) {
        throw failure(
          'OFFLINE',
          'LinkedIn could not renew the sign-in just now; trying again later.',
          {
            retryable: true,
          },
        );
      }
      // Renewed meanwhile by another caller whose lease ran out: use theirs.
      const now = await stored(account);
      if (now.accessToken !== current.accessToken) return now;
      throw await expire(account, `LinkedIn refused to renew its sign-in (${error.message})`);
    }
    const refreshToken = issued.refreshToken ?? current.refreshToken;
    const refreshExpiresAt = issued.refreshExpiresAt ?? current.refreshExpiresAt;
    const next: LinkedInCredentials = {
      ...current,
      accessToken: issued.accessToken,
      expiresAt: issued.expiresAt,
      refreshToken,
      refreshExpiresAt,
      scope: issued.scope === '' ? current.scope : issued.scope,
      reconnectBy: refreshExpiresAt ?? issued.expiresAt,
    };
    // Committed before anyone uses the new token.
    await credentials.write(account.id, next);
    deps.logger.info('LinkedIn access token renewed', { accountId: account.id });
    return next;
  }

  const refreshOnce = (account: SocialAccount, stillNeeded: (c: LinkedInCredentials) => boolean) =>
    refreshGate.run(account.id, () => refresh(account, stillNeeded));

  const dying = (c: LinkedInCredentials) => c.expiresAt - clock.now() < refreshMarginMs;

  async function live(account: SocialAccount): Promise<LinkedInCredentials> {
    const current = await stored(account);
    if (!dying(current)) return current;
    // A token that is close to its end but still good is used when it cannot be renewed.
    if (!canRefresh(current) && current.expiresAt > clock.now()) return current;
    return refreshOnce(account, dying);
  }

  return async (platformAccount) => {
    const account = await deps.accounts.find(platformAccount.id);
    if (account === null)
      throw failure('NOT_FOUND', `No account has the id ${platformAccount.id}.`);
    if (account.status !== 'active') {
      throw failure(
        'AUTH_EXPIRED',
        `${account.displayName} must be reconnected before Starling can use it (Clients → Connect LinkedIn)` +
          (account.statusReason === null ? '.' : `: ${account.statusReason}.`),
        { retryable: false, details: { accountId: account.id } },
      );
    }
    let current = await live(account);
    const settings = settingsOf(platformAccount);
    return {
      account: platformAccount,
      settings,
      author: authorUrn(settings),
      scopes: scopesOf(current),
      credentials: () => current,
      async call(fn, about = settings.kind) {
        for (let attempt = 1; ; attempt += 1) {
          try {
            return await fn(current.accessToken);
          } catch (error) {
            if (!(error instanceof LinkedInHttpError)) throw error;
            if (error.status === 403 && error.code === 'ACCESS_DENIED') {
              throw failure('PLATFORM_REJECTED', accessDenied(about === 'page', error));
            }
            if (error.status !== 401) throw error;
            if (attempt > 1 || !canRefresh(current))
              throw await expire(account, tokenRefusal(error));
            const refused = current.accessToken;
            current = await refreshOnce(account, (c) => c.accessToken === refused);
          }
        }
      },
    };
  };
}
