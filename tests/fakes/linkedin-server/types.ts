// Public shapes of the fake LinkedIn: what tests configure, read back and assert on.
import type { FakeClock, FaultRule, LoggedRequest } from '../http-kit/types.ts';

export type { FakeClock, FaultRule, LoggedRequest } from '../http-kit/types.ts';

/**
 * The products a developer app can add in LinkedIn's portal, each granting its scopes:
 * Sign In with LinkedIn using OpenID Connect, Share on LinkedIn, and the Community
 * Management API (company pages, which LinkedIn reviews before granting).
 */
export type LinkedInProduct = 'sign-in-openid' | 'share' | 'community-management';

/** The http-kit faults ('expired': LinkedIn's 401 for a token past its 60 days). */
export type LinkedInFaultRule = FaultRule;

export type OrganizationRole =
  | 'ADMINISTRATOR'
  | 'DIRECT_SPONSORED_CONTENT_POSTER'
  | 'RECRUITING_POSTER'
  | 'LEAD_CAPTURE_ADMINISTRATOR'
  | 'LEAD_GEN_FORMS_MANAGER'
  | 'ANALYST'
  | 'CURATOR'
  | 'CONTENT_ADMINISTRATOR';

export type RoleState = 'APPROVED' | 'REQUESTED' | 'REJECTED' | 'REVOKED';

export interface FakeMember {
  /** The OpenID `sub`; the person URN is urn:li:person:{id}. */
  id: string;
  urn: string;
  givenName: string;
  familyName: string;
  name: string;
  email: string;
  picture: string;
}

export interface FakeOrganization {
  /** Numeric, as LinkedIn's organisation ids are; the URN is urn:li:organization:{id}. */
  id: string;
  urn: string;
  name: string;
  vanityName: string;
  logoUrl: string | null;
  followers: number;
}

export type FakePostKind = 'text' | 'image' | 'multiImage' | 'video' | 'document' | 'article';

export interface ShareStatistics {
  impressionCount: number;
  uniqueImpressionsCount: number;
  clickCount: number;
  likeCount: number;
  commentCount: number;
  shareCount: number;
}

export interface FakePost {
  /** urn:li:share:… or urn:li:ugcPost:…, as sent back in x-restli-id. */
  urn: string;
  author: string;
  /** The commentary exactly as received, little-text escapes and all. */
  commentary: string;
  /** What a reader sees once LinkedIn has parsed the little text. */
  displayedText: string;
  /** URNs mentioned with @[Name](urn), in order. */
  mentions: string[];
  kind: FakePostKind;
  /** Image, video or document URNs the post carries, in order. */
  mediaUrns: string[];
  /** Alt text per media URN, where one was given. */
  altTexts: Record<string, string>;
  /** The media title (videos and documents). */
  title: string | null;
  visibility: string;
  lifecycleState: string;
  /** The member whose token created it. */
  createdBy: string;
  /** The LinkedIn-Version header the create call carried. */
  linkedInVersion: string;
  /** The X-Restli-Protocol-Version header the create call carried, or null. */
  restliProtocolVersion: string | null;
  createdAt: number;
  deleted: boolean;
  stats: ShareStatistics;
}

export interface FakeComment {
  id: string;
  urn: string;
  postUrn: string;
  actor: string;
  text: string;
  createdBy: string;
  createdAt: number;
}

export type FakeMediaStatus = 'WAITING_UPLOAD' | 'PROCESSING' | 'AVAILABLE' | 'PROCESSING_FAILED';

export interface FakeUpload {
  urn: string;
  kind: 'image' | 'video' | 'document';
  owner: string;
  status: FakeMediaStatus;
  /** The bytes received so far, parts in byte order. */
  data: Buffer;
  /** Declared at initializeUpload (videos), else the bytes received. */
  fileSizeBytes: number;
  /** Video parts: how many there are, and how many have arrived. */
  partCount: number;
  partsReceived: number;
  finalized: boolean;
  createdAt: number;
}

export interface FakeLinkedInOptions {
  startAt?: number;
  /**
   * LinkedIn-Version values (YYYYMM) the fake accepts. Default: the twelve months up to
   * the fake clock's current month, as LinkedIn keeps each version for about a year.
   */
  activeVersions?: string[];
  /** Status polls (or seconds of fake time) a video spends PROCESSING; default 2. */
  videoProcessingSteps?: number;
  /** The same for images and documents; default 1. */
  imageProcessingSteps?: number;
  /** Bytes per video upload part; LinkedIn's are 4 MiB. Smaller keeps tests quick. */
  videoPartBytes?: number;
  /** Per-member daily quotas by endpoint ('POST /rest/posts'), replacing the defaults. */
  dailyLimits?: Record<string, number>;
}

export interface NewLinkedInApp {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  name?: string;
  /** Default: Sign In with OpenID Connect and Share on LinkedIn. */
  products?: LinkedInProduct[];
  /** Whether LinkedIn grants this app programmatic refresh tokens; default false. */
  refreshTokens?: boolean;
  /** Whether LinkedIn has enabled PKCE for this app (no client secret needed); default false. */
  pkce?: boolean;
}

export interface IssuedTokens {
  accessToken: string;
  expiresAt: number;
  refreshToken: string | null;
  refreshTokenExpiresAt: number | null;
}

export interface FakeLinkedIn {
  origin: string;
  port: number;
  close(): Promise<void>;
  clock: FakeClock;
  registerApp(app: NewLinkedInApp): void;
  setProducts(clientId: string, products: LinkedInProduct[]): void;
  setRefreshTokens(clientId: string, enabled: boolean): void;
  addMember(
    member?: Partial<{
      id: string;
      givenName: string;
      familyName: string;
      email: string;
      picture: string;
    }>,
  ): FakeMember;
  addOrganization(
    org?: Partial<{
      id: string;
      name: string;
      vanityName: string;
      logoUrl: string | null;
      followers: number;
    }>,
  ): FakeOrganization;
  grantRole(
    memberId: string,
    organizationId: string,
    opts?: { role?: OrganizationRole; state?: RoleState },
  ): void;
  /** The member the authorize page sees as signed in (the first added, until changed). */
  signIn(memberId: string): void;
  /** Answers the authorize page as the signed-in member would; resolves to the redirect. */
  approve(authorizeUrl: string, opts?: { memberId?: string; deny?: boolean }): Promise<string>;
  /** Tokens straight from the store, as if the member had signed in with these scopes. */
  issueTokens(memberId: string, opts?: { clientId?: string; scopes?: string[] }): IssuedTokens;
  /** The access token reaches its expiry now (LinkedIn's 60 days, without the wait). */
  expireToken(accessToken: string): void;
  expireMember(memberId: string): void;
  revokeToken(token: string): void;
  revokeMember(memberId: string): void;
  fault(rule: LinkedInFaultRule): void;
  clearFaults(): void;
  setShareStatistics(postUrn: string, stats: Partial<ShareStatistics>): void;
  setFollowers(organizationId: string, followers: number): void;
  /** The post disappears from LinkedIn (deleted there, not through the API). */
  deletePost(postUrn: string): void;
  /** A text post the author made on LinkedIn itself, now; its URN. */
  postElsewhere(author: string, commentary: string): string;
  /** The post is edited on LinkedIn now (its text, when given): it lists as changed. */
  editPost(postUrn: string, commentary?: string): void;
  media: {
    get(urn: string): FakeUpload | undefined;
    /** The next upload to finish processing ends PROCESSING_FAILED. */
    failNextProcessing(): void;
  };
  ledger: {
    posts(): FakePost[];
    comments(): FakeComment[];
    uploads(): FakeUpload[];
    requests(): LoggedRequest[];
  };
}
