// Connecting a Bluesky account with its handle and an app password: the password is
// exchanged for a session (createSession) at once and then forgotten; only the session
// is kept (sealed in the vault). The password never reaches a log line or a message.
import { Agent } from '@atproto/api';
import { failure } from '../../../../shared/result.ts';
import type { Clock, Logger } from '../../ports.ts';
import type { ConnectedProfile } from '../port.ts';
import { checkServiceUrl, publicAgent, timedFetch } from './client.ts';
import { accessExpiry, jwtClaims, pdsFromDidDoc, type BlueskySession } from './credentials.ts';
import { answered, callFailure, errorSummary, isXrpcError, xrpcStatus } from './errors.ts';

const appPasswordHint =
  'Make one in the Bluesky app under Settings → Privacy and security → App passwords, ' +
  'and sign in with it (not with your account password).';

/** The scope the PDS gives a session made with the account's own password. */
const mainPasswordScope = 'com.atproto.access';

function refusal(error: unknown, handle: string, service: string, now: number) {
  const xrpc = answered(error);
  // 2: an answer that is not XRPC at all (a web page, another kind of server).
  const invalidAnswer = isXrpcError(error) && xrpcStatus(error) === 2;
  if (xrpc?.status === 404 || xrpc?.status === 501 || invalidAnswer) {
    return failure(
      'VALIDATION',
      `${new URL(service).host} does not answer as a Bluesky server. Check the server address ` +
        `(most accounts use https://bsky.social).`,
    );
  }
  if (xrpc?.name === 'AuthFactorTokenRequired') {
    return failure(
      'PLATFORM_REJECTED',
      `Bluesky asked for an e-mail sign-in code, which means this is @${handle}'s account ` +
        `password. Starling signs in with an app password only. ${appPasswordHint}`,
    );
  }
  if (xrpc?.name === 'AccountTakedown') {
    return failure('PLATFORM_REJECTED', `Bluesky has taken down @${handle}; it cannot post.`);
  }
  if (xrpc !== undefined && xrpc.status !== 429 && xrpc.status < 500) {
    return failure(
      'PLATFORM_REJECTED',
      `Bluesky refused that handle and app password (${xrpc.message}). Check the handle ` +
        `(e.g. ${handle.includes('.') ? handle : `${handle}.bsky.social`}) and the app password. ` +
        appPasswordHint,
    );
  }
  return callFailure(error, `signing in as @${handle}`, now);
}

export function createBlueskySignIn(deps: { clock: Clock; logger: Logger; timeoutMs: number }) {
  const { clock, logger, timeoutMs } = deps;

  async function profileOf(pds: string, session: { did: string; accessJwt: string }) {
    const agent = new Agent({
      service: pds,
      fetch: timedFetch(timeoutMs),
      headers: { authorization: `Bearer ${session.accessJwt}` },
    });
    try {
      const { data } = await agent.app.bsky.actor.getProfile({ actor: session.did });
      return { displayName: data.displayName ?? '', avatarUrl: data.avatar ?? null };
    } catch (error) {
      // A PDS without an app view still posts fine: the profile is only for show.
      logger.warn('Bluesky profile not read at sign-in', { error: errorSummary(error) });
      return { displayName: '', avatarUrl: null };
    }
  }

  return async function signIn(input: {
    handle: string;
    password: string;
    serviceUrl: string;
  }): Promise<{ profile: ConnectedProfile; credentials: BlueskySession }> {
    const service = checkServiceUrl(input.serviceUrl);
    const identifier = input.handle.trim().replace(/^@/, '');
    const server = publicAgent(service, timeoutMs).com.atproto.server;
    let data: Awaited<ReturnType<typeof server.createSession>>['data'];
    try {
      ({ data } = await server.createSession({ identifier, password: input.password }));
    } catch (error) {
      throw refusal(error, identifier, service, clock.now());
    }
    const auth = { authorization: `Bearer ${data.refreshJwt}` };
    if (jwtClaims(data.accessJwt)?.scope === mainPasswordScope) {
      // Such a session could change the account's e-mail or delete it: give it back.
      await server.deleteSession(undefined, { headers: auth }).catch(() => undefined);
      throw failure(
        'PLATFORM_REJECTED',
        `That is @${data.handle}'s account password; Starling signs in with an app password ` +
          `only, which cannot change the account's settings. ${appPasswordHint}`,
      );
    }
    if (data.active === false) {
      await server.deleteSession(undefined, { headers: auth }).catch(() => undefined);
      throw failure(
        'PLATFORM_REJECTED',
        `@${data.handle} is not active on Bluesky (${data.status ?? 'deactivated'}), so it cannot post.`,
      );
    }
    const pds = pdsFromDidDoc(data.didDoc) ?? service;
    const shown = await profileOf(pds, data);
    logger.info('Bluesky account signed in', { did: data.did, pds });
    return {
      profile: {
        platform: 'bluesky',
        platformUserId: data.did,
        handle: data.handle,
        displayName: shown.displayName || data.handle,
        avatarUrl: shown.avatarUrl,
        serviceUrl: pds,
        settings: {},
      },
      credentials: {
        kind: 'session',
        did: data.did,
        handle: data.handle,
        accessJwt: data.accessJwt,
        refreshJwt: data.refreshJwt,
        expiresAt: accessExpiry(data.accessJwt, clock.now()),
        serviceUrl: pds,
      },
    };
  };
}
