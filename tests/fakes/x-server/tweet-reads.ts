// GET /2/tweets, GET /2/tweets/:id and GET /2/users/:id/tweets: data plus X's partial
// errors (not found, field authorization), and timeline paging with meta.
import { requestedFields, tweetFieldNames } from './fields.ts';
import { invalidRequest, json, problemTypes, type Reply } from './replies.ts';
import type { FakeRequest } from '../http-kit/request.ts';
import type { Route } from './router.ts';
import type { Store, TweetRecord } from './store.ts';
import { userNotFound } from './users.ts';
import { mayReadPrivateMetrics, privateMetricFields, tweetView } from './tweet-view.ts';

const readScopes = ['tweet.read', 'users.read'];
const idPattern = /^\d{1,19}$/;

function notFound(id: string, parameter: string) {
  return {
    value: id,
    detail: `Could not find tweet with ${parameter}: [${id}].`,
    title: 'Not Found Error',
    resource_type: 'tweet',
    parameter,
    resource_id: id,
    type: problemTypes.notFound,
  };
}

function fieldUnauthorized(id: string, field: string) {
  return {
    value: id,
    detail: `Sorry, you are not authorized to access '${field}' on the Tweet with ids: [${id}].`,
    title: 'Field Authorization Error',
    resource_type: 'tweet',
    parameter: 'tweet.fields',
    resource_id: id,
    field,
    section: 'data',
    type: problemTypes.fieldUnauthorized,
  };
}

/** Views of the posts the caller may see with these fields, and errors for the rest. */
function present(store: Store, tweets: TweetRecord[], fields: Set<string>, userId: string) {
  const data: Record<string, unknown>[] = [];
  const errors: Record<string, unknown>[] = [];
  const privateAsked = privateMetricFields.filter((f) => fields.has(f));
  for (const tweet of tweets) {
    if (privateAsked.length > 0 && !mayReadPrivateMetrics(store, tweet, userId)) {
      errors.push(...privateAsked.map((f) => fieldUnauthorized(tweet.id, f)));
      continue;
    }
    data.push(tweetView(store, tweet, fields));
  }
  return { data, errors };
}

function lookup(
  store: Store,
  req: FakeRequest,
  ids: string[],
  parameter: string,
  userId: string,
): Reply {
  const fields = requestedFields(req.query, 'tweet.fields', tweetFieldNames);
  if (!(fields instanceof Set)) return fields;
  const found: TweetRecord[] = [];
  const missing: Record<string, unknown>[] = [];
  for (const id of ids) {
    const tweet = store.tweetsById.get(id);
    if (tweet === undefined || tweet.deleted) missing.push(notFound(id, parameter));
    else found.push(tweet);
  }
  const { data, errors } = present(store, found, fields, userId);
  const all = [...errors, ...missing];
  if (parameter === 'id') {
    return json(200, {
      ...(data[0] ? { data: data[0] } : {}),
      ...(all.length ? { errors: all } : {}),
    });
  }
  return json(200, { ...(data.length ? { data } : {}), ...(all.length ? { errors: all } : {}) });
}

function lookupMany(store: Store, req: FakeRequest, userId: string): Reply {
  const raw = req.query.get('ids') ?? '';
  const ids = raw.split(',');
  if (raw === '' || ids.length > 100) {
    return invalidRequest({
      parameters: { ids: [raw] },
      message: '`ids` query parameter array must have between 1 and 100 items',
    });
  }
  const bad = ids.filter((id) => !idPattern.test(id));
  if (bad.length > 0) {
    return invalidRequest(
      ...bad.map((id) => ({
        parameters: { ids: [id] },
        message: `The \`ids\` query parameter value [${id}] is not valid`,
      })),
    );
  }
  return lookup(store, req, ids, 'ids', userId);
}

const tokenPrefix = '7140dibd';

function encodeToken(beforeId: string): string {
  return tokenPrefix + BigInt(beforeId).toString(36);
}

function decodeToken(token: string): bigint | null {
  if (!token.startsWith(tokenPrefix)) return null;
  const digits = token.slice(tokenPrefix.length);
  if (!/^[0-9a-z]+$/.test(digits)) return null;
  let value = 0n;
  for (const c of digits) value = value * 36n + BigInt(parseInt(c, 36));
  return value;
}

function badParam(name: string, value: string, message: string): Reply {
  return invalidRequest({ parameters: { [name]: [value] }, message });
}

const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/;

/** start_time (inclusive) and end_time (exclusive) as epoch ms, or X's 400. */
function timeWindow(q: URLSearchParams): { from: number; to: number } | Reply {
  const bounds = { from: -Infinity, to: Infinity };
  for (const name of ['start_time', 'end_time'] as const) {
    const value = q.get(name);
    if (value === null) continue;
    const at = rfc3339.test(value) ? Date.parse(value) : NaN;
    if (Number.isNaN(at)) {
      return badParam(
        name,
        value,
        `Invalid '${name}':'${value}'. '${name}' must be a RFC 3339 timestamp.`,
      );
    }
    if (name === 'start_time') bounds.from = at;
    else bounds.to = at;
  }
  return bounds;
}

function timeline(store: Store, req: FakeRequest, userId: string): Reply {
  const fields = requestedFields(req.query, 'tweet.fields', tweetFieldNames);
  if (!(fields instanceof Set)) return fields;
  const q = req.query;
  const maxRaw = q.get('max_results') ?? '10';
  const max = Number(maxRaw);
  if (!Number.isInteger(max) || max < 5 || max > 100) {
    return badParam(
      'max_results',
      maxRaw,
      `The \`max_results\` query parameter value [${maxRaw}] is not between 5 and 100`,
    );
  }
  let after = -1n;
  let before: bigint | null = null;
  for (const name of ['since_id', 'until_id'] as const) {
    const value = q.get(name);
    if (value === null) continue;
    if (!idPattern.test(value))
      return badParam(name, value, `The \`${name}\` query parameter value [${value}] is not valid`);
    if (name === 'since_id') after = BigInt(value);
    else before = BigInt(value);
  }
  const token = q.get('pagination_token');
  if (token !== null) {
    const decoded = decodeToken(token);
    if (decoded === null)
      return badParam(
        'pagination_token',
        token,
        `The \`pagination_token\` query parameter value [${token}] is not valid`,
      );
    before = before === null || decoded < before ? decoded : before;
  }
  const window = timeWindow(q);
  if (!('from' in window)) return window;
  const owner = store.users.get(req.params.id ?? '');
  if (owner === undefined) return json(200, { errors: [userNotFound(req.params.id ?? '')] });
  const excludeReplies = (q.get('exclude') ?? '').split(',').includes('replies');
  const matching = store.tweets
    .filter((t) => t.authorId === owner.id && !t.deleted)
    .filter((t) => !excludeReplies || t.replyToId === null)
    .filter((t) => BigInt(t.id) > after && (before === null || BigInt(t.id) < before))
    .filter((t) => t.createdAt >= window.from && t.createdAt < window.to)
    .reverse();
  const page = matching.slice(0, max);
  const { data, errors } = present(store, page, fields, userId);
  const newest = page[0];
  const oldest = page.at(-1);
  const meta: Record<string, unknown> = { result_count: data.length };
  if (newest !== undefined && oldest !== undefined) {
    meta.newest_id = newest.id;
    meta.oldest_id = oldest.id;
    if (matching.length > page.length) meta.next_token = encodeToken(oldest.id);
  }
  return json(200, {
    ...(data.length ? { data } : {}),
    ...(errors.length ? { errors } : {}),
    meta,
  });
}

export function tweetReadRoutes(store: Store): Route[] {
  return [
    {
      kind: 'user',
      method: 'GET',
      pattern: '/2/tweets',
      endpoint: 'GET /2/tweets',
      scopes: readScopes,
      handle: (req, me) => lookupMany(store, req, me.userId),
    },
    {
      kind: 'user',
      method: 'GET',
      pattern: '/2/tweets/:id',
      endpoint: 'GET /2/tweets/:id',
      scopes: readScopes,
      handle: (req, me) => {
        const id = req.params.id ?? '';
        if (!idPattern.test(id))
          return badParam('id', id, `The \`id\` query parameter value [${id}] is not valid`);
        return lookup(store, req, [id], 'id', me.userId);
      },
    },
    {
      kind: 'user',
      method: 'GET',
      pattern: '/2/users/:id/tweets',
      endpoint: 'GET /2/users/:id/tweets',
      scopes: readScopes,
      handle: (req, me) => timeline(store, req, me.userId),
    },
  ];
}
