// A status's length as Mastodon's StatusLengthValidator counts it: grapheme clusters of
// the content warning plus the text, where every URL with a scheme counts as the
// instance's characters_reserved_per_url (23) and a remote mention `@user@domain` counts
// only as `@user`. URLs are found with twitter-text, the library Mastodon's own Extractor
// is built on, with URLs without a scheme left as text (as Mastodon does).
import twitterText from 'twitter-text';
import { graphemeSegments } from '../../../../shared/graphemes.ts';

const graphemes = (text: string): number => [...graphemeSegments(text)].length;

// Account::MENTION_RE: a username, then optionally @domain; not after a word, = or /.
const word = String.raw`[\p{L}\p{M}\p{N}\p{Pc}]`;
const remoteMention = new RegExp(
  String.raw`(?<![=/]|${word})@([a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)@${word}+(?:[.-]+${word}+)*`,
  'giu',
);

/** The text as Mastodon measures it: URLs as placeholders, remote mentions shortened. */
function countable(text: string, urlLength: number): string {
  const urls = twitterText.extractUrlsWithIndices(text, { extractUrlsWithoutProtocol: false });
  let out = '';
  let at = 0;
  for (const { indices } of urls) {
    const [start, end] = indices;
    out += text.slice(at, start).replace(remoteMention, '@$1') + 'x'.repeat(urlLength);
    at = end;
  }
  return out + text.slice(at).replace(remoteMention, '@$1');
}

/** How long Mastodon finds a status with this text and content warning. */
export function countMastodonText(text: string, contentWarning: string, urlLength = 23): number {
  return graphemes(contentWarning) + graphemes(countable(text, urlLength));
}
