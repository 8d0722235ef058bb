// Which token a Graph call carries and whether Meta still takes it: the Authorization
// header (Bearer or OAuth) or the access_token parameter, in the query or a form body.
// A token past its time answers 190/463, one of a revoked grant 190/458.
import type { FakeRequest } from '../http-kit/request.ts';
import { expiredToken, invalidToken, revokedToken, type Reply } from './replies.ts';
import type { Store, TokenRecord } from './store.ts';

export function tokenOf(req: FakeRequest): string | null {
  const header = req.headers.authorization ?? '';
  const match = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(header);
  if (match?.[1] !== undefined) return match[1];
  const fromQuery = req.query.get('access_token');
  if (fromQuery !== null) return fromQuery;
  if ((req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    return new URLSearchParams(req.body.toString('utf8')).get('access_token');
  }
  return null;
}

export function authenticate(store: Store, req: FakeRequest): TokenRecord | Reply {
  const token = tokenOf(req);
  if (token === null) {
    return invalidToken(
      null,
      'An active access token must be used to query information about the current user.',
    );
  }
  const record = store.tokens.get(token);
  if (record === undefined)
    return invalidToken(null, 'Invalid OAuth access token - Cannot parse access token');
  if (record.grant.revoked) return revokedToken();
  if (record.expiresAt !== null && record.expiresAt <= store.clock.now()) return expiredToken();
  return record;
}
