// A fake LinkedIn for tests, on loopback: OAuth 2 sign-in with a consent page, OpenID
// userinfo, company-page roles, the Posts, Images, Videos and Documents APIs, comments,
// share statistics, daily quotas and injected faults. Reach it with
// STARLING_LINKEDIN_API_ORIGIN=fake.origin: requests keep Host api.linkedin.com or
// www.linkedin.com and their real paths.
//
// Built from LinkedIn's documentation on learn.microsoft.com/linkedin:
// - shared/authentication/authorization-code-flow ("Authorization Code Flow"): the
//   authorize and accessToken endpoints, 30-minute codes, 60-day tokens, scope changes
//   invalidating earlier tokens, user_cancelled_authorize, the accessToken error table.
// - shared/authentication/programmatic-refresh-tokens: refresh tokens for some apps only,
//   365 days from the first sign-in, a refresh keeping that date.
// - shared/authentication/client-credentials-flow: invalid client and 2-legged errors.
// - consumer/integrations/self-serve/sign-in-with-linkedin-v2: /v2/userinfo claims.
// - shared/api-guide/concepts/error-handling and .../rate-limits: error bodies, daily quotas.
// - marketing/versioning: the LinkedIn-Version header and a version's year of support.
// - marketing/community-management/shares/{posts-api, little-text-format,
//   multiimage-post-api, images-api, videos-api} and organizations/share-statistics.
// - Shaped on the same conventions, their pages not read in full: documents-api,
//   comments-api, organization-access-control-by-role, organization-lookup-api.
// - LinkedIn's linkedin-api-js-client (lib/auth.ts): token and introspection fields.
// Where the documentation is silent, the fake follows what LinkedIn is seen to answer in
// the wild: serviceErrorCode 65600-65604 with INVALID/REVOKED/EXPIRED/EMPTY_ACCESS_TOKEN,
// ACCESS_DENIED "Not enough permissions to access: partnerApiPostsExternal.CREATE.20250601",
// 426 NONEXISTENT_VERSION, unauthorized_scope_error at sign-in, /oauth/v2/revoke, and text
// lost after an unescaped little-text character.
import { createClock } from '../http-kit/clock.ts';
import { RequestLog } from '../http-kit/ledger.ts';
import { commentRoutes, commentUrn } from './comments.ts';
import { answerConsent } from '../http-kit/consent.ts';
import { Faults } from '../http-kit/faults.ts';
import { randomMemberId } from './ids.ts';
import { mediaRoutes } from './media.ts';
import { publicUpload } from './media-state.ts';
import { authorizeRoutes } from './oauth-authorize.ts';
import { issueGrantTokens, tokenRoutes } from './oauth-token.ts';
import { organizationRoutes } from './organizations.ts';
import { postRoutes } from './posts.ts';
import { RateLimiter } from './rate-limits.ts';
import { listen, portOf } from './server.ts';
import { statisticsRoutes } from './statistics.ts';
import { emptyStats, Store, type Grant, type PostRecord } from './store.ts';
import type {
  FakeLinkedIn,
  FakeLinkedInOptions,
  FakeMember,
  FakeOrganization,
  FakePost,
} from './types.ts';
import { uploadRoutes } from './uploads.ts';
import { userinfoRoutes } from './userinfo.ts';
import { videoRoutes } from './videos.ts';

export type * from './types.ts';
export { renderLittleText } from './little-text.ts';

const publicPost = (p: PostRecord): FakePost => ({
  urn: p.urn,
  author: p.author,
  commentary: p.commentary,
  displayedText: p.displayedText,
  mentions: [...p.mentions],
  kind: p.kind,
  mediaUrns: [...p.mediaUrns],
  altTexts: { ...p.altTexts },
  title: p.title,
  visibility: p.visibility,
  lifecycleState: p.lifecycleState,
  createdBy: p.createdBy,
  linkedInVersion: p.linkedInVersion,
  restliProtocolVersion: p.restliProtocolVersion,
  createdAt: p.createdAt,
  deleted: p.deleted,
  stats: { ...p.stats },
});

export async function startFakeLinkedIn(options: FakeLinkedInOptions = {}): Promise<FakeLinkedIn> {
  const clock = createClock(options.startAt ?? Date.now());
  const store = new Store(clock, {
    activeVersions: options.activeVersions ?? null,
    videoProcessingSteps: options.videoProcessingSteps ?? 2,
    imageProcessingSteps: options.imageProcessingSteps ?? 1,
    videoPartBytes: options.videoPartBytes ?? 4 * 1024 * 1024,
  });
  const faults = new Faults();
  const log = new RequestLog();
  const closing = new AbortController();
  const server = await listen({
    store,
    routes: [
      ...authorizeRoutes(store),
      ...tokenRoutes(store),
      ...uploadRoutes(store),
      ...userinfoRoutes(),
      ...organizationRoutes(store),
      ...postRoutes(store),
      ...mediaRoutes(store),
      ...videoRoutes(store),
      ...commentRoutes(store),
      ...statisticsRoutes(store),
    ],
    limiter: new RateLimiter(clock, options.dailyLimits),
    faults,
    log,
    closing: closing.signal,
  });
  const port = portOf(server);
  const origin = `http://127.0.0.1:${port}`;
  let memberCount = 0;
  let orgCount = 0;
  let closed: Promise<void> | undefined;

  const post = (urn: string): PostRecord => {
    const found = store.posts.get(urn);
    if (found === undefined) throw new Error(`fake LinkedIn has no post ${urn}`);
    return found;
  };
  const accessTokensOf = (memberId: string) =>
    [...store.accessTokens.values()].filter((t) => t.grant.memberId === memberId);

  const fake: FakeLinkedIn = {
    origin,
    port,
    clock,
    close() {
      // Idempotent: a test may close early and its cleanup close again.
      closed ??= new Promise<void>((resolve, reject) => {
        closing.abort();
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
        server.closeAllConnections();
      });
      return closed;
    },
    registerApp(app) {
      store.apps.set(app.clientId, {
        clientId: app.clientId,
        clientSecret: app.clientSecret,
        name: app.name ?? app.clientId,
        redirectUris: [...app.redirectUris],
        products: [...(app.products ?? ['sign-in-openid', 'share'])],
        refreshTokens: app.refreshTokens ?? false,
        pkce: app.pkce ?? false,
      });
    },
    setProducts(clientId, products) {
      store.app(clientId).products = [...products];
    },
    setRefreshTokens(clientId, enabled) {
      store.app(clientId).refreshTokens = enabled;
    },
    addMember(partial = {}) {
      memberCount += 1;
      const id = partial.id ?? randomMemberId();
      if (store.members.has(id)) throw new Error(`fake LinkedIn already has member ${id}`);
      const givenName = partial.givenName ?? `Member${memberCount}`;
      const familyName = partial.familyName ?? 'Fake';
      const member = {
        id,
        givenName,
        familyName,
        email: partial.email ?? `${givenName.toLowerCase()}@example.test`,
        picture:
          partial.picture ??
          `https://media.licdn.com/dms/image/${id}/profile-displayphoto-shrink_100_100/0/`,
      };
      store.members.set(id, member);
      // The first member is the one "signed in" in the browser approve() plays.
      store.signedInMemberId ??= id;
      const result: FakeMember = {
        ...member,
        urn: `urn:li:person:${id}`,
        name: `${givenName} ${familyName}`,
      };
      return result;
    },
    addOrganization(partial = {}) {
      orgCount += 1;
      const id = partial.id ?? String(90_000_000 + orgCount);
      if (!/^\d+$/.test(id)) throw new Error(`organization ids are numeric, not ${id}`);
      if (store.organizations.has(id))
        throw new Error(`fake LinkedIn already has organization ${id}`);
      const name = partial.name ?? `Fake Company ${orgCount}`;
      const org = {
        id,
        name,
        vanityName: partial.vanityName ?? name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
        logoUrl: partial.logoUrl === undefined ? null : partial.logoUrl,
        followers: partial.followers ?? 0,
      };
      store.organizations.set(id, org);
      const result: FakeOrganization = { ...org, urn: `urn:li:organization:${id}` };
      return result;
    },
    grantRole(memberId, organizationId, opts = {}) {
      store.member(memberId);
      store.organization(organizationId);
      store.roles.push({
        memberId,
        organizationId,
        role: opts.role ?? 'ADMINISTRATOR',
        state: opts.state ?? 'APPROVED',
      });
    },
    signIn(memberId) {
      store.member(memberId);
      store.signedInMemberId = memberId;
    },
    async approve(authorizeUrl, opts = {}) {
      if (opts.memberId !== undefined) fake.signIn(opts.memberId);
      return answerConsent('fake LinkedIn', origin, authorizeUrl, opts.deny === true);
    },
    issueTokens(memberId, opts = {}) {
      store.member(memberId);
      const clientId = opts.clientId ?? store.apps.keys().next().value;
      if (clientId === undefined) throw new Error('fake LinkedIn has no app to issue tokens for');
      const app = store.app(clientId);
      const grant: Grant = {
        memberId,
        clientId,
        scopes: opts.scopes ?? [...store.appScopes(app)],
        authorizedAt: clock.now(),
        revoked: false,
      };
      store.grants.push(grant);
      return issueGrantTokens(store, grant, app);
    },
    expireToken(accessToken) {
      const record = store.accessTokens.get(accessToken);
      if (record === undefined) throw new Error('fake LinkedIn never issued that access token');
      record.expiresAt = Math.min(record.expiresAt, clock.now());
    },
    expireMember(memberId) {
      for (const record of accessTokensOf(memberId)) {
        record.expiresAt = Math.min(record.expiresAt, clock.now());
      }
    },
    revokeToken(token) {
      const access = store.accessTokens.get(token);
      const refresh = store.refreshTokens.get(token);
      if (access === undefined && refresh === undefined) {
        throw new Error('fake LinkedIn never issued that token');
      }
      if (access !== undefined) access.revoked = true;
      if (refresh !== undefined) refresh.grant.revoked = true;
    },
    revokeMember(memberId) {
      store.member(memberId);
      for (const grant of store.grants) if (grant.memberId === memberId) grant.revoked = true;
    },
    fault: (rule) => {
      faults.add(rule);
    },
    clearFaults: () => {
      faults.clear();
    },
    setShareStatistics(postUrn, stats) {
      Object.assign(post(postUrn).stats, stats);
    },
    setFollowers(organizationId, followers) {
      store.organization(organizationId).followers = followers;
    },
    deletePost(postUrn) {
      post(postUrn).deleted = true;
    },
    postElsewhere(author, commentary) {
      // As LinkedIn's own page would make it: a text share of the author, by its admin.
      const urn = `urn:li:share:${store.nextActivityId()}`;
      const now = clock.now();
      store.posts.set(urn, {
        urn,
        author,
        commentary,
        displayedText: commentary,
        mentions: [],
        kind: 'text',
        content: null,
        mediaUrns: [],
        altTexts: {},
        title: null,
        visibility: 'PUBLIC',
        distribution: { feedDistribution: 'MAIN_FEED' },
        lifecycleState: 'PUBLISHED',
        isReshareDisabledByAuthor: false,
        createdBy: 'elsewhere',
        linkedInVersion: 'web',
        restliProtocolVersion: null,
        createdAt: now,
        lastModifiedAt: now,
        deleted: false,
        stats: emptyStats(),
      });
      return urn;
    },
    editPost(postUrn, commentary) {
      const edited = post(postUrn);
      edited.lastModifiedAt = clock.now();
      if (commentary !== undefined) edited.commentary = commentary;
    },
    media: {
      get(urn) {
        const upload = store.uploads.get(urn);
        return upload === undefined ? undefined : publicUpload(store, upload);
      },
      failNextProcessing() {
        store.failNextProcessing = true;
      },
    },
    ledger: {
      posts: () => [...store.posts.values()].map(publicPost),
      comments: () =>
        store.comments.map((c) => ({
          id: c.id,
          urn: commentUrn(c),
          postUrn: c.postUrn,
          actor: c.actor,
          text: c.text,
          createdBy: c.createdBy,
          createdAt: c.createdAt,
        })),
      uploads: () => [...store.uploads.values()].map((u) => publicUpload(store, u)),
      requests: () => log.all(),
    },
  };
  return fake;
}
