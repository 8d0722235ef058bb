// What an Instagram post's caption and first comment hold: the part's text as readers see
// it, or, when the user asks for the hashtags in a first comment (the post option
// `hashtagsInComment`), the text without them and the hashtags on their own.
import twitterText from 'twitter-text';
import { readerText } from '../../../../shared/networks/index.ts';

export interface Caption {
  caption: string;
  /** The first comment to post under it, or null. */
  comment: string | null;
}

export function captionOf(text: string, options: Record<string, unknown>): Caption {
  const plain = readerText(text);
  if (options.hashtagsInComment !== true) return { caption: plain, comment: null };
  const tags = twitterText.extractHashtagsWithIndices(plain);
  if (tags.length === 0) return { caption: plain, comment: null };
  let caption = '';
  let at = 0;
  for (const tag of tags) {
    caption += plain.slice(at, tag.indices[0]);
    at = tag.indices[1];
  }
  caption += plain.slice(at);
  return {
    // Whatever the tags leave behind: blank lines and runs of spaces at their places.
    caption: caption
      .replace(/[ \t]+$/gmu, '')
      .replace(/[ \t]{2,}/gu, ' ')
      .replace(/\n{3,}/gu, '\n\n')
      .trim(),
    comment: tags.map((t) => `#${t.hashtag}`).join(' '),
  };
}
