// X's weighted character count, from twitter-text (X's own library): text is NFC
// normalised, every URL counts 23, emoji and CJK count 2. The composer, the CLI's
// `text count` and the publisher's checks all call this one function.
import twitterText from 'twitter-text';

export const xMaxWeightedLength = 280;

export interface XTextCount {
  weightedLength: number;
  valid: boolean;
  /** UTF-16 index where the text goes over the limit; null while it fits. */
  overLimitFrom: number | null;
}

export function countXText(text: string): XTextCount {
  const ascii = asciiCount(text);
  if (ascii !== null) return ascii;
  const parsed = twitterText.parseTweet(text);
  const overLimit = parsed.weightedLength > xMaxWeightedLength;
  return {
    weightedLength: parsed.weightedLength,
    valid: parsed.valid,
    overLimitFrom: overLimit ? parsed.validRangeEnd + 1 : null,
  };
}

/** Printable ASCII, tabs and line breaks. */
const plainAscii = /^[\t\n\r\x20-\x7e]*$/;

/** What every URL counts, whatever its length (twitter-text's configuration, version 3). */
const urlWeight = 23;

/**
 * [Note: X counting in ASCII] parseTweet walks the text character by character (a
 * substring, a regular expression and a table look-up each), about 2 µs a part, the most
 * of a CSV row's checks. For text of printable ASCII and line breaks its answer is known
 * without the walk: NFC normalisation leaves ASCII as it is, no ASCII sequence is an
 * emoji, every ASCII character weighs 1 and none is invalid, so the weighted length is the
 * text's length with each URL (as twitter-text itself finds them) counted as 23. Text over
 * the limit still goes through parseTweet, which says where it goes over. x-text.test.ts
 * checks both ways agree on random ASCII text full of URLs, emoji-like digits and symbols.
 */
function asciiCount(text: string): XTextCount | null {
  if (text === '' || !plainAscii.test(text)) return null;
  let weightedLength = text.length;
  for (const { url } of twitterText.extractUrlsWithIndices(text)) {
    weightedLength += urlWeight - url.length;
  }
  if (weightedLength > xMaxWeightedLength) return null;
  return { weightedLength, valid: true, overLimitFrom: null };
}
