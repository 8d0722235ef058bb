// com.atproto.repo.createRecord / getRecord / deleteRecord / listRecords. A caller-chosen
// record key makes a retried create safe: the second create of a live key is refused.
import { jsonBody } from '../http-kit/request.ts';
import { isRecordKey, isTid, recordCid } from './ids.ts';
import { checkPostBlobs, validatePost } from './post-validation.ts';
import { invalidRequest, json, xrpcError, type Reply } from './replies.ts';
import type { XrpcCall, XrpcRoute } from './router.ts';
import type { Store } from './store.ts';
import type { FakeBskyRecord } from './types.ts';

const post = 'app.bsky.feed.post';
/** Collections the PDS knows whose lexicon asks for TID record keys. */
const tidCollections = new Set([
  post,
  'app.bsky.feed.like',
  'app.bsky.feed.repost',
  'app.bsky.graph.follow',
  'app.bsky.graph.block',
]);
const nsid = /^[a-zA-Z]([a-zA-Z0-9-]*\.){2,}[a-zA-Z][a-zA-Z0-9]*$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The account a write names, or the PDS's refusal. */
function writableRepo(store: Store, call: XrpcCall, repo: unknown): string | Reply {
  if (typeof repo !== 'string') return invalidRequest('Input must have the property "repo"');
  const account = store.findAccount(repo);
  if (account === undefined) return invalidRequest(`Could not find repo: ${repo}`);
  if (account.did !== call.did) return xrpcError(401);
  return account.did;
}

function commitMeta(store: Store, uri: string) {
  const rev = store.nextTid();
  return { cid: recordCid({ uri, rev }), rev };
}

function validationStatus(
  store: Store,
  did: string,
  input: { collection: string; rkey: string; record: Record<string, unknown>; validate: unknown },
): 'valid' | 'unknown' | undefined | Reply {
  const { collection, rkey, record, validate } = input;
  if (validate === false) return undefined;
  if (!tidCollections.has(collection)) {
    return validate === true ? invalidRequest(`Unknown lexicon type: ${collection}`) : 'unknown';
  }
  if (!isTid(rkey)) {
    return invalidRequest(`Invalid record key for ${collection}: must be a valid TID (${rkey})`);
  }
  if (collection !== post) return 'valid';
  return validatePost(store, did, record) ?? 'valid';
}

function createRecord(store: Store, call: XrpcCall): Reply {
  const body = jsonBody(call.req);
  if (body === null) return invalidRequest('Input must be an object');
  const did = writableRepo(store, call, body.repo);
  if (typeof did !== 'string') return did;
  const { collection, rkey: chosen } = body;
  if (typeof collection !== 'string' || !nsid.test(collection)) {
    return invalidRequest('Input/collection must be a valid nsid');
  }
  if (!isObject(body.record)) return invalidRequest('Input must have the property "record"');
  const $type = body.record.$type ?? collection;
  if ($type !== collection) {
    return invalidRequest(`Invalid $type: expected ${collection}, got ${JSON.stringify($type)}`);
  }
  const record = { ...body.record, $type };
  if (chosen !== undefined && (typeof chosen !== 'string' || !isRecordKey(chosen))) {
    return invalidRequest(`Invalid record key: ${JSON.stringify(chosen)}`);
  }
  const rkey = chosen ?? store.nextTid();
  const input = { collection, rkey, record, validate: body.validate };
  const status = validationStatus(store, did, input);
  if (typeof status === 'object') return status;
  const blobProblem = collection === post ? checkPostBlobs(store, did, record) : null;
  if (blobProblem !== null) return blobProblem;
  const uri = `at://${did}/${collection}/${rkey}`;
  // [Note: duplicate rkey] The PDS's repo tree throws a plain Error for a key it already
  // holds, which xrpc-server turns into 500 InternalServerError, not a 4xx.
  if (store.liveRecords.has(uri)) return xrpcError(500);
  const cid = recordCid(record);
  store.addRecord({
    repo: did,
    collection,
    rkey,
    uri,
    cid,
    value: record,
    createdAt: store.clock.now(),
    deleted: false,
  });
  const out: Record<string, unknown> = { uri, cid, commit: commitMeta(store, uri) };
  if (status !== undefined) out.validationStatus = status;
  return json(200, out);
}

function recordView(record: FakeBskyRecord) {
  return { uri: record.uri, cid: record.cid, value: record.value };
}

function getRecord(store: Store, call: XrpcCall): Reply {
  const { query } = call.req;
  const parts = ['repo', 'collection', 'rkey'].map((key) => query.get(key));
  const [repo, collection, rkey] = parts;
  if (repo == null || collection == null || rkey == null) {
    return invalidRequest('Params must have the properties "repo", "collection" and "rkey"');
  }
  const did = store.findAccount(repo)?.did ?? repo;
  const uri = `at://${did}/${collection}/${rkey}`;
  const record = store.liveRecords.get(uri);
  const cid = query.get('cid');
  if (record === undefined || (cid !== null && cid !== record.cid)) {
    return invalidRequest(`Could not locate record: ${uri}`, 'RecordNotFound');
  }
  return json(200, recordView(record));
}

function deleteRecord(store: Store, call: XrpcCall): Reply {
  const body = jsonBody(call.req);
  if (body === null) return invalidRequest('Input must be an object');
  const did = writableRepo(store, call, body.repo);
  if (typeof did !== 'string') return did;
  const uri = `at://${did}/${String(body.collection)}/${String(body.rkey)}`;
  const record = store.liveRecords.get(uri);
  // Deleting what is not there is a no-op that succeeds, as on the PDS.
  if (record === undefined) return json(200, {});
  store.removeRecord(record);
  return json(200, { commit: commitMeta(store, uri) });
}

function listRecords(store: Store, call: XrpcCall): Reply {
  const { query } = call.req;
  const repo = query.get('repo') ?? '';
  const collection = query.get('collection') ?? '';
  const did = store.findAccount(repo)?.did;
  if (did === undefined) return invalidRequest(`Could not find repo: ${repo}`);
  const limit = Number(query.get('limit') ?? 50);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    return invalidRequest('limit must be an integer between 1 and 100');
  }
  const reverse = query.get('reverse') === 'true';
  const cursor = query.get('cursor');
  // Newest first (descending record key) unless reversed, as the PDS lists them.
  const all = [...store.liveRecords.values()]
    .filter((r) => r.repo === did && r.collection === collection)
    .sort((a, b) => (a.rkey < b.rkey ? 1 : -1) * (reverse ? -1 : 1))
    .filter((r) => cursor === null || (reverse ? r.rkey > cursor : r.rkey < cursor));
  const page = all.slice(0, limit);
  const last = page.at(-1);
  const out: Record<string, unknown> = { records: page.map(recordView) };
  if (last !== undefined && all.length > limit) out.cursor = last.rkey;
  return json(200, out);
}

export function recordRoutes(store: Store): XrpcRoute[] {
  return [
    {
      nsid: 'com.atproto.repo.createRecord',
      method: 'POST',
      auth: 'access',
      bucket: 'repo-write-hour',
      points: 3,
      handle: (call) => createRecord(store, call),
    },
    {
      nsid: 'com.atproto.repo.deleteRecord',
      method: 'POST',
      auth: 'access',
      bucket: 'repo-write-hour',
      handle: (call) => deleteRecord(store, call),
    },
    {
      nsid: 'com.atproto.repo.getRecord',
      method: 'GET',
      auth: 'none',
      handle: (call) => getRecord(store, call),
    },
    {
      nsid: 'com.atproto.repo.listRecords',
      method: 'GET',
      auth: 'none',
      handle: (call) => listRecords(store, call),
    },
  ];
}
