// LinkedIn's rules (Posts, Images and Videos APIs, 2026): commentary up to 3,000
// characters, counted as LinkedIn counts them, in Unicode code points (an emoji is one, a
// URL its full length); the rest of a thread goes out as the author's comments, 1,250
// characters each and text only. One post carries up to 20 images (a multi-image post),
// or one GIF, or one MP4 video of 3 s to 30 min and up to 500 MB, or one PDF document of
// up to 100 MB and 300 pages (Documents API), never mixed. Alt text is kept to Starling's
// 2,000 (LinkedIn takes 4,086); a document's alt text field is its title. Posting is free.
import { countBy, type NetworkRules } from './rules.ts';

const megabyte = 1024 * 1024;

export const linkedinTextLimit = 3000;
export const linkedinCommentLimit = 1250;

/** Code points: what LinkedIn's commentary limit counts. */
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

export const linkedinRules: NetworkRules = {
  label: 'LinkedIn',
  accounts: {
    aliases: ['li'],
    at: false,
    // Members are named by their name, pages by their vanity name: neither is an @-handle,
    // neither has a short form.
    handleIsName: true,
    shortNames: () => [],
    server: false,
    pages: { noun: 'company pages' },
  },
  textLimit: linkedinTextLimit,
  replyTextLimit: linkedinCommentLimit,
  replyMedia: false,
  unit: 'character',
  count: countBy(measureCodePoints, linkedinTextLimit),
  media: {
    kinds: {
      image: { mimes: ['image/jpeg', 'image/png'], maxBytes: 5 * megabyte },
      gif: { mimes: ['image/gif'], maxBytes: 5 * megabyte },
      video: {
        mimes: ['video/mp4'],
        maxBytes: 500 * megabyte,
        minDurationMs: 3000,
        maxDurationMs: 30 * 60_000,
      },
      // 300 pages too, which LinkedIn checks itself: Starling has no PDF reader to count them.
      document: { mimes: ['application/pdf'], maxBytes: 100 * megabyte },
    },
    imagesPerPart: 20,
    mixes: false,
    altTextMax: 2000,
    tooBig: { document: 'export it smaller or split it' },
  },
  threads: true,
  // Company pages only: LinkedIn's lookup finds organisations by vanity name, and no API
  // open to apps finds a member to mention.
  mentions: {
    ref: /^urn:li:organization:\d+$/u,
    action: 'Mention a company page',
    hint: 'The page’s LinkedIn address (linkedin.com/company/…) or its name',
  },
  holdsPosts: false,
  cost: null,
};
