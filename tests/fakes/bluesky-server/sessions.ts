// com.atproto.server.*: sign-in with an app password, single-use refresh, the session,
// sign-out, describeServer, and service-auth tokens for the video service.
import { jsonBody } from '../http-kit/request.ts';
import { done, invalidRequest, json, xrpcError, type Reply } from './replies.ts';
import type { XrpcCall, XrpcRoute } from './router.ts';
import type { Account, Store } from './store.ts';
import {
  createSessionTokens,
  rotateRefreshToken,
  serviceToken,
  type SessionTokens,
} from './tokens.ts';

/** A DID document naming this fake as the PDS: @atproto/api sends later calls there. */
export function didDoc(store: Store, account: Account) {
  return {
    '@context': ['https://www.w3.org/ns/did/v1'],
    id: account.did,
    alsoKnownAs: [`at://${account.handle}`],
    verificationMethod: [],
    service: [
      { id: '#atproto_pds', type: 'AtprotoPersonalDataServer', serviceEndpoint: store.origin },
    ],
  };
}

function sessionInfo(store: Store, account: Account) {
  return {
    did: account.did,
    handle: account.handle,
    didDoc: didDoc(store, account),
    email: account.email,
    emailConfirmed: true,
    emailAuthFactor: false,
    active: true,
  };
}

function sessionReply(store: Store, account: Account, tokens: SessionTokens): Reply {
  return json(200, { ...tokens, ...sessionInfo(store, account) });
}

function createSession(store: Store, call: XrpcCall): Reply {
  const body = jsonBody(call.req);
  if (body === null) return invalidRequest('Input must be an object');
  for (const key of ['identifier', 'password'] as const) {
    if (typeof body[key] !== 'string') {
      return invalidRequest(`Input must have the property "${key}"`);
    }
  }
  const account = store.findAccount(String(body.identifier));
  if (account === undefined || account.password !== body.password) {
    return xrpcError(401, 'AuthenticationRequired', 'Invalid identifier or password');
  }
  return sessionReply(store, account, createSessionTokens(store, account.did));
}

function refreshSession(store: Store, call: XrpcCall): Reply {
  const tokens = rotateRefreshToken(store, call.jti ?? '');
  if (tokens === null) return invalidRequest('Token has been revoked', 'ExpiredToken');
  return sessionReply(store, store.account(call.did ?? ''), tokens);
}

function getServiceAuth(store: Store, call: XrpcCall): Reply {
  const aud = call.req.query.get('aud');
  if (aud === null) return invalidRequest('Params must have the property "aud"');
  if (!aud.startsWith('did:')) {
    return invalidRequest('aud must be a valid atproto DID or did#serviceId reference');
  }
  const lxm = call.req.query.get('lxm');
  const now = store.clock.now();
  const expParam = call.req.query.get('exp');
  let exp = Math.floor(now / 1000) + 60;
  if (expParam !== null) {
    // xrpc-server reads integer params with parseInt: a fractional exp is truncated.
    exp = Number.parseInt(expParam, 10);
    if (Number.isNaN(exp)) return invalidRequest('exp must be an integer');
    const diff = exp * 1000 - now;
    if (diff < 0) return invalidRequest('expiration is in past', 'BadExpiration');
    if (diff > 60 * 60_000) {
      return invalidRequest(
        'cannot request a token with an expiration more than an hour in the future',
        'BadExpiration',
      );
    }
    if (lxm === null && diff > 60_000) {
      return invalidRequest(
        'cannot request a method-less token with an expiration more than a minute in the future',
        'BadExpiration',
      );
    }
  }
  return json(200, { token: serviceToken(store, call.did ?? '', aud, exp, lxm) });
}

export function sessionRoutes(store: Store): XrpcRoute[] {
  return [
    {
      nsid: 'com.atproto.server.createSession',
      method: 'POST',
      auth: 'none',
      bucket: 'create-session',
      handle: (call) => createSession(store, call),
    },
    {
      nsid: 'com.atproto.server.refreshSession',
      method: 'POST',
      auth: 'refresh',
      handle: (call) => refreshSession(store, call),
    },
    {
      nsid: 'com.atproto.server.getSession',
      method: 'GET',
      auth: 'access',
      handle: (call) => json(200, sessionInfo(store, store.account(call.did ?? ''))),
    },
    {
      nsid: 'com.atproto.server.deleteSession',
      method: 'POST',
      auth: 'refresh-expired',
      handle: (call) => {
        // As the PDS: only this refresh token goes; its access JWTs live until they expire.
        store.refreshTokens.delete(call.jti ?? '');
        return done();
      },
    },
    {
      nsid: 'com.atproto.server.describeServer',
      method: 'GET',
      auth: 'none',
      handle: () =>
        json(200, {
          did: store.serviceDid,
          availableUserDomains: ['.test'],
          inviteCodeRequired: true,
          phoneVerificationRequired: false,
          blobUploadLimit: store.settings.maxBlobBytes,
          links: {},
          contact: {},
        }),
    },
    {
      nsid: 'com.atproto.server.getServiceAuth',
      method: 'GET',
      auth: 'access',
      handle: (call) => getServiceAuth(store, call),
    },
  ];
}
