// The `tweet.fields` / `user.fields` query parameters: which names X knows, and X's
// 400 for a name it does not.
import { invalidRequest, type Reply } from './replies.ts';

export const tweetFieldNames = [
  'article',
  'attachments',
  'author_id',
  'card_uri',
  'community_id',
  'context_annotations',
  'conversation_id',
  'created_at',
  'display_text_range',
  'edit_controls',
  'edit_history_tweet_ids',
  'entities',
  'geo',
  'id',
  'in_reply_to_user_id',
  'lang',
  'media_metadata',
  'non_public_metrics',
  'note_tweet',
  'organic_metrics',
  'possibly_sensitive',
  'promoted_metrics',
  'public_metrics',
  'referenced_tweets',
  'reply_settings',
  'scopes',
  'source',
  'text',
  'withheld',
];

export const userFieldNames = [
  'affiliation',
  'connection_status',
  'created_at',
  'description',
  'entities',
  'id',
  'location',
  'most_recent_tweet_id',
  'name',
  'pinned_tweet_id',
  'profile_banner_url',
  'profile_image_url',
  'protected',
  'public_metrics',
  'receives_your_dm',
  'subscription_type',
  'url',
  'username',
  'verified',
  'verified_type',
  'withheld',
];

/** The requested field names, or X's 400 when one is unknown. */
export function requestedFields(
  query: URLSearchParams,
  parameter: 'tweet.fields' | 'user.fields',
  known: readonly string[],
): Set<string> | Reply {
  const raw = query.get(parameter);
  if (raw === null) return new Set();
  const names = raw.split(',');
  const bad = names.filter((n) => !known.includes(n));
  if (bad.length > 0) {
    return invalidRequest(
      ...bad.map((name) => ({
        parameters: { [parameter]: [name] },
        message: `The \`${parameter}\` query parameter value [${name}] is not one of [${known.join(',')}]`,
      })),
    );
  }
  return new Set(names);
}
