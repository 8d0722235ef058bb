// The appview reads Starling makes through the PDS: app.bsky.feed.getPosts (counts for
// analytics and reconcile) and app.bsky.actor.getProfile (followers, avatar).
import { invalidRequest, json, type Reply } from './replies.ts';
import type { XrpcCall, XrpcRoute } from './router.ts';
import type { Account, Store } from './store.ts';
import type { FakeBskyRecord } from './types.ts';

const iso = (ms: number) => new Date(ms).toISOString();

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function profileBasic(account: Account) {
  const out: Record<string, unknown> = {
    did: account.did,
    handle: account.handle,
    labels: [],
    viewer: { muted: false, blockedBy: false },
    createdAt: iso(account.createdAt),
  };
  if (account.displayName !== null) out.displayName = account.displayName;
  if (account.avatar !== null) out.avatar = account.avatar;
  return out;
}

/** Replies and quotes counted from the fake's records unless a test set them. */
function countsFor(store: Store, uri: string) {
  const set = store.counts.get(uri) ?? {};
  let replies = 0;
  let quotes = 0;
  for (const record of store.liveRecords.values()) {
    const { reply, embed } = record.value;
    if (isObject(reply) && isObject(reply.parent) && reply.parent.uri === uri) replies += 1;
    const quoted = isObject(embed) ? embed.record : undefined;
    const inner = isObject(quoted) && isObject(quoted.record) ? quoted.record : quoted;
    if (isObject(inner) && inner.uri === uri) quotes += 1;
  }
  return {
    replyCount: set.replies ?? replies,
    repostCount: set.reposts ?? 0,
    likeCount: set.likes ?? 0,
    quoteCount: set.quotes ?? quotes,
    bookmarkCount: 0,
  };
}

function postView(store: Store, record: FakeBskyRecord) {
  return {
    uri: record.uri,
    cid: record.cid,
    author: profileBasic(store.account(record.repo)),
    record: record.value,
    ...countsFor(store, record.uri),
    indexedAt: iso(record.createdAt),
    viewer: {},
    labels: [],
  };
}

function getPosts(store: Store, call: XrpcCall): Reply {
  const uris = call.req.query.getAll('uris');
  if (uris.length === 0) return invalidRequest('Params must have the property "uris"');
  if (uris.length > 25) return invalidRequest('uris must not have more than 25 elements');
  if (uris.some((uri) => !uri.startsWith('at://'))) {
    return invalidRequest('uris/0 must be a valid at-uri');
  }
  // Posts the appview cannot find (deleted, never existed) are left out, not errors.
  const posts = uris
    .map((uri) => store.liveRecord(uri))
    .filter((r): r is FakeBskyRecord => r?.collection === 'app.bsky.feed.post')
    .map((record) => postView(store, record));
  return json(200, { posts });
}

function getProfile(store: Store, call: XrpcCall): Reply {
  const actor = call.req.query.get('actor');
  if (actor === null) return invalidRequest('Params must have the property "actor"');
  const account = store.findAccount(actor);
  if (account === undefined || actor.includes('@')) return invalidRequest('Profile not found');
  return json(200, {
    ...profileBasic(account),
    followersCount: account.followers,
    followsCount: account.follows,
    postsCount: store.livePosts(account.did).length,
    associated: { lists: 0, feedgens: 0, starterPacks: 0, labeler: false },
    indexedAt: iso(account.createdAt),
  });
}

export function appviewRoutes(store: Store): XrpcRoute[] {
  return [
    {
      nsid: 'app.bsky.feed.getPosts',
      method: 'GET',
      auth: 'optional',
      handle: (call) => getPosts(store, call),
    },
    {
      nsid: 'app.bsky.actor.getProfile',
      method: 'GET',
      auth: 'optional',
      handle: (call) => getProfile(store, call),
    },
  ];
}
