// The composer's LinkedIn pieces: where the feed folds a long post behind "…see more"
// (linkedin-fold.ts), and the thread's later parts counted against LinkedIn's comment
// limit rather than the post's (network-text.ts).
import { describe, expect, it } from 'vitest';
import { feedFold } from '../../renderer/src/features/composer/networks/linkedin-fold.ts';
import { countFor, partTarget } from '../../renderer/src/features/composer/editor/network-text.ts';

describe('feed fold', () => {
  it('shows a short post whole', () => {
    expect(feedFold('Fresh rye on Friday.')).toBeNull();
    expect(feedFold('One\nTwo\nThree\n\n')).toBeNull();
    expect(feedFold('x'.repeat(210))).toBeNull();
  });

  it('folds after the third line', () => {
    const text = 'One\nTwo\nThree\nFour';
    expect(text.slice(0, feedFold(text) ?? text.length)).toBe('One\nTwo\nThree');
  });

  it('folds a long paragraph at a word break near 210 characters, counting emoji as one', () => {
    const text = 'Fresh rye 🍞 on Friday. '.repeat(20);
    const cut = feedFold(text);
    expect(cut).not.toBeNull();
    const shown = text.slice(0, cut ?? 0);
    expect(Array.from(shown).length).toBeLessThanOrEqual(210);
    expect(Array.from(shown).length).toBeGreaterThan(180);
    expect(text[cut ?? 0]).toBe(' ');
  });

  it('cuts inside a word that has no break near the fold', () => {
    const text = 'x'.repeat(400);
    expect(feedFold(text)).toBe(210);
  });
});

describe('thread parts on LinkedIn', () => {
  it('counts the first part against 3,000 and the rest against the 1,250 of a comment', () => {
    const target = { platform: 'linkedin' as const, limit: null };
    const text = 'a'.repeat(1300);
    expect(countFor(text, [partTarget(target, 0)])[0]).toMatchObject({
      length: 1300,
      limit: 3000,
      overFrom: null,
    });
    expect(countFor(text, [partTarget(target, 1)])[0]).toMatchObject({
      length: 1300,
      limit: 1250,
      overFrom: 1250,
    });
  });

  it('leaves networks whose replies are posts like the first alone', () => {
    const target = { platform: 'mastodon' as const, limit: 600 };
    expect(partTarget(target, 2)).toBe(target);
  });
});
