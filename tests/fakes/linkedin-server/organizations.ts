// Company pages: the member's roles (GET /rest/organizationAcls?q=roleAssignee), the page
// itself (GET /rest/organizations/{id}), the Organization Lookup by vanity name (GET
// /rest/organizations?q=vanityName, case-insensitive, rw_organization_admin only) and its
// follower count (GET /rest/networkSizes/{urn}). All need Community Management scopes.
import type { FakeRequest } from '../http-kit/request.ts';
import { organizationUrnPattern, type Caller } from './auth.ts';
import { badRequest, json, notFound, type Reply } from './replies.ts';
import type { Route } from './router.ts';
import type { OrganizationRecord, Store } from './store.ts';

export const organizationScopes = [
  'r_organization_admin',
  'rw_organization_admin',
  'r_organization_social',
  'w_organization_social',
] as const;

function paging(start: number, count: number, total: number) {
  return { start, count, total, links: [] };
}

function pageParams(q: URLSearchParams): { start: number; count: number } | Reply {
  const start = Number(q.get('start') ?? '0');
  const count = Number(q.get('count') ?? '10');
  if (!Number.isInteger(start) || start < 0 || !Number.isInteger(count) || count < 0) {
    return badRequest('INVALID_PAGING', 'start and count must be non-negative integers');
  }
  return { start, count: Math.min(count, 100) };
}

function acls(store: Store, req: FakeRequest, caller: Caller): Reply {
  const page = pageParams(req.query);
  if ('status' in page) return page;
  const role = req.query.get('role');
  const state = req.query.get('state');
  const mine = store.roles.filter(
    (r) =>
      r.memberId === caller.member.id &&
      (role === null || r.role === role) &&
      (state === null || r.state === state),
  );
  return json(200, {
    paging: paging(page.start, page.count, mine.length),
    elements: mine.slice(page.start, page.start + page.count).map((r) => ({
      roleAssignee: caller.personUrn,
      state: r.state,
      role: r.role,
      organization: `urn:li:organization:${r.organizationId}`,
    })),
  });
}

const logoAsset = (org: OrganizationRecord) => `urn:li:digitalmediaAsset:D4E0BAQ${org.id}`;

function organization(store: Store, req: FakeRequest): Reply {
  const org = store.organizations.get(req.params.id ?? '');
  if (org === undefined) return notFound(`Organization ${req.params.id ?? ''} not found`);
  // A projection asking for original~:playableStreams gets the logo's URL decorated in.
  const decorate = (req.query.get('projection') ?? '').includes('original~:playableStreams');
  const logo =
    org.logoUrl === null
      ? {}
      : {
          logoV2: {
            original: logoAsset(org),
            cropped: logoAsset(org),
            ...(decorate
              ? {
                  'original~': {
                    elements: [
                      { identifiers: [{ identifier: org.logoUrl, mediaType: 'image/png' }] },
                    ],
                  },
                }
              : {}),
          },
        };
  return json(200, {
    id: Number(org.id),
    localizedName: org.name,
    vanityName: org.vanityName,
    name: { localized: { en_US: org.name }, preferredLocale: { country: 'US', language: 'en' } },
    ...logo,
  });
}

/** Organization Lookup: any page by its vanity name, with the fields a non-admin sees. */
function byVanityName(store: Store, req: FakeRequest): Reply {
  const vanity = (req.query.get('vanityName') ?? '').toLowerCase();
  if (vanity === '') return badRequest('MISSING_PARAMETER', 'vanityName is required');
  const elements = [...store.organizations.values()]
    .filter((org) => org.vanityName.toLowerCase() === vanity)
    .map((org) => ({
      id: Number(org.id),
      localizedName: org.name,
      vanityName: org.vanityName,
      name: { localized: { en_US: org.name }, preferredLocale: { country: 'US', language: 'en' } },
    }));
  return json(200, { elements, paging: paging(0, elements.length, elements.length) });
}

function networkSize(store: Store, req: FakeRequest): Reply {
  const edgeType = req.query.get('edgeType') ?? '';
  if (edgeType !== 'COMPANY_FOLLOWED_BY_MEMBER' && edgeType !== 'CompanyFollowedByMember') {
    return badRequest('INVALID_EDGE_TYPE', `Invalid edgeType "${edgeType}"`);
  }
  const id = organizationUrnPattern.exec(req.params.urn ?? '')?.[1];
  if (id === undefined)
    return badRequest('INVALID_URN', `Invalid organization URN "${req.params.urn ?? ''}"`);
  const org = store.organizations.get(id);
  if (org === undefined) return notFound(`Organization ${id} not found`);
  return json(200, { firstDegreeSize: org.followers });
}

export function organizationRoutes(store: Store): Route[] {
  return [
    {
      kind: 'member',
      method: 'GET',
      pattern: '/rest/organizationAcls',
      query: { q: 'roleAssignee' },
      endpoint: 'GET /rest/organizationAcls',
      resource: 'organizationAcls.FINDER-roleAssignee',
      versioned: true,
      scopes: organizationScopes,
      handle: (req, caller) => acls(store, req, caller),
    },
    {
      kind: 'member',
      method: 'GET',
      pattern: '/rest/organizations/:id',
      endpoint: 'GET /rest/organizations/:id',
      resource: 'organizations.GET',
      versioned: true,
      scopes: organizationScopes,
      handle: (req) => organization(store, req),
    },
    {
      kind: 'member',
      method: 'GET',
      pattern: '/rest/organizations',
      query: { q: 'vanityName' },
      endpoint: 'GET /rest/organizations',
      resource: 'organizations.FINDER-vanityName',
      versioned: true,
      scopes: ['rw_organization_admin'],
      handle: (req) => byVanityName(store, req),
    },
    {
      kind: 'member',
      method: 'GET',
      pattern: '/rest/networkSizes/:urn',
      endpoint: 'GET /rest/networkSizes/:urn',
      resource: 'networkSizes.GET',
      versioned: true,
      scopes: organizationScopes,
      handle: (req) => networkSize(store, req),
    },
  ];
}
