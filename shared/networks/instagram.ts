// Instagram's rules (Instagram Graph API content publishing, 2026): a caption of up to 2,200
// characters with at most 30 hashtags; a post is one JPEG image (up to 8 MB), or one Reel
// (MP4 or MOV, 3 s to 15 min, up to 300 MB), or a carousel of up to 10 images and videos
// mixed. Instagram cannot post text alone, and fetches every file from a public URL, which
// Starling makes through the user's media relay. A post has no thread: one part only.
// Alt text goes with images (the API takes none for Reels); Starling keeps it to 1,000,
// as Instagram's own app does. Posting is free.
import { countBy, type NetworkRules } from './rules.ts';

const megabyte = 1024 * 1024;

export const instagramCaptionLimit = 2200;
export const instagramHashtagsMax = 30;
export const instagramCarouselMax = 10;

/** Code points: an emoji is one character of a caption. */
function measureCodePoints(text: string) {
  const ends: number[] = [0];
  let at = 0;
  for (const char of text) {
    at += char.length;
    ends.push(at);
  }
  return {
    length: ends.length - 1,
    indexAfter: (units: number) => ends[units] ?? text.length,
  };
}

export const instagramRules: NetworkRules = {
  label: 'Instagram',
  accounts: {
    aliases: ['ig', 'insta'],
    at: true,
    handleIsName: false,
    shortNames: () => [],
    server: false,
  },
  textLimit: instagramCaptionLimit,
  hashtagsMax: instagramHashtagsMax,
  unit: 'character',
  count: countBy(measureCodePoints, instagramCaptionLimit),
  media: {
    kinds: {
      image: { mimes: ['image/jpeg'], maxBytes: 8 * megabyte },
      video: {
        mimes: ['video/mp4', 'video/quicktime'],
        maxBytes: 300 * megabyte,
        minDurationMs: 3000,
        maxDurationMs: 15 * 60_000,
      },
    },
    imagesPerPart: instagramCarouselMax,
    itemsPerPart: instagramCarouselMax,
    mixes: true,
    altTextMax: 1000,
    required: 'Instagram cannot post text alone: add an image or a video.',
    byLink: true,
  },
  threads: false,
  holdsPosts: false,
  cost: null,
};
