// Who is calling: a Bearer access token looked up as LinkedIn does, with its four 401s
// (empty, invalid, revoked, expired), and what the caller may act as.
import type { FakeRequest } from '../http-kit/request.ts';
import { emptyToken, expiredToken, invalidToken, revokedToken, type Reply } from './replies.ts';
import type { AccessTokenRecord, MemberRecord, Store } from './store.ts';
import type { OrganizationRole } from './types.ts';

export interface Caller {
  member: MemberRecord;
  personUrn: string;
  clientId: string;
  scopes: ReadonlySet<string>;
  /** The LinkedIn-Version header as sent ('' on /v2 calls). */
  version: string;
  /** ACCESS_DENIED for this route, named as LinkedIn names it. */
  denied(): Reply;
}

export type Authentication =
  { kind: 'ok'; record: AccessTokenRecord } | { kind: 'empty' | 'invalid' | 'revoked' | 'expired' };

export function authenticate(store: Store, req: FakeRequest): Authentication {
  const header = req.headers.authorization ?? '';
  if (header.trim() === '') return { kind: 'empty' };
  const bearer = /^Bearer\s+(\S*)$/i.exec(header.trim());
  if (bearer === null) return { kind: 'invalid' };
  if ((bearer[1] ?? '') === '') return { kind: 'empty' };
  const record = store.accessTokens.get(bearer[1] ?? '');
  if (record === undefined) return { kind: 'invalid' };
  if (record.revoked || record.grant.revoked) return { kind: 'revoked' };
  if (store.clock.now() >= record.expiresAt) return { kind: 'expired' };
  return { kind: 'ok', record };
}

export function authFailure(kind: Exclude<Authentication['kind'], 'ok'>): Reply {
  switch (kind) {
    case 'empty':
      return emptyToken();
    case 'invalid':
      return invalidToken();
    case 'revoked':
      return revokedToken();
    case 'expired':
      return expiredToken();
  }
}

/** Roles that may post, comment and upload as a page (LinkedIn's Posts API permissions). */
export const postingRoles: readonly OrganizationRole[] = [
  'ADMINISTRATOR',
  'DIRECT_SPONSORED_CONTENT_POSTER',
  'CONTENT_ADMINISTRATOR',
];

export const organizationUrnPattern = /^urn:li:organization:(\d+)$/;
export const personUrnPattern = /^urn:li:person:([A-Za-z0-9_-]+)$/;

/**
 * Whether the caller may write as `actor`: themselves with w_member_social, or a page they
 * hold a posting role on with w_organization_social.
 */
export function mayActAs(store: Store, caller: Caller, actor: string): boolean {
  if (actor === caller.personUrn) return caller.scopes.has('w_member_social');
  const org = organizationUrnPattern.exec(actor)?.[1];
  if (org === undefined || !caller.scopes.has('w_organization_social')) return false;
  return store.hasRole(caller.member.id, org, postingRoles);
}
