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
  const parsed = twitterText.parseTweet(text);
  const overLimit = parsed.weightedLength > xMaxWeightedLength;
  return {
    weightedLength: parsed.weightedLength,
    valid: parsed.valid,
    overLimitFrom: overLimit ? parsed.validRangeEnd + 1 : null,
  };
}
