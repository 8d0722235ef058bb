// The fake's state: accounts, repos' records, blobs, session tokens, video jobs and pages,
// all on the fake clock. Handlers read and write it; index.ts exposes copies.
import crypto from 'node:crypto';
import type { FakeClock } from '../http-kit/types.ts';
import { tidMaker } from './ids.ts';
import type { FakeBskyBlob, FakeBskyRecord, FakePage, FakeVideoJob, PostCounts } from './types.ts';

export interface Settings {
  accessJwtLifetimeMs: number;
  refreshJwtLifetimeMs: number;
  refreshGraceMs: number;
  maxBlobBytes: number;
  maxVideoBytes: number;
  videoPollsToComplete: number;
}

export interface Account {
  did: string;
  handle: string;
  email: string;
  password: string;
  displayName: string | null;
  avatar: string | null;
  followers: number;
  follows: number;
  createdAt: number;
}

/** A refresh JWT the PDS still knows, by its jti. */
export interface RefreshEntry {
  did: string;
  expiresAt: number;
  /** Set once rotated: reuse within the grace answers a token with this same jti. */
  nextId: string | null;
}

export interface VideoJob extends FakeVideoJob {
  bytes: Buffer;
  failure: { code: string; message: string } | null;
}

export class Store {
  readonly clock: FakeClock;
  readonly settings: Settings;
  /** The HMAC key for every token this fake signs. */
  readonly jwtKey = crypto.randomBytes(32);
  readonly nextTid: () => string;
  origin = '';
  serviceDid = '';
  readonly accounts = new Map<string, Account>();
  /** Refresh JWTs presented again after they were rotated (inside the grace or not). */
  refreshReuses = 0;
  readonly records: FakeBskyRecord[] = [];
  /** Live (undeleted) records by AT-URI with the DID as authority. */
  readonly liveRecords = new Map<string, FakeBskyRecord>();
  readonly blobs: FakeBskyBlob[] = [];
  readonly refreshTokens = new Map<string, RefreshEntry>();
  /** Access JWTs issued, by token text: the PDS's are stateless, these let a test revoke them. */
  readonly accessTokens = new Map<string, { did: string; revoked: boolean }>();
  readonly counts = new Map<string, Partial<PostCounts>>();
  readonly videoJobs = new Map<string, VideoJob>();
  readonly pages = new Map<string, FakePage>();
  failNextVideo = false;

  constructor(clock: FakeClock, settings: Settings) {
    this.clock = clock;
    this.settings = settings;
    this.nextTid = tidMaker(() => clock.now());
  }

  /** An account by DID, handle or e-mail (case-insensitive, as the PDS matches them). */
  findAccount(identifier: string): Account | undefined {
    const wanted = identifier.toLowerCase();
    const byDid = this.accounts.get(identifier);
    if (byDid !== undefined) return byDid;
    for (const account of this.accounts.values()) {
      if (account.handle === wanted || account.email.toLowerCase() === wanted) return account;
    }
    return undefined;
  }

  account(did: string): Account {
    const found = this.accounts.get(did);
    if (found === undefined) throw new Error(`fake Bluesky has no account ${did}`);
    return found;
  }

  /** Parses at://authority/collection/rkey, resolving a handle authority to its DID. */
  parseUri(uri: string): { did: string; collection: string; rkey: string } | null {
    const match = /^at:\/\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(uri);
    if (match === null) return null;
    const [, authority = '', collection = '', rkey = ''] = match;
    const did = authority.startsWith('did:') ? authority : this.findAccount(authority)?.did;
    return did === undefined ? null : { did, collection, rkey };
  }

  liveRecord(uri: string): FakeBskyRecord | undefined {
    const parts = this.parseUri(uri);
    if (parts === null) return undefined;
    return this.liveRecords.get(`at://${parts.did}/${parts.collection}/${parts.rkey}`);
  }

  addRecord(record: FakeBskyRecord): void {
    this.records.push(record);
    this.liveRecords.set(record.uri, record);
  }

  removeRecord(record: FakeBskyRecord): void {
    record.deleted = true;
    this.liveRecords.delete(record.uri);
  }

  blob(did: string, cid: string): FakeBskyBlob | undefined {
    return this.blobs.find((b) => b.did === did && b.cid === cid);
  }

  livePosts(did: string): FakeBskyRecord[] {
    return [...this.liveRecords.values()].filter(
      (r) => r.repo === did && r.collection === 'app.bsky.feed.post',
    );
  }
}
