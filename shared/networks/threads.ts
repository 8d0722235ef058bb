// Threads' rules (Threads API, 2026): a post's text up to 500 characters, counted as
// Threads documents it: each character is one, but an emoji counts as the number of its
// UTF-8 bytes (a plain emoji 4, a family or flag sequence all of its bytes). The rest of a
// thread goes out as the author's replies, in order, with media like the first part. A
// part carries one image (JPEG or PNG, 8 MB), one video (MP4 or MOV, up to 5 minutes and
// 1 GB), or a carousel of 2 to 20 of them; alt text up to 1,000 characters. Threads takes
// media only from a public address, so they go through the user's media relay. Free.
import { graphemeSegments } from '../graphemes.ts';
import { countBy, type NetworkRules } from './rules.ts';

const megabyte = 1024 * 1024;

export const threadsTextLimit = 500;
/**
 * Threads takes this many posts from apps per account in any 24 hours (and 1,000 replies);
 * Starling counts every part of a thread against it (platforms/threads/limits.ts).
 */
export const threadsDailyPosts = 250;
/** Threads takes 2 to 20 items in a carousel. */
export const threadsCarouselMax = 20;

const emoji = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u;
const utf8 = new TextEncoder();

/** Characters (code points), with every emoji as its UTF-8 length. */
export function measureThreads(text: string) {
  const ends: number[] = [0];
  let at = 0;
  for (const { segment } of graphemeSegments(text)) {
    if (emoji.test(segment)) {
      // An emoji is indivisible: it fits only when all of its bytes do.
      const units = utf8.encode(segment).length;
      for (let i = 1; i < units; i += 1) ends.push(at);
      at += segment.length;
      ends.push(at);
      continue;
    }
    for (const char of segment) {
      at += char.length;
      ends.push(at);
    }
  }
  return { length: ends.length - 1, indexAfter: (units: number) => ends[units] ?? text.length };
}

export const threadsRules: NetworkRules = {
  label: 'Threads',
  accounts: {
    aliases: ['th'],
    at: true,
    handleIsName: false,
    shortNames: () => [],
    server: false,
  },
  textLimit: threadsTextLimit,
  unit: 'character',
  count: countBy(measureThreads, threadsTextLimit),
  media: {
    kinds: {
      image: { mimes: ['image/jpeg', 'image/png'], maxBytes: 8 * megabyte },
      video: {
        mimes: ['video/mp4', 'video/quicktime'],
        maxBytes: 1024 * megabyte,
        maxDurationMs: 5 * 60_000,
      },
    },
    imagesPerPart: threadsCarouselMax,
    mixes: true,
    altTextMax: 1000,
  },
  threads: true,
  holdsPosts: false,
  cost: null,
};
