// Post search by text. Spread into the contract (../contract.ts).
import { postSearchInput, type PostSearchResult } from '../../post-search.ts';
import { channel } from '../channel.ts';

export const searchChannels = {
  /**
   * Posts whose thread text matches `query` (words that must all appear, "a phrase",
   * word* for a prefix, OR between two terms, -word to leave out; case and accents never
   * matter), of one client or all, best first ([Note: search window]: the newest 2,000
   * matching parts are ranked; `more` says a broader set matched), at most `limit`
   * (default 20, at most 100), each with a snippet around the match. VALIDATION for a
   * search that cannot be read (an unclosed quote, OR with nothing beside it, only -words).
   */
  'posts:search': channel<PostSearchResult>()(() => postSearchInput),
} as const;
