// Bluesky's rules (app.bsky.feed.post and its embeds, 2026): 300 graphemes, up to 4
// images (any size: Starling fits each under the PDS's blob limit before upload) or one
// MP4 video ≤ 100 MB and ≤ 3 min; alt text ≤ 2000. No GIF type: a GIF is refused with
// the advice to convert it. Posting is free.
import { graphemeSegments } from '../graphemes.ts';
import { countBy, type NetworkRules } from './rules.ts';

const megabyte = 1024 * 1024;

export const blueskyTextLimit = 300;

/** Graphemes, as Bluesky counts (what a reader sees as one character). */
function measureGraphemes(text: string) {
  const starts = [...graphemeSegments(text.normalize('NFC'))].map((s) => s.index);
  return {
    length: starts.length,
    indexAfter: (units: number) => starts[units] ?? text.length,
  };
}

export const blueskyRules: NetworkRules = {
  label: 'Bluesky',
  accounts: {
    aliases: ['bsky'],
    at: false,
    handleIsName: false,
    // bakery.bsky.social is "bakery"; a handle on its own domain has no shorter form.
    shortNames: (handle) =>
      handle.endsWith('.bsky.social') ? [handle.slice(0, -'.bsky.social'.length)] : [],
    server: true,
  },
  textLimit: blueskyTextLimit,
  unit: 'character',
  count: countBy(measureGraphemes, blueskyTextLimit),
  media: {
    kinds: {
      image: { mimes: ['image/jpeg', 'image/png', 'image/webp'], maxBytes: 50 * megabyte },
      video: { mimes: ['video/mp4'], maxBytes: 100 * megabyte, maxDurationMs: 180_000 },
    },
    imagesPerPart: 4,
    mixes: false,
    altTextMax: 2000,
  },
  threads: true,
  holdsPosts: false,
  cost: null,
};
