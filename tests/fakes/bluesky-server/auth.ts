// Checks the Authorization header the way the PDS does and answers its errors: a
// missing token is 401 AuthMissing; a bad one 400 InvalidToken; an expired one 400
// ExpiredToken, which is what makes @atproto/api refresh the session.
import type { FakeRequest } from '../http-kit/request.ts';
import { verifyJwt, type JwtPayload } from './jwt.ts';
import { invalidRequest, xrpcError, type Reply } from './replies.ts';
import type { Store } from './store.ts';
import { accessScopes, refreshScope } from './tokens.ts';

export type Checked<T> = { ok: true; value: T } | { ok: false; reply: Reply };

const fail = (reply: Reply): { ok: false; reply: Reply } => ({ ok: false, reply });
const invalidToken = (message: string) => fail(invalidRequest(message, 'InvalidToken'));

function bearerToken(req: FakeRequest): Checked<string> {
  const header = req.headers.authorization;
  if (header === undefined || header === '') {
    return fail(xrpcError(401, 'AuthMissing', 'Authentication Required'));
  }
  const parts = header.split(' ');
  if (parts.length !== 2) return invalidToken('Malformed authorization header');
  const [type = '', token = ''] = parts;
  if (type.toUpperCase() !== 'BEARER') return invalidToken('Unexpected authorization type');
  return { ok: true, value: token };
}

function sessionJwt(
  store: Store,
  req: FakeRequest,
  opts: { typ: string; scopes: readonly string[]; allowExpired: boolean },
): Checked<{ token: string; payload: JwtPayload; did: string }> {
  const bearer = bearerToken(req);
  if (!bearer.ok) return bearer;
  const verified = verifyJwt(bearer.value, store.jwtKey);
  if (verified === null || verified.typ !== opts.typ) {
    return invalidToken('Token could not be verified');
  }
  const { payload } = verified;
  const exp = typeof payload.exp === 'number' ? payload.exp * 1000 : 0;
  if (!opts.allowExpired && exp <= store.clock.now()) {
    return fail(invalidRequest('Token has expired', 'ExpiredToken'));
  }
  if (payload.aud !== store.serviceDid) return invalidToken('Token could not be verified');
  if (typeof payload.sub !== 'string' || !payload.sub.startsWith('did:')) {
    return invalidToken('Malformed token');
  }
  if (typeof payload.scope !== 'string' || !opts.scopes.includes(payload.scope)) {
    return invalidToken('Bad token scope');
  }
  return { ok: true, value: { token: bearer.value, payload, did: payload.sub } };
}

/** The DID behind an access JWT. */
export function checkAccess(store: Store, req: FakeRequest): Checked<string> {
  const jwt = sessionJwt(store, req, { typ: 'at+jwt', scopes: accessScopes, allowExpired: false });
  if (!jwt.ok) return jwt;
  // The PDS would accept a revoked session's access JWT until it expires; answering as
  // if it had expired now sends the client to refresh, which then fails for good.
  if (store.accessTokens.get(jwt.value.token)?.revoked !== false) {
    return fail(invalidRequest('Token has been revoked', 'ExpiredToken'));
  }
  if (!store.accounts.has(jwt.value.did)) return invalidToken('Token could not be verified');
  return { ok: true, value: jwt.value.did };
}

/** The DID and token id behind a refresh JWT. */
export function checkRefresh(
  store: Store,
  req: FakeRequest,
  allowExpired = false,
): Checked<{ did: string; jti: string }> {
  const jwt = sessionJwt(store, req, { typ: 'refresh+jwt', scopes: [refreshScope], allowExpired });
  if (!jwt.ok) return jwt;
  const jti = jwt.value.payload.jti;
  if (typeof jti !== 'string') {
    return fail(xrpcError(401, 'MissingTokenId', 'Unexpected missing refresh token id'));
  }
  return { ok: true, value: { did: jwt.value.did, jti } };
}

/** The issuer DID of a service-auth JWT, as a service other than the PDS checks it. */
export function checkServiceToken(
  store: Store,
  req: FakeRequest,
  opts: { audiences: readonly string[]; lxm: string },
): Checked<string> {
  const bearer = bearerToken(req);
  if (!bearer.ok) return bearer;
  const verified = verifyJwt(bearer.value, store.jwtKey);
  const denied = (message: string, name: string) => fail(xrpcError(401, name, message));
  if (verified === null)
    return denied('jwt signature does not match jwt issuer', 'BadJwtSignature');
  const { payload } = verified;
  if (typeof payload.iss !== 'string' || typeof payload.exp !== 'number') {
    return denied('poorly formatted jwt', 'BadJwt');
  }
  if (payload.exp * 1000 <= store.clock.now()) return denied('jwt expired', 'JwtExpired');
  if (typeof payload.aud !== 'string' || !opts.audiences.includes(payload.aud)) {
    return denied('jwt audience does not match service did', 'BadJwtAudience');
  }
  if (payload.lxm !== undefined && payload.lxm !== opts.lxm) {
    return denied(`bad jwt lexicon method ("lxm"). must match: ${opts.lxm}`, 'BadJwtLexiconMethod');
  }
  const did = payload.iss.split('#')[0] ?? '';
  if (!store.accounts.has(did))
    return denied('could not resolve iss did', 'AuthenticationRequired');
  return { ok: true, value: did };
}
