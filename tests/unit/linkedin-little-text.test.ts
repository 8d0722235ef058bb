// LinkedIn's "little text": what Starling sends reads, once LinkedIn parses it, exactly as
// the user typed it (checked against the fake's parser, built from LinkedIn's own
// description of the format), and hashtags stay hashtags.
import { describe, expect, it } from 'vitest';
import { escapeLittleText } from '../../main/core/platforms/linkedin/little-text.ts';
import { renderLittleText } from '../fakes/linkedin-server/index.ts';

describe('escapeLittleText', () => {
  const typed = [
    'Plain words stay as they are.',
    '(brackets) [square] {curly} <angle> | pipe \\ backslash * star _ under ~ tilde @ at',
    '#bakery #rye_bread and a lone # sign, C# and https://nova.example/menu#rye',
    'Emoji 🥖👩‍🍳, CJK 面包, and an escaped \\( already',
    '@[Not a mention](urn:li:person:abc) nor {hashtag|#|template}',
  ];

  it.each(typed)('reads as typed: %s', (text) => {
    expect(renderLittleText(escapeLittleText(text))).toEqual({ text, dropped: '', mentions: [] });
  });

  it('leaves hashtags unescaped so LinkedIn links them, and escapes a # inside a word or link', () => {
    expect(escapeLittleText('#bakery (#rye)')).toBe('#bakery \\(#rye\\)');
    expect(escapeLittleText('C# page#top')).toBe('C\\# page\\#top');
  });
});
