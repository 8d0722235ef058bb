// X's count ([Note: X counting in ASCII] in shared/networks/x-text.ts): text of plain ASCII is
// counted without twitter-text's per-character walk, and must come out exactly as
// twitter-text's parseTweet counts it, URLs, digits, # and * (emoji keycaps elsewhere)
// and all, on either side of the limit.
import fc from 'fast-check';
import twitterText from 'twitter-text';
import { describe, expect, it } from 'vitest';
import { countXText, xMaxWeightedLength } from '../../shared/networks/x-text.ts';

/** parseTweet's answer in countXText's shape: what countXText returned before its fast path. */
function byParseTweet(text: string) {
  const parsed = twitterText.parseTweet(text);
  return {
    weightedLength: parsed.weightedLength,
    valid: parsed.valid,
    overLimitFrom: parsed.weightedLength > xMaxWeightedLength ? parsed.validRangeEnd + 1 : null,
  };
}

const asciiWords = fc.oneof(
  fc.stringMatching(/^[\x20-\x7e]{1,12}$/),
  fc.constantFrom(
    'https://example.com/a/very/long/path?with=query&and=more#fragment',
    'a.co',
    'x.com/bakery',
    'www.bakery.example',
    'bakery.co.uk/menu.',
    'http://localhost:3000',
    '#1',
    '*',
    '#',
    '0',
    '123',
    '@bakery',
    '$CASH',
    'e.g.',
    '...',
    '\n',
    '\t',
    '\r\n',
    '---',
  ),
);

describe('countXText', () => {
  it('counts ASCII text exactly as parseTweet does, short, long and full of URLs (property)', () => {
    fc.assert(
      fc.property(
        fc.array(asciiWords, { maxLength: 80 }),
        fc.constantFrom(' ', '', '\n'),
        (words, gap) => {
          const text = words.join(gap);
          expect(countXText(text)).toEqual(byParseTweet(text));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('leaves everything else to parseTweet: emoji, accents, CJK, invalid characters', () => {
    for (const text of [
      'Croissants 🥐 at nine',
      'Zoë’s bakery',
      '東京の朝',
      'keycap 1️⃣ and #️⃣',
      'e\u0301 decomposed',
      'bad \uFFFE char',
      '',
      'a'.repeat(281),
      `${'https://example.com '.repeat(12)}end`,
    ]) {
      expect(countXText(text)).toEqual(byParseTweet(text));
    }
  });

  it('counts a URL as 23 whatever its length', () => {
    expect(countXText('a.co').weightedLength).toBe(23);
    expect(countXText(`see https://example.com/${'x'.repeat(100)}`).weightedLength).toBe(27);
  });
});
