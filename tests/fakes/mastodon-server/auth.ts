// Who is calling: a Bearer token looked up as doorkeeper does, and Mastodon's scope
// check (each endpoint names the scopes that admit it, e.g. `write` or `write:statuses`).
import type { FakeRequest } from '../http-kit/request.ts';
import type { Store, TokenRecord } from './store.ts';

export interface Principal {
  token: string;
  clientId: string;
  /** null for an app token (client_credentials). */
  userId: string | null;
  scopes: ReadonlySet<string>;
}

export type Authentication =
  | { kind: 'none' }
  | { kind: 'ok'; principal: Principal }
  | { kind: 'invalid' }
  | { kind: 'revoked' };

export function bearerOf(req: FakeRequest): string | null {
  const header = req.headers.authorization;
  if (header === undefined) return null;
  return /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? '';
}

function principalOf(record: TokenRecord): Principal {
  return {
    token: record.token,
    clientId: record.clientId,
    userId: record.userId,
    scopes: new Set(record.scopes),
  };
}

export function authenticate(store: Store, req: FakeRequest): Authentication {
  const token = bearerOf(req);
  if (token === null) return { kind: 'none' };
  const record = store.tokens.get(token);
  if (record === undefined) return { kind: 'invalid' };
  if (record.revoked) return { kind: 'revoked' };
  return { kind: 'ok', principal: principalOf(record) };
}

/** An empty list admits any valid token (apps/verify_credentials). */
export function hasScope(principal: Principal, accepted: readonly string[]): boolean {
  return accepted.length === 0 || accepted.some((scope) => principal.scopes.has(scope));
}
