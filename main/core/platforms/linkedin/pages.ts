// A member's company pages as accounts of their own (see [Note: LinkedIn pages share a
// grant]): the pages they may post for (organizationAcls, approved posting roles), each
// looked up (organizations) for its name, vanity name and logo; adding pages checks every
// one against that list first, so a page the member does not administer refuses the call
// before anything is kept.
import type { NetworkPage } from '../../../../shared/accounts.ts';
import { failure } from '../../../../shared/result.ts';
import type { Logger } from '../../ports.ts';
import type { ConnectedProfile, PagesPort, PlatformAccount } from '../port.ts';
import type { LinkedInApi } from './api.ts';
import { linkedinAvatar } from './avatar.ts';
import { jsonOf } from '../http-exchange.ts';
import type { LinkedInRoute } from './route.ts';
import type { OpenSession, Session } from './session.ts';

/** Roles that may post for a page (LinkedIn's Posts API permissions). */
const postingRoles = new Set([
  'ADMINISTRATOR',
  'CONTENT_ADMINISTRATOR',
  'DIRECT_SPONSORED_CONTENT_POSTER',
]);
const pageScopeNames = ['w_organization_social', 'r_organization_social', 'rw_organization_admin'];

export type Page = Omit<NetworkPage, 'accountId'> & { platformUserId: string };

export const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};

/** The logo's URL from a decorated logoV2 (original~ elements' identifiers). */
export function logoOf(org: Record<string, unknown>): string | null {
  const decorated = record(record(org.logoV2)['original~']);
  const elements = Array.isArray(decorated.elements) ? decorated.elements : [];
  for (const element of elements) {
    const ids = record(element).identifiers;
    const first: unknown = Array.isArray(ids) ? ids[0] : undefined;
    const url = record(first).identifier;
    if (typeof url === 'string' && url !== '') return url;
  }
  return null;
}

/** The pages the session's member may post for, by name. */
export async function pagesOf(api: LinkedInApi, session: Session): Promise<Page[]> {
  const acls = jsonOf(
    await session.call(
      (token) =>
        api.rest(token, 'GET', '/organizationAcls?q=roleAssignee&state=APPROVED&count=100'),
      'page',
    ),
  );
  const elements = Array.isArray(record(acls).elements) ? (record(acls).elements as unknown[]) : [];
  const roles = new Map<string, string>();
  for (const element of elements) {
    const { organization, role, state } = record(element);
    const id =
      typeof organization === 'string'
        ? /^urn:li:organization:(\d+)$/.exec(organization)?.[1]
        : undefined;
    if (id === undefined || typeof role !== 'string' || state !== 'APPROVED') continue;
    if (!postingRoles.has(role)) continue;
    // ADMINISTRATOR wins over the narrower roles a member may also hold.
    if (!roles.has(id) || role === 'ADMINISTRATOR') roles.set(id, role);
  }
  const pages: Page[] = [];
  for (const [id, role] of roles) {
    const org = record(
      jsonOf(
        await session.call(
          (token) =>
            api.rest(
              token,
              'GET',
              `/organizations/${id}?projection=(id,localizedName,vanityName,logoV2(original~:playableStreams))`,
            ),
          'page',
        ),
      ),
    );
    const name = typeof org.localizedName === 'string' ? org.localizedName : `Page ${id}`;
    pages.push({
      id,
      name,
      handle: typeof org.vanityName === 'string' && org.vanityName !== '' ? org.vanityName : id,
      avatarUrl: logoOf(org),
      role,
      platformUserId: `urn:li:organization:${id}`,
    });
  }
  return pages.sort((a, b) => a.name.localeCompare(b.name));
}

export interface PagesDeps {
  api: LinkedInApi;
  openSession: OpenSession;
  route: () => LinkedInRoute;
  logger: Logger;
}

export function createLinkedInPages(deps: PagesDeps): PagesPort {
  async function memberSession(account: PlatformAccount): Promise<Session> {
    const session = await deps.openSession(account);
    if (session.settings.kind !== 'member') {
      throw failure('VALIDATION', 'Pages are added from the member who administers them.');
    }
    if (!pageScopeNames.every((s) => session.scopes.has(s))) {
      throw failure(
        'VALIDATION',
        'This LinkedIn account was connected without its pages. Connect LinkedIn again with ' +
          'pages (your LinkedIn app needs the Community Management API product).',
      );
    }
    return session;
  }

  return {
    async list(account) {
      return pagesOf(deps.api, await memberSession(account));
    },

    async connect(account, pageIds) {
      const session = await memberSession(account);
      const pages = await pagesOf(deps.api, session);
      const wanted = [...new Set(pageIds)];
      const foreign = wanted.filter((id) => !pages.some((p) => p.id === id));
      if (foreign.length > 0) {
        throw failure(
          'VALIDATION',
          `${account.handle} does not administer the LinkedIn page${foreign.length > 1 ? 's' : ''} ` +
            `${foreign.join(', ')} (or the role is not approved yet), so Starling cannot post for ` +
            'it. Nothing was added.',
          { details: { issues: [{ path: ['pageIds'], message: 'Not a page you administer.' }] } },
        );
      }
      const credentials = session.credentials();
      const kept = [];
      for (const id of wanted) {
        const page = pages.find((p) => p.id === id);
        if (page === undefined) continue;
        const profile: ConnectedProfile = {
          platform: 'linkedin',
          platformUserId: page.platformUserId,
          handle: page.handle,
          displayName: page.name,
          avatarUrl: await linkedinAvatar(deps.route(), page.avatarUrl, deps.logger),
          serviceUrl: null,
          settings: {
            kind: 'page',
            memberUrn: credentials.memberUrn,
            organizationId: page.id,
            vanityName: page.handle,
          },
        };
        kept.push({ profile, credentials: { ...credentials } });
      }
      return kept;
    },
  };
}
