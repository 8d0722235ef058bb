// The search ranks the newest matching parts itself ([Note: search window]): more of the
// searched words ranks higher, a shorter part beats a longer one with as many, repeats
// count less and less, case does not split a word, and a tie goes to the newer part.
import { describe, expect, it } from 'vitest';
import { rankWindow, snippetOf } from '../../main/core/posts/search.ts';

const mark = (text: string) => text.replace(/\[([^\]]*)\]/gu, '\uE000$1\uE001');
const order = (rows: [number, string][]) =>
  rankWindow(rows.map(([part, text]) => ({ part, marked: mark(text) }))).map((r) => r.part);

describe('rankWindow', () => {
  it('ranks more matches first, and a shorter part first at as many', () => {
    expect(
      order([
        [1, 'A long note about opening hours, parking, the new oven and [bread]'],
        [2, '[Bread], [bread], [bread]'],
        [3, 'Fresh [bread] today'],
      ]),
    ).toEqual([2, 3, 1]);
  });

  it('counts repeats less and less', () => {
    const score = (n: number) =>
      rankWindow([{ part: 1, marked: mark(Array.from({ length: n }, () => '[rye]').join(' ')) }])[0]
        ?.score ?? 0;
    expect(score(2) - score(1)).toBeGreaterThan(0);
    expect(score(9) - score(8)).toBeLessThan(score(2) - score(1));
  });

  it('gives a tie to the newer part, and folds case', () => {
    expect(
      order([
        [4, '[Rye] loaf'],
        [9, '[rye] loaf'],
      ]),
    ).toEqual([9, 4]);
  });
});

describe('snippetOf', () => {
  it('shows about twelve words around the first match, cut ends marked', () => {
    const words = Array.from({ length: 30 }, (_, i) => `w${String(i)}`);
    words[15] = '[rye]';
    const pieces = snippetOf(mark(words.join(' ')));
    expect(pieces.map((p) => p.text).join('')).toBe(
      '…w12 w13 w14 rye w16 w17 w18 w19 w20 w21 w22 w23…',
    );
    expect(pieces.filter((p) => p.match).map((p) => p.text)).toEqual(['rye']);
  });

  it('keeps a short text whole, and a phrase match marked across its words', () => {
    const pieces = snippetOf(mark('Fresh [spelt loaves] today'));
    expect(pieces).toEqual([
      { text: 'Fresh ', match: false },
      { text: 'spelt loaves', match: true },
      { text: ' today', match: false },
    ]);
  });
});
