// Each network's counting and media rules, as the composer shows them and the core
// enforces them before scheduling.
import { describe, expect, it } from 'vitest';
import {
  mediaProblems,
  networkRules,
  shownHandle,
  textProblems,
} from '../../shared/networks/index.ts';

const { x, bluesky, mastodon, linkedin } = networkRules;

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

describe('LinkedIn rules', () => {
  const image = (n: number) => ({
    kind: 'image' as const,
    mime: 'image/png',
    bytes: 300_000,
    durationMs: null,
    name: `${String(n)}.png`,
    altText: `Photo ${String(n)}`,
  });

  it('counts code points up to 3,000, an emoji as one and a URL at its length', () => {
    expect(linkedin.count('🥐'.repeat(3000)).overFrom).toBeNull();
    const url = `https://example.com/${'a'.repeat(80)}`;
    expect(linkedin.count(`see ${url}`).length).toBe(4 + url.length);
    const over = linkedin.count(`${'🥐'.repeat(3000)}!`);
    expect(over).toMatchObject({ length: 3001, limit: 3000, overFrom: 6000 });
    expect(textProblems(linkedin, 'a'.repeat(3001), 'The post')).toEqual([
      `The post is 1 character over LinkedIn's 3000: shorten it or use "Split into thread".`,
    ]);
    expect(linkedin.replyTextLimit).toBe(1250);
  });

  it('takes up to 20 images in one post and refuses a 21st, a second video and a mix', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => image(i));
    expect(mediaProblems(linkedin, twenty, 'The post').errors).toEqual([]);
    expect(mediaProblems(linkedin, [...twenty, image(20)], 'The post').errors).toEqual([
      'The post has 21 images; LinkedIn allows 20: remove 1.',
    ]);
    const video = { ...image(0), kind: 'video' as const, mime: 'video/mp4', durationMs: 5000 };
    expect(mediaProblems(linkedin, [video, video], 'The post').errors[0]).toMatch(/mixes media/);
    expect(mediaProblems(linkedin, [image(1), video], 'The post').errors[0]).toMatch(/mixes media/);
    const short = { ...video, durationMs: 2000 };
    expect(mediaProblems(linkedin, [short], 'The post').errors[0]).toMatch(/at least 3.0 s/);
  });
});

describe('handles as people read them', () => {
  it('puts an @ before @-handles only: a Page or a LinkedIn member is named by its name', () => {
    expect(shownHandle('x', 'brightbakes')).toBe('@brightbakes');
    expect(shownHandle('instagram', 'bright.bakes')).toBe('@bright.bakes');
    expect(shownHandle('bluesky', 'bright.bsky.social')).toBe('@bright.bsky.social');
    expect(shownHandle('mastodon', 'bright@mastodon.social')).toBe('@bright@mastodon.social');
    expect(shownHandle('facebook', 'Bright Bakery')).toBe('Bright Bakery');
    expect(shownHandle('linkedin', 'Ada Baker')).toBe('Ada Baker');
    expect(shownHandle('linkedin', 'brightbakery')).toBe('brightbakery');
    // An account removed since: its network is not known, so no @ is guessed.
    expect(shownHandle(undefined, 'Bright Bakery')).toBe('Bright Bakery');
  });
});

describe('pages a member posts as', () => {
  it('are named by each network that has them, and only those', () => {
    const withPages = Object.entries(networkRules)
      .filter(([, rules]) => rules.accounts.pages !== undefined)
      .map(([platform]) => platform);
    expect(withPages.sort()).toEqual(['facebook', 'linkedin']);
    expect(networkRules.facebook.accounts.pages).toEqual({
      noun: 'Pages',
      brings: 'the Instagram account linked to it',
    });
    expect(linkedin.accounts.pages).toEqual({ noun: 'company pages' });
  });
});
