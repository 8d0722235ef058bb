// Public shapes of the fake Bluesky (PDS, the appview reads we use, the video service):
// what tests configure, read back and assert on.
import type { FakeClock, FaultRule, LoggedRequest } from '../http-kit/types.ts';

export type { FakeClock, FaultRule, LoggedRequest } from '../http-kit/types.ts';

export interface FakeBlueskyOptions {
  /** Epoch ms the fake clock starts at; default: the wall clock. */
  startAt?: number;
  /** Access JWT lifetime; default 2 h, as the PDS. */
  accessJwtLifetimeMs?: number;
  /**
   * How long a refresh JWT still works after it was rotated (the PDS allows 2 h and answers
   * reuse with the same next token); default 0: refused at once with ExpiredToken.
   */
  refreshGraceMs?: number;
  /** uploadBlob's limit for everything but video/mp4; default 1,000,000 bytes. */
  maxBlobBytes?: number;
  /** uploadBlob's and uploadVideo's limit for video/mp4; default 100,000,000 bytes. */
  maxVideoBytes?: number;
  /** getJobStatus polls until a video job completes; default 2. */
  videoPollsToComplete?: number;
}

export interface FakeBskyUser {
  did: string;
  handle: string;
  email: string;
  displayName: string | null;
  /** A URL, as the appview gives it. */
  avatar: string | null;
  followers: number;
  follows: number;
}

export interface NewBskyUser {
  handle: string;
  /** The app password the user signs in with. */
  password: string;
  did?: string;
  email?: string;
  displayName?: string;
  avatar?: string;
  followers?: number;
  follows?: number;
}

export interface FakeBskyRecord {
  /** The repo's DID. */
  repo: string;
  collection: string;
  rkey: string;
  uri: string;
  cid: string;
  /** The record JSON as sent ($type filled in when the client left it out, as the PDS does). */
  value: Record<string, unknown>;
  /** Fake-clock epoch ms. */
  createdAt: number;
  deleted: boolean;
}

export interface FakeBskyBlob {
  did: string;
  mimeType: string;
  size: number;
  cid: string;
  bytes: Buffer;
  createdAt: number;
}

export type VideoJobState =
  'JOB_STATE_CREATED' | 'JOB_STATE_ENCODING' | 'JOB_STATE_COMPLETED' | 'JOB_STATE_FAILED';

export interface FakeVideoJob {
  jobId: string;
  did: string;
  name: string | null;
  state: VideoJobState;
  polls: number;
  /** The blob's CID once the job completed. */
  blobCid: string | null;
}

export interface PostCounts {
  likes: number;
  reposts: number;
  replies: number;
  quotes: number;
}

export interface FakePage {
  title: string;
  description: string;
  /** Served at `<page url>/image`; no og:image tag without it. */
  imageBytes?: Uint8Array;
  /** Default image/png. */
  imageMimeType?: string;
  /** og:image names this address instead (a page's author may name any). */
  imageUrl?: string;
}

export interface FakeBluesky {
  /** The service URL to give AtpAgent. */
  origin: string;
  port: number;
  /** The PDS's service DID (describeServer, the aud of its tokens). */
  serviceDid: string;
  close(): Promise<void>;
  clock: FakeClock;
  addUser(user: NewBskyUser): FakeBskyUser;
  /** Every access and refresh JWT of the user stops working. */
  revokeSessions(did: string): void;
  fault(rule: FaultRule): void;
  clearFaults(): void;
  /** Refresh JWTs presented again after they were rotated: a client's race, counted. */
  refreshReuses(): number;
  ledger: {
    records(): FakeBskyRecord[];
    requests(): LoggedRequest[];
    blobs(): FakeBskyBlob[];
    videoJobs(): FakeVideoJob[];
  };
  setPostCounts(uri: string, counts: Partial<PostCounts>): void;
  setFollowers(did: string, followers: number): void;
  /** The record disappears (its author deleted it elsewhere). */
  deleteRecord(uri: string): void;
  /** The next uploaded video fails processing. */
  failNextVideo(): void;
  /** Registers an Open Graph page at /og/<name>; answers its absolute URL. */
  addPage(name: string, page: FakePage): string;
}
