// Everything the fake remembers: apps, members, organisations and their roles, grants
// and tokens, posts, comments and uploads. Plain records in maps; route modules change them.
import { createActivityIds } from './ids.ts';
import type {
  FakeClock,
  FakePostKind,
  LinkedInProduct,
  OrganizationRole,
  RoleState,
  ShareStatistics,
} from './types.ts';

export const day = 24 * 60 * 60 * 1000;
/** "Currently, all access tokens are issued with a 60-day lifespan." */
export const accessTokenLifetimeMs = 60 * day;
/** Programmatic refresh tokens live a year from the first sign-in; refreshing keeps that date. */
export const refreshTokenLifetimeMs = 365 * day;
/** "the authorization code has a 30-minute lifespan" */
export const codeLifetimeMs = 30 * 60 * 1000;

export const productScopes: Record<LinkedInProduct, readonly string[]> = {
  'sign-in-openid': ['openid', 'profile', 'email'],
  share: ['w_member_social'],
  'community-management': [
    'r_organization_social',
    'w_organization_social',
    'rw_organization_admin',
    'r_organization_admin',
  ],
};

export interface AppRecord {
  clientId: string;
  clientSecret: string;
  name: string;
  redirectUris: string[];
  products: LinkedInProduct[];
  refreshTokens: boolean;
  pkce: boolean;
}

export interface MemberRecord {
  id: string;
  givenName: string;
  familyName: string;
  email: string;
  picture: string;
}

export interface OrganizationRecord {
  id: string;
  name: string;
  vanityName: string;
  logoUrl: string | null;
  followers: number;
}

export interface RoleRecord {
  memberId: string;
  organizationId: string;
  role: OrganizationRole;
  state: RoleState;
}

/** One member's consent to one app for a set of scopes; its tokens die with it. */
export interface Grant {
  memberId: string;
  clientId: string;
  scopes: string[];
  authorizedAt: number;
  revoked: boolean;
}

export interface AccessTokenRecord {
  token: string;
  grant: Grant;
  createdAt: number;
  expiresAt: number;
  revoked: boolean;
}

export interface RefreshTokenRecord {
  token: string;
  grant: Grant;
  expiresAt: number;
}

export interface AuthCode {
  code: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  memberId: string;
  codeChallenge: string | null;
  expiresAt: number;
  used: boolean;
}

/** An authorize page that was shown and not yet answered. */
export interface PendingConsent {
  clientId: string;
  redirectUri: string;
  state: string | null;
  scopes: string[];
  codeChallenge: string | null;
  memberId: string;
}

export interface PostRecord {
  urn: string;
  author: string;
  commentary: string;
  displayedText: string;
  mentions: string[];
  kind: FakePostKind;
  /** The content object as received, returned as-is when the post is read. */
  content: Record<string, unknown> | null;
  mediaUrns: string[];
  altTexts: Record<string, string>;
  title: string | null;
  visibility: string;
  distribution: unknown;
  lifecycleState: string;
  isReshareDisabledByAuthor: boolean;
  createdBy: string;
  linkedInVersion: string;
  restliProtocolVersion: string | null;
  createdAt: number;
  /** When the post last changed (an edit on LinkedIn); createdAt until then. */
  lastModifiedAt: number;
  deleted: boolean;
  stats: ShareStatistics;
}

export interface CommentRecord {
  id: string;
  postUrn: string;
  actor: string;
  text: string;
  createdBy: string;
  createdAt: number;
}

export interface UploadPart {
  firstByte: number;
  lastByte: number;
  data: Buffer | null;
  etag: string | null;
}

export interface UploadRecord {
  urn: string;
  kind: 'image' | 'video' | 'document';
  owner: string;
  /** The signed-URL secret every upload URL for this asset carries. */
  uploadSecret: string;
  /** Images and documents: one part covering the file; videos: one per byte range. */
  parts: UploadPart[];
  fileSizeBytes: number | null;
  uploadToken: string;
  captions: Buffer | null;
  thumbnail: Buffer | null;
  uploadUrlExpiresAt: number;
  /** When the last bytes arrived (images, documents) or finalizeUpload succeeded (videos). */
  completedAt: number | null;
  pollSteps: number;
  willFail: boolean;
  createdAt: number;
}

export const emptyStats = (): ShareStatistics => ({
  impressionCount: 0,
  uniqueImpressionsCount: 0,
  clickCount: 0,
  likeCount: 0,
  commentCount: 0,
  shareCount: 0,
});

export interface StoreSettings {
  activeVersions: string[] | null;
  videoProcessingSteps: number;
  imageProcessingSteps: number;
  videoPartBytes: number;
}

export class Store {
  readonly clock: FakeClock;
  readonly settings: StoreSettings;
  readonly nextActivityId: () => string;
  readonly apps = new Map<string, AppRecord>();
  readonly members = new Map<string, MemberRecord>();
  readonly organizations = new Map<string, OrganizationRecord>();
  readonly roles: RoleRecord[] = [];
  signedInMemberId: string | null = null;
  readonly grants: Grant[] = [];
  readonly accessTokens = new Map<string, AccessTokenRecord>();
  readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  readonly authCodes = new Map<string, AuthCode>();
  readonly pendingConsents = new Map<string, PendingConsent>();
  readonly posts = new Map<string, PostRecord>();
  readonly comments: CommentRecord[] = [];
  readonly uploads = new Map<string, UploadRecord>();
  failNextProcessing = false;

  constructor(clock: FakeClock, settings: StoreSettings) {
    this.clock = clock;
    this.settings = settings;
    this.nextActivityId = createActivityIds(() => clock.now());
  }

  member(id: string): MemberRecord {
    const member = this.members.get(id);
    if (member === undefined) throw new Error(`fake LinkedIn has no member ${id}`);
    return member;
  }

  organization(id: string): OrganizationRecord {
    const org = this.organizations.get(id);
    if (org === undefined) throw new Error(`fake LinkedIn has no organization ${id}`);
    return org;
  }

  app(clientId: string): AppRecord {
    const app = this.apps.get(clientId);
    if (app === undefined) throw new Error(`fake LinkedIn has no app ${clientId}`);
    return app;
  }

  /** The scopes an app's products let it ask for. */
  appScopes(app: AppRecord): Set<string> {
    return new Set(app.products.flatMap((p) => productScopes[p]));
  }

  /** Whether the member holds an approved role among `roles` on the organisation. */
  hasRole(memberId: string, organizationId: string, roles: readonly OrganizationRole[]): boolean {
    return this.roles.some(
      (r) =>
        r.memberId === memberId &&
        r.organizationId === organizationId &&
        r.state === 'APPROVED' &&
        roles.includes(r.role),
    );
  }
}
