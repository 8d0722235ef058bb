// A post as GET /2/tweets and the timeline show it: the default fields, the requested
// tweet.fields, and which metric fields the caller may see (own posts, < 30 days old).
import type { Store, TweetRecord } from './store.ts';

export const privateMetricFields = ['non_public_metrics', 'organic_metrics'] as const;
const privateMetricsMaxAgeMs = 30 * 24 * 60 * 60 * 1000;

export function mayReadPrivateMetrics(store: Store, tweet: TweetRecord, userId: string): boolean {
  return tweet.authorId === userId && store.clock.now() - tweet.createdAt < privateMetricsMaxAgeMs;
}

export function tweetView(store: Store, tweet: TweetRecord, fields: Set<string>) {
  const view: Record<string, unknown> = {
    id: tweet.id,
    text: tweet.text,
    edit_history_tweet_ids: [tweet.id],
  };
  const m = tweet.metrics;
  if (fields.has('author_id')) view.author_id = tweet.authorId;
  if (fields.has('created_at')) view.created_at = new Date(tweet.createdAt).toISOString();
  if (fields.has('conversation_id')) view.conversation_id = tweet.conversationId;
  if (fields.has('in_reply_to_user_id') && tweet.replyToId !== null) {
    const parent = store.tweetsById.get(tweet.replyToId);
    if (parent !== undefined) view.in_reply_to_user_id = parent.authorId;
  }
  if (fields.has('referenced_tweets')) {
    const refs = [
      ...(tweet.replyToId === null ? [] : [{ type: 'replied_to', id: tweet.replyToId }]),
      ...(tweet.quoteTweetId === null ? [] : [{ type: 'quoted', id: tweet.quoteTweetId }]),
    ];
    if (refs.length > 0) view.referenced_tweets = refs;
  }
  if (fields.has('attachments') && tweet.mediaIds.length > 0) {
    view.attachments = {
      media_keys: tweet.mediaIds.map((id) => store.media.get(id)?.mediaKey ?? `3_${id}`),
    };
  }
  if (fields.has('public_metrics')) {
    view.public_metrics = {
      retweet_count: m.reposts,
      reply_count: m.replies,
      like_count: m.likes,
      quote_count: m.quotes,
      bookmark_count: m.bookmarks,
      impression_count: m.impressions,
    };
  }
  if (fields.has('non_public_metrics')) {
    view.non_public_metrics = {
      impression_count: m.impressions,
      url_link_clicks: m.urlClicks,
      user_profile_clicks: m.profileClicks,
    };
  }
  if (fields.has('organic_metrics')) {
    view.organic_metrics = {
      impression_count: m.impressions,
      like_count: m.likes,
      reply_count: m.replies,
      retweet_count: m.reposts,
      url_link_clicks: m.urlClicks,
      user_profile_clicks: m.profileClicks,
    };
  }
  return view;
}
