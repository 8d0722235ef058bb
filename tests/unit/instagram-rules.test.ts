// Instagram's rules as the composer shows them and the core checks them before scheduling:
// a 2,200-character caption with at most 30 hashtags, media required (no text alone), a
// carousel of up to 10 images and videos mixed, JPEG images only, Reels of 3 s to 15 min,
// and media refused in words while no media relay is set.
import { describe, expect, it } from 'vitest';
import { composeIssuesFor } from '../../shared/compose.ts';
import { mediaProblems, networkRules, textProblems } from '../../shared/networks/index.ts';
import { captionOf } from '../../main/core/platforms/instagram/caption.ts';

const { instagram } = networkRules;
const jpeg = (name: string) => ({
  kind: 'image' as const,
  mime: 'image/jpeg',
  bytes: 1_000_000,
  durationMs: null,
  name,
  altText: 'A loaf',
});
const reel = (durationMs: number) => ({
  kind: 'video' as const,
  mime: 'video/mp4',
  bytes: 20_000_000,
  durationMs,
  name: 'reel.mp4',
  altText: '',
});

describe('Instagram rules', () => {
  it('counts the caption in characters up to 2,200 and the hashtags up to 30', () => {
    expect(instagram.count('🥐'.repeat(2200)).overFrom).toBeNull();
    expect(textProblems(instagram, 'a'.repeat(2201), 'The post')).toEqual([
      "The post is 1 character over Instagram's 2200: shorten it.",
    ]);
    const tags = (n: number) => Array.from({ length: n }, (_, i) => `#bread${String(i)}`).join(' ');
    expect(textProblems(instagram, tags(30), 'The post')).toEqual([]);
    expect(textProblems(instagram, tags(31), 'The post')).toEqual([
      'The post has 31 hashtags; Instagram allows 30: remove 1.',
    ]);
  });

  it('needs media, takes up to 10 mixed, JPEG images only, and Reels of 3 s to 15 min', () => {
    expect(mediaProblems(instagram, [], 'The post').errors).toEqual([
      'The post: Instagram cannot post text alone: add an image or a video.',
    ]);
    const ten = Array.from({ length: 9 }, (_, i) => jpeg(`${String(i)}.jpg`));
    expect(mediaProblems(instagram, [...ten, reel(10_000)], 'The post').errors).toEqual([]);
    expect(
      mediaProblems(instagram, [...ten, reel(10_000), jpeg('x.jpg')], 'The post').errors,
    ).toEqual(['The post has 11 files; Instagram allows 10 in one post: remove 1.']);
    expect(
      mediaProblems(instagram, [{ ...jpeg('loaf.png'), mime: 'image/png' }], 'The post').errors,
    ).toEqual(['The post: loaf.png is image/png; Instagram takes image/jpeg.']);
    expect(mediaProblems(instagram, [reel(2000)], 'The post').errors[0]).toMatch(
      /lasts 2\.0 s; Instagram needs at least 3\.0 s/,
    );
  });

  it('refuses a thread and media without a relay in the composer, in words', () => {
    const issues = composeIssuesFor(
      {
        accounts: [{ id: 'a1', handle: 'nova', platform: 'instagram', textLimit: null }],
        parts: [
          { text: 'One', variants: {}, media: [{ mediaId: 'm1', altText: 'A loaf' }] },
          { text: 'Two', variants: {}, media: [] },
        ],
        relay: false,
      },
      () => jpeg('loaf.jpg'),
    );
    const messages = issues.map((i) => i.message);
    expect(messages).toContain(
      'Instagram posts have no thread: merge the parts into one, or leave Instagram accounts out of this post.',
    );
    expect(messages.some((m) => m.includes('set up the media relay'))).toBe(true);
  });

  it('moves the hashtags to a first comment only when asked', () => {
    expect(captionOf('Rye day #bread #rye', {})).toEqual({
      caption: 'Rye day #bread #rye',
      comment: null,
    });
    expect(captionOf('Rye day #bread\n\n#rye #berlin', { hashtagsInComment: true })).toEqual({
      caption: 'Rye day',
      comment: '#bread #rye #berlin',
    });
    expect(captionOf('No tags here', { hashtagsInComment: true })).toEqual({
      caption: 'No tags here',
      comment: null,
    });
  });
});
