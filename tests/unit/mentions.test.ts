// Mentions kept in a post's text as @[Name](ref) (see [Note: mentions in text]): every
// network counts the name alone, with an over-limit index that points into the text as
// typed; the network that claims the ref keeps the token, every other one gets the name;
// text that only looks like a mention (a ref no network claims) stays text.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mentionToken, mentionsIn, plainText } from '../../shared/mentions.ts';
import { isMentionRef, networkRules, readerText, textFor } from '../../shared/networks/index.ts';
import { escapeLittleText } from '../../main/core/platforms/linkedin/little-text.ts';
import { renderLittleText } from '../fakes/linkedin-server/index.ts';

const acme = mentionToken('Acme Flour Co.', 'urn:li:organization:2414183');

describe('mentions in text', () => {
  it('finds only mentions whose ref a network claims', () => {
    const text = `Thanks ${acme} and @[Somebody](urn:li:person:abc)!`;
    expect(mentionsIn(text, isMentionRef)).toEqual([
      {
        start: 7,
        end: 7 + acme.length,
        name: 'Acme Flour Co.',
        ref: 'urn:li:organization:2414183',
      },
    ]);
    expect(readerText(text)).toBe('Thanks Acme Flour Co. and @[Somebody](urn:li:person:abc)!');
  });

  it('makes a token of any name, brackets and line breaks turned to single spaces', () => {
    expect(mentionToken(' Nova [UK]\nBakery ', 'urn:li:organization:7')).toBe(
      '@[Nova UK Bakery](urn:li:organization:7)',
    );
  });

  it('gives the network that claims a mention the token and every other network the name', () => {
    const text = `Flour from ${acme} #bread`;
    expect(textFor('linkedin', text)).toBe(text);
    for (const platform of ['x', 'bluesky', 'mastodon'] as const) {
      expect(textFor(platform, text)).toBe('Flour from Acme Flour Co. #bread');
    }
  });

  it('counts a mention as its name on every network', () => {
    const text = `Hi ${acme}`;
    for (const rules of Object.values(networkRules)) {
      expect(rules.count(text).length).toBe(rules.count('Hi Acme Flour Co.').length);
    }
  });

  it('points an over-limit index into the text as typed, a cut inside a name at its token', () => {
    const text = `${'a'.repeat(270)} ${acme} tail`;
    // X: 280; the name starts at plain index 271, so the cut (280) falls inside it.
    expect(networkRules.x.count(text).overFrom).toBe(271);
    const after = `${acme} ${'b'.repeat(300)}`;
    const plainLength = 'Acme Flour Co. '.length;
    expect(networkRules.x.count(after).overFrom).toBe(acme.length + 1 + (280 - plainLength));
  });

  it('maps every plain index back to the same character of the typed text', () => {
    const piece = fc.oneof(
      fc.string({ maxLength: 12 }).filter((s) => !s.includes('@[')),
      fc
        .tuple(fc.stringMatching(/^[A-Za-z ]{1,10}$/), fc.integer({ min: 1, max: 99999 }))
        .map(([name, id]) => mentionToken(`N${name}`, `urn:li:organization:${String(id)}`)),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const text = pieces.join('');
        const plain = plainText(text, isMentionRef);
        const tokens = mentionsIn(text, isMentionRef);
        for (let i = 0; i < plain.text.length; i += 1) {
          const raw = plain.rawIndex(i);
          const inToken = tokens.find((t) => raw === t.start);
          if (inToken === undefined) expect(text[raw]).toBe(plain.text[i]);
        }
      }),
    );
  });
});

describe('LinkedIn mentions', () => {
  it('go out as LinkedIn mention markup, the name escaped, and read as the name', () => {
    const typed = `Baked with ${mentionToken('Acme (UK) Flour', 'urn:li:organization:99')} (since 2019)`;
    const sent = escapeLittleText(typed);
    expect(sent).toBe('Baked with @[Acme \\(UK\\) Flour](urn:li:organization:99) \\(since 2019\\)');
    expect(renderLittleText(sent)).toEqual({
      text: 'Baked with Acme (UK) Flour (since 2019)',
      dropped: '',
      mentions: ['urn:li:organization:99'],
    });
  });
});
