// POST /2/tweets and DELETE /2/tweets/:id: X's checks on text length (twitter-text),
// media, replies and duplicate content, in the order X applies them.
import twitterText from 'twitter-text';
import { isExpired, mediaKind, mediaState } from './media-state.ts';
import { forbidden, invalidRequest, json, problem, problemTypes, type Reply } from './replies.ts';
import { jsonBody, type FakeRequest } from '../http-kit/request.ts';
import type { Route } from './router.ts';
import { emptyMetrics, type Store, type TweetRecord } from './store.ts';

const writeScopes = ['tweet.read', 'tweet.write', 'users.read'];

const tooLong =
  'Your Tweet text is too long. For more information on how Twitter determines text length see https://github.com/twitter/twitter-text.';

interface TweetBody {
  text: string;
  mediaIds: string[];
  replyToId: string | null;
  quoteTweetId: string | null;
}

function member(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function readBody(raw: Record<string, unknown>): TweetBody | Reply {
  const { text = '', media, reply, quote_tweet_id: quote = null } = raw;
  if (typeof text !== 'string') {
    return invalidRequest({
      parameters: { text: [JSON.stringify(text)] },
      message: '`text` must be a string',
    });
  }
  let mediaIds: string[] = [];
  if (media !== undefined) {
    const ids: unknown = member(media, 'media_ids');
    const valid = Array.isArray(ids)
      ? ids.filter((id): id is string => typeof id === 'string' && /^\d{1,19}$/.test(id))
      : [];
    if (!Array.isArray(ids) || valid.length !== ids.length) {
      return invalidRequest({
        parameters: { 'media.media_ids': [] },
        message: 'Your media IDs are invalid.',
      });
    }
    mediaIds = valid;
  }
  let replyToId: string | null = null;
  if (reply !== undefined) {
    const id = member(reply, 'in_reply_to_tweet_id');
    if (typeof id !== 'string' || !/^\d{1,19}$/.test(id)) {
      return invalidRequest({
        parameters: { 'reply.in_reply_to_tweet_id': [JSON.stringify(id)] },
        message: '`reply.in_reply_to_tweet_id` must be a Post id',
      });
    }
    replyToId = id;
  }
  if (quote !== null && (typeof quote !== 'string' || !/^\d{1,19}$/.test(quote))) {
    return invalidRequest({
      parameters: { quote_tweet_id: [JSON.stringify(quote)] },
      message: '`quote_tweet_id` must be a Post id',
    });
  }
  return { text, mediaIds, replyToId, quoteTweetId: quote };
}

function checkMedia(store: Store, userId: string, ids: string[]): Reply | null {
  if (ids.length === 0) return null;
  if (ids.length > 4) {
    return invalidRequest({
      parameters: { 'media.media_ids': ids },
      message: 'size must be between 1 and 4',
    });
  }
  const invalid = ids.filter((id) => {
    const media = store.media.get(id);
    return (
      media === undefined ||
      !media.ownerIds.includes(userId) ||
      isExpired(store, media) ||
      mediaState(store, media) !== 'succeeded'
    );
  });
  if (invalid.length > 0) {
    return invalidRequest({
      parameters: { 'media.media_ids': invalid },
      message: 'Your media IDs are invalid.',
    });
  }
  const kinds = ids.map((id) => {
    const media = store.media.get(id);
    return media === undefined ? 'image' : mediaKind(media);
  });
  if (kinds.length > 1 && kinds.some((k) => k !== 'image')) {
    return invalidRequest({
      parameters: { 'media.media_ids': ids },
      message: 'Your media IDs are invalid. A post holds up to 4 images, or 1 GIF, or 1 video.',
    });
  }
  return null;
}

function visible(store: Store, id: string | null): boolean {
  if (id === null) return true;
  const tweet = store.tweetsById.get(id);
  return tweet !== undefined && !tweet.deleted;
}

function createTweet(store: Store, req: FakeRequest, userId: string): Reply {
  const raw = jsonBody(req);
  if (raw === null) return invalidRequest({ message: 'Request body is not valid JSON.' });
  const body = readBody(raw);
  if (!('text' in body)) return body;
  if (body.text.trim() === '' && body.mediaIds.length === 0 && body.quoteTweetId === null) {
    return invalidRequest({ parameters: { text: [body.text] }, message: 'Post text is empty.' });
  }
  if (twitterText.parseTweet(body.text).weightedLength > 280) {
    return invalidRequest({ parameters: { text: [body.text] }, message: tooLong });
  }
  const mediaProblem = checkMedia(store, userId, body.mediaIds);
  if (mediaProblem !== null) return mediaProblem;
  if (!visible(store, body.replyToId)) {
    return forbidden('You attempted to reply to a Tweet that is deleted or not visible to you.');
  }
  if (!visible(store, body.quoteTweetId)) {
    return forbidden('You attempted to quote a Tweet that is deleted or not visible to you.');
  }
  const duplicate = store.tweets.some(
    (t) => t.authorId === userId && !t.deleted && body.text !== '' && t.text === body.text,
  );
  if (duplicate) return forbidden('You are not allowed to create a Tweet with duplicate content.');
  const id = store.nextId();
  const parent = body.replyToId === null ? undefined : store.tweetsById.get(body.replyToId);
  const tweet: TweetRecord = {
    id,
    authorId: userId,
    text: body.text,
    replyToId: body.replyToId,
    quoteTweetId: body.quoteTweetId,
    conversationId: parent?.conversationId ?? id,
    mediaIds: body.mediaIds,
    createdAt: store.clock.now(),
    deleted: false,
    metrics: emptyMetrics(),
  };
  store.tweets.push(tweet);
  store.tweetsById.set(id, tweet);
  return json(201, { data: { id, text: tweet.text, edit_history_tweet_ids: [id] } });
}

function deleteTweet(store: Store, id: string, userId: string): Reply {
  const tweet = store.tweetsById.get(id);
  if (tweet === undefined || tweet.deleted) {
    return problem(404, 'Not Found Error', `Could not find tweet with id: [${id}].`, {
      type: problemTypes.notFound,
      resource_type: 'tweet',
      resource_id: id,
      parameter: 'id',
      value: id,
    });
  }
  if (tweet.authorId !== userId) return forbidden('You are not allowed to delete this Tweet.');
  tweet.deleted = true;
  return json(200, { data: { deleted: true } });
}

export function tweetWriteRoutes(store: Store): Route[] {
  return [
    {
      kind: 'user',
      method: 'POST',
      pattern: '/2/tweets',
      endpoint: 'POST /2/tweets',
      scopes: writeScopes,
      handle: (req, me) => createTweet(store, req, me.userId),
    },
    {
      kind: 'user',
      method: 'DELETE',
      pattern: '/2/tweets/:id',
      endpoint: 'DELETE /2/tweets/:id',
      scopes: writeScopes,
      handle: (req, me) => deleteTweet(store, req.params.id ?? '', me.userId),
    },
  ];
}
