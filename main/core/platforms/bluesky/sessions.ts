// Agents acting as a connected Bluesky account, over the session in the vault.
// [Note: Bluesky sessions] A refresh JWT works once (the real PDS allows a short grace),
// so refreshing is single-flight per account across processes (the refresh gate, [Note:
// refresh leases] in vault/refresh-gate.ts), re-reads the stored pair first (another
// caller or process may have refreshed already) and commits the new pair before any
// request uses it; a refused refresh uses a pair someone else stored meanwhile. The library's
// own refresh is not used: its persistSession callback is not awaited, and each agent
// would refresh on its own. A refresh the PDS refuses (ExpiredToken, InvalidToken, the
// account gone) marks the account needs_reauth and says so with account:saved; network
// trouble does not, it is retryable.
import type { Agent } from '@atproto/api';
import type { SocialAccount } from '../../../../shared/accounts.ts';
import { failure, type AppFailure } from '../../../../shared/result.ts';
import type { PlatformDeps } from '../registry.ts';
import { publicAgent, sessionAgent, timedFetch } from './client.ts';
import { accessExpiry, blueskySession, pdsFromDidDoc, type BlueskySession } from './credentials.ts';
import { answered, callFailure, errorSummary } from './errors.ts';
import { markNeedsReconnect } from '../needs-reconnect.ts';
import { VaultSession } from './session-manager.ts';

/** Renew when less than this is left, so a call never starts with a dying token. */
export const refreshMarginMs = 2 * 60_000;

export type SessionsDeps = Pick<
  PlatformDeps,
  'credentials' | 'refreshGate' | 'accounts' | 'events' | 'clock' | 'logger'
> & { timeoutMs: number };

/** An agent signed in as the account, and the session it started with. */
export interface AccountAgent {
  agent: Agent;
  did: string;
  /** The PDS origin the account's calls go to. */
  serviceUrl: string;
}

export interface BlueskySessions {
  /**
   * An agent for the account. Throws AppFailure AUTH_EXPIRED when the account must be
   * reconnected (and marks it needs_reauth), ENCRYPTION_UNAVAILABLE when the vault is locked.
   */
  agentFor(accountId: string): Promise<AccountAgent>;
}

const reconnectMessage = (account: SocialAccount, why: string) =>
  `Bluesky no longer accepts Starling's session for @${account.handle} (${why}). ` +
  'Reconnect the account (Clients → Connect Bluesky) with an app password to resume posting.';

/** The PDS refused the refresh JWT itself, not a passing problem: reconnecting is the fix. */
const refreshRefused = (error: unknown) => {
  const xrpc = answered(error);
  return xrpc !== undefined && xrpc.status >= 400 && xrpc.status < 500 && xrpc.status !== 429;
};

export function createBlueskySessions(deps: SessionsDeps): BlueskySessions {
  const { credentials, refreshGate, accounts, events, clock, logger, timeoutMs } = deps;
  // An Agent takes ~25 ms of CPU to build (its lexicons), which stalls every other post
  // due in the same second: one per account is kept and handed the stored session anew.
  const agents = new Map<string, { manager: VaultSession; agent: AccountAgent }>();

  async function expire(account: SocialAccount, why: string): Promise<AppFailure> {
    await markNeedsReconnect({ accounts, events, logger }, account.id, 'Bluesky', why);
    return failure('AUTH_EXPIRED', reconnectMessage(account, why), {
      retryable: false,
      details: { accountId: account.id },
    });
  }

  async function activeAccount(accountId: string): Promise<SocialAccount> {
    const account = await accounts.find(accountId);
    if (account === null) throw failure('NOT_FOUND', `No account has the id ${accountId}.`);
    if (account.status !== 'active') {
      throw failure(
        'AUTH_EXPIRED',
        `@${account.handle} must be reconnected before Starling can use it (Clients → Connect Bluesky).`,
        { retryable: false, details: { accountId } },
      );
    }
    return account;
  }

  async function stored(account: SocialAccount): Promise<BlueskySession> {
    const session = await credentials.read(account.id, blueskySession);
    if (session === null) throw await expire(account, 'no session is stored for it');
    return session;
  }

  async function refresh(account: SocialAccount, stale: string): Promise<BlueskySession> {
    const current = await stored(account);
    // Another caller (or process) renewed it meanwhile: use theirs, the old one is spent.
    if (current.accessJwt !== stale) return current;
    const server = publicAgent(current.serviceUrl, timeoutMs).com.atproto.server;
    let data: Awaited<ReturnType<typeof server.refreshSession>>['data'];
    try {
      ({ data } = await server.refreshSession(undefined, {
        headers: { authorization: `Bearer ${current.refreshJwt}` },
      }));
    } catch (error) {
      if (refreshRefused(error)) {
        // Renewed by a process that did not wait for the lease (its lease ran out): use theirs.
        const now = await stored(account);
        if (now.refreshJwt !== current.refreshJwt) return now;
        throw await expire(account, `the refresh was refused: ${errorSummary(error)}`);
      }
      throw callFailure(error, `renewing the session of @${account.handle}`, clock.now());
    }
    if (data.did !== current.did) {
      throw await expire(account, 'the server answered for another account');
    }
    const next: BlueskySession = {
      ...current,
      handle: data.handle,
      accessJwt: data.accessJwt,
      refreshJwt: data.refreshJwt,
      expiresAt: accessExpiry(data.accessJwt, clock.now()),
      serviceUrl: pdsFromDidDoc(data.didDoc) ?? current.serviceUrl,
    };
    // Committed before anyone uses the new access JWT: the old refresh JWT is spent.
    await credentials.write(account.id, next);
    logger.info('Bluesky session refreshed', { accountId: account.id });
    return next;
  }

  const refreshOnce = (account: SocialAccount, stale: string): Promise<BlueskySession> =>
    refreshGate.run(account.id, () => refresh(account, stale));

  return {
    async agentFor(accountId) {
      const account = await activeAccount(accountId);
      const session = await stored(account);
      const kept = agents.get(accountId);
      if (
        kept !== undefined &&
        kept.agent.did === session.did &&
        kept.agent.serviceUrl === session.serviceUrl
      ) {
        kept.manager.adopt(session);
        return kept.agent;
      }
      const manager = new VaultSession(
        session,
        {
          expiring: (s) => s.expiresAt - clock.now() < refreshMarginMs,
          renewed: (stale) => refreshOnce(account, stale),
        },
        timedFetch(timeoutMs),
      );
      const agent = {
        agent: sessionAgent(manager),
        did: session.did,
        serviceUrl: session.serviceUrl,
      };
      agents.set(accountId, { manager, agent });
      return agent;
    },
  };
}
