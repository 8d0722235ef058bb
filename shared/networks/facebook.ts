// Facebook Pages' rules (Pages API, 2026): a post's message up to 63,206 characters,
// counted in UTF-16 code units as Facebook does; a link in the text gets Facebook's own
// preview. A post carries photos (JPEG, PNG, GIF, WebP up to 4 MB each; several become one
// post; Starling sends at most 10) or one video (MP4 or MOV, up to 1 GB and 20 minutes:
// the non-resumable upload Starling uses), never both. The rest of a thread goes out as
// the Page's comments, text only, 8,000 characters each. Posting is free.
import { countBy, type NetworkRules } from './rules.ts';

const megabyte = 1024 * 1024;

export const facebookTextLimit = 63_206;
export const facebookCommentLimit = 8000;

/** UTF-16 code units, as Facebook's own limit counts. */
const measureUnits = (text: string) => ({
  length: text.length,
  indexAfter: (units: number) => Math.min(units, text.length),
});

export const facebookRules: NetworkRules = {
  label: 'Facebook',
  accounts: {
    aliases: ['fb'],
    at: false,
    // Pages (and the person who signs in for them) are named by their name: there is no
    // @-handle, and no short form to say.
    handleIsName: true,
    shortNames: () => [],
    server: false,
    pages: { noun: 'Pages', brings: 'the Instagram account linked to it' },
  },
  textLimit: facebookTextLimit,
  replyTextLimit: facebookCommentLimit,
  replyMedia: false,
  unit: 'character',
  count: countBy(measureUnits, facebookTextLimit),
  media: {
    kinds: {
      image: { mimes: ['image/jpeg', 'image/png', 'image/webp'], maxBytes: 4 * megabyte },
      gif: { mimes: ['image/gif'], maxBytes: 4 * megabyte },
      video: {
        mimes: ['video/mp4', 'video/quicktime'],
        maxBytes: 1024 * megabyte,
        maxDurationMs: 20 * 60_000,
      },
    },
    imagesPerPart: 10,
    mixes: false,
    altTextMax: 1000,
  },
  threads: true,
  holdsPosts: false,
  cost: null,
};

/**
 * The first web address in a text (with its scheme): Facebook builds the post's link
 * preview from it, so the core sends it as the post's `link` and the composer names it.
 */
export function facebookPreviewLink(text: string): string | null {
  const match = /\bhttps?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]'’]/iu.exec(text);
  return match?.[0] ?? null;
}
