// X's media rules as the composer and the core check them (mediaProblems with X's rules):
// count and mix per part, each file's type, size and length, alt text; and a library
// file's own problems (fileProblems); every message says what to change.
import { describe, expect, it } from 'vitest';
import type { PartMediaItem } from '../../shared/media.ts';
import { fileProblemsOn, mediaProblems, networkRules } from '../../shared/networks/index.ts';

const fileProblems = (item: PartMediaItem) => fileProblemsOn(networkRules.x, item);
const xPartMedia = (media: PartMediaItem[], partName = 'This part') =>
  mediaProblems(networkRules.x, media, partName);

const MB = 1024 * 1024;
const image = (over: Partial<PartMediaItem> = {}): PartMediaItem => ({
  kind: 'image',
  mime: 'image/jpeg',
  bytes: MB,
  durationMs: null,
  name: 'photo.jpg',
  altText: 'A photo',
  ...over,
});
const video = (over: Partial<PartMediaItem> = {}): PartMediaItem => ({
  kind: 'video',
  mime: 'video/mp4',
  bytes: 50 * MB,
  durationMs: 30_000,
  name: 'clip.mp4',
  ...over,
});
const gif = (over: Partial<PartMediaItem> = {}): PartMediaItem => ({
  kind: 'gif',
  mime: 'image/gif',
  bytes: 2 * MB,
  durationMs: null,
  name: 'loop.gif',
  altText: 'Looping',
  ...over,
});

describe("X's media rules", () => {
  it('accepts up to 4 images, or one GIF, or one video', () => {
    expect(xPartMedia([image(), image(), image(), image()])).toEqual({
      errors: [],
      warnings: [],
    });
    expect(xPartMedia([gif()]).errors).toEqual([]);
    expect(xPartMedia([video()]).errors).toEqual([]);
    expect(xPartMedia([])).toEqual({ errors: [], warnings: [] });
  });

  it('refuses more than 4 images and any other mix, saying what to change', () => {
    expect(
      xPartMedia(
        Array.from({ length: 5 }, () => image()),
        'Part 2',
      ).errors,
    ).toEqual(['Part 2 has 5 images; X allows 4: remove 1.']);
    for (const mix of [
      [image(), gif()],
      [gif(), gif()],
      [video(), image()],
      [video(), gif()],
    ]) {
      expect(xPartMedia(mix).errors).toEqual([
        'This part mixes media X does not combine: use up to 4 images, or one GIF, or one video.',
      ]);
    }
  });

  it("applies X's size, type and length limits at their edges", () => {
    expect(fileProblems(image({ bytes: 5 * MB }))).toEqual([]);
    expect(fileProblems(image({ bytes: 5 * MB + 1 }))).toEqual([
      'photo.jpg is 5.0 MB; X allows 5.0 MB for an image: use "Fit for X" to downscale it.',
    ]);
    expect(fileProblems(gif({ bytes: 15 * MB }))).toEqual([]);
    expect(fileProblems(gif({ bytes: 16 * MB }))[0]).toMatch(
      /X allows 15\.0 MB for a GIF: shorten/,
    );
    expect(fileProblems(video({ bytes: 512 * MB }))).toEqual([]);
    expect(fileProblems(video({ bytes: 600 * MB }))[0]).toMatch(/X allows 512\.0 MB for a video/);
    expect(fileProblems(video({ durationMs: 500 }))).toEqual([]);
    expect(fileProblems(video({ durationMs: 499 }))).toEqual([
      'clip.mp4 lasts 0.499 s; X needs at least 0.500 s.',
    ]);
    expect(fileProblems(video({ durationMs: 140_000 }))).toEqual([]);
    expect(fileProblems(video({ durationMs: 140_001 }))[0]).toMatch(
      /X allows 140\.0 s: trim 0\.1 s/,
    );
    // A length not read is the library's to say (library-listing.ts), for every network.
    expect(fileProblems(video({ durationMs: null }))).toEqual([]);
    expect(fileProblems(image({ mime: 'image/bmp', name: 'old.bmp' }))).toEqual([
      'old.bmp is image/bmp; X takes image/jpeg, image/png, image/webp.',
    ]);
  });

  it('warns about missing alt text and refuses alt text over 1000 characters', () => {
    expect(xPartMedia([image({ altText: '  ' })]).warnings).toEqual([
      'This part: photo.jpg has no alt text; describe it for people who cannot see it.',
    ]);
    expect(xPartMedia([image({ altText: 'x'.repeat(1000) })]).errors).toEqual([]);
    expect(xPartMedia([image({ altText: 'x'.repeat(1003) })]).errors).toEqual([
      'This part: the alt text of photo.jpg is 1003 characters; X allows 1000: shorten it by 3.',
    ]);
  });
});
