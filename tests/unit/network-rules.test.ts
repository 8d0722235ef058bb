// Each network's counting and media rules, as the composer shows them and the core
// enforces them before scheduling.
import { describe, expect, it } from 'vitest';
import { mediaProblems, networkRules, textProblems } from '../../shared/networks/index.ts';

const { x, bluesky, mastodon } = networkRules;

describe('network text rules', () => {
  it('counts X by twitter-text: URLs 23, emoji 2', () => {
    expect(x.count('hi https://example.com/a/very/long/path/indeed').length).toBe(3 + 23);
    expect(x.count('🥐').length).toBe(2);
  });

  it('counts Bluesky in graphemes up to 300, wherever the emoji are', () => {
    const family = '👨‍👩‍👧‍👦';
    expect(bluesky.count(family.repeat(300)).overFrom).toBeNull();
    const over = bluesky.count(`${family.repeat(300)}!`);
    expect(over).toMatchObject({ length: 301, limit: 300 });
    expect(over.overFrom).toBe(family.length * 300);
    expect(textProblems(bluesky, 'a'.repeat(301), 'The post')).toEqual([
      `The post is 1 character over Bluesky's 300: shorten it or use "Split into thread".`,
    ]);
  });

  it("counts Mastodon with URLs as 23, remote mentions as @user, and the instance's limit", () => {
    const url = `https://example.com/${'a'.repeat(100)}`;
    expect(mastodon.count(`see ${url}`).length).toBe(4 + 23);
    expect(mastodon.count('hi @anna@mastodon.example').length).toBe(3 + 5);
    expect(mastodon.count('a'.repeat(500)).overFrom).toBeNull();
    expect(mastodon.count('a'.repeat(501)).overFrom).toBe(500);
    expect(mastodon.count('a'.repeat(501), 1000).overFrom).toBeNull();
    expect(mastodon.count(`${'a'.repeat(480)} ${url}`).length).toBe(480 + 1 + 23);
  });
});

describe('network media rules', () => {
  const image = (name: string, altText = 'A loaf') => ({
    kind: 'image' as const,
    mime: 'image/jpeg',
    bytes: 2_000_000,
    durationMs: null,
    name,
    altText,
  });

  it('refuses a fifth image on every network', () => {
    const five = ['1', '2', '3', '4', '5'].map((n) => image(`${n}.jpg`));
    for (const rules of [x, bluesky, mastodon]) {
      expect(mediaProblems(rules, five, 'The post').errors[0]).toMatch(/has 5 images/);
    }
  });

  it('refuses GIFs on Bluesky, which has no GIF type, and takes them on X and Mastodon', () => {
    const gif = { ...image('dance.gif'), kind: 'gif' as const, mime: 'image/gif' };
    expect(mediaProblems(bluesky, [gif], 'The post').errors).toEqual([
      expect.stringMatching(/Bluesky does not take GIFs/),
    ]);
    expect(mediaProblems(x, [gif], 'The post').errors).toEqual([]);
    expect(mediaProblems(mastodon, [gif], 'The post').errors).toEqual([]);
  });

  it('holds each network to its alt text limit and warns when alt text is missing', () => {
    const long = image('a.jpg', 'd'.repeat(1600));
    expect(mediaProblems(x, [long], 'P').errors).toHaveLength(1);
    expect(mediaProblems(mastodon, [long], 'P').errors).toHaveLength(1);
    expect(mediaProblems(bluesky, [long], 'P').errors).toHaveLength(0);
    expect(mediaProblems(bluesky, [image('b.jpg', '')], 'P').warnings).toHaveLength(1);
  });
});
