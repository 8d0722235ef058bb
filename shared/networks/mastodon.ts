// Mastodon's rules: the instance's own limit (500 by default, read from /api/v2/instance
// when the account is connected), counted in grapheme clusters with every URL as 23 and a
// mention of a remote account (@user@domain) as @user, as Mastodon's StatusLengthValidator
// does; up to 4 media, alt text ≤ 1500. Posting is free.
import twitterText from 'twitter-text';
import { graphemeSegments } from '../graphemes.ts';
import { countBy, type NetworkRules } from './rules.ts';

const megabyte = 1024 * 1024;
const graphemes = (text: string) => [...graphemeSegments(text)].map((g) => g.segment);
export const mastodonTextLimit = 500;
const urlLength = 23;

/** Graphemes with each URL as 23 and each remote mention as its local part. */
function measureMastodon(text: string) {
  const spans: { start: number; end: number; counts: number }[] = [];
  for (const { indices } of twitterText.extractUrlsWithIndices(text, {
    extractUrlsWithoutProtocol: false,
  })) {
    spans.push({ start: indices[0], end: indices[1], counts: urlLength });
  }
  for (const match of text.matchAll(/(?<=^|[^\w/])@(\w+)@[\w.-]+\w/gu)) {
    const start = match.index;
    const end = start + match[0].length;
    if (spans.some((s) => start < s.end && end > s.start)) continue;
    spans.push({ start, end, counts: graphemes(`@${match[1] ?? ''}`).length });
  }
  spans.sort((a, b) => a.start - b.start);
  // Running count per UTF-16 index, so the over-limit point can be found.
  let length = 0;
  const after: number[] = [0];
  let at = 0;
  for (const span of [...spans, { start: text.length, end: text.length, counts: 0 }]) {
    for (const char of graphemes(text.slice(at, span.start))) {
      length += 1;
      after[length] = (after[length - 1] ?? 0) + char.length;
    }
    if (span.counts > 0) {
      length += span.counts;
      after[length] = span.end;
    }
    at = span.end;
  }
  return {
    length,
    indexAfter: (units: number) => {
      for (let u = units; u >= 0; u -= 1) {
        const index = after[u];
        if (index !== undefined) return index;
      }
      return 0;
    },
  };
}

export const mastodonRules: NetworkRules = {
  label: 'Mastodon',
  accounts: {
    aliases: [],
    at: false,
    handleIsName: false,
    // bakery@mastodon.social is "bakery" without its instance.
    shortNames: (handle) => (handle.includes('@') ? [handle.slice(0, handle.indexOf('@'))] : []),
    server: true,
  },
  textLimit: mastodonTextLimit,
  unit: 'character',
  count: countBy(measureMastodon, mastodonTextLimit),
  media: {
    kinds: {
      image: { mimes: ['image/jpeg', 'image/png', 'image/webp'], maxBytes: 16 * megabyte },
      gif: { mimes: ['image/gif'], maxBytes: 16 * megabyte },
      video: { mimes: ['video/mp4', 'video/quicktime'], maxBytes: 99 * megabyte },
    },
    imagesPerPart: 4,
    mixes: false,
    altTextMax: 1500,
  },
  threads: true,
  holdsPosts: true,
  contentWarningCounts: true,
  serverLimit: 'instance',
  cost: null,
};
