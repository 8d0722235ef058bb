// X's rules: 280 weighted characters (twitter-text), 4 images or one GIF or one video,
// alt text ≤ 1000, pay-per-use pricing.
import twitterText from 'twitter-text';
import { xMediaLimits } from '../media.ts';
import { countXText, xMaxWeightedLength } from './x-text.ts';
import type { NetworkRules, PricedRequests } from './rules.ts';

/**
 * X API pay-per-use prices in US dollars, per request (docs.x.com/x-api/getting-started/pricing,
 * "Credit consumption details", read 2026-11): Content: Create $0.015, Content: Create
 * (with URL) $0.200, Media Metadata $0.005 (we set alt text with one metadata request per
 * image that has it). Media upload requests are not priced separately there.
 */
export const xApiPrices = {
  postCreate: 0.015,
  postCreateWithUrl: 0.2,
  mediaMetadata: 0.005,
  source: 'https://docs.x.com/x-api/getting-started/pricing',
} as const;

/**
 * One part's requests: the post (dearer with a link), and one per alt text set. Every kind
 * is listed, none of them 0 times, so the estimate lists them in this order.
 */
function xRequests(text: string, altTexts: number): PricedRequests[] {
  const link = twitterText.extractUrls(text).length > 0;
  return [
    { what: 'post', dollars: xApiPrices.postCreate, times: link ? 0 : 1 },
    {
      what: 'post with a link',
      dollars: xApiPrices.postCreateWithUrl,
      times: link ? 1 : 0,
      note: 'A post with a link costs more on X’s pay-per-use API.',
    },
    { what: 'alt text', dollars: xApiPrices.mediaMetadata, times: altTexts },
  ];
}

/**
 * [Note: X scopes] What Starling asks X for: read and post, media upload, and a refresh
 * token. The core's authorize URL and the setup guide both show this list.
 */
export const xOAuth2Scopes = [
  'tweet.read',
  'tweet.write',
  'users.read',
  'offline.access',
  'media.write',
] as const;

export const xRules: NetworkRules = {
  label: 'X',
  accounts: {
    aliases: ['twitter'],
    at: true,
    handleIsName: false,
    shortNames: () => [],
    server: false,
  },
  textLimit: xMaxWeightedLength,
  unit: 'character',
  count(text, limit) {
    const counted = countXText(text);
    return {
      length: counted.weightedLength,
      limit: limit ?? xMaxWeightedLength,
      overFrom: counted.overLimitFrom,
      valid: counted.valid,
    };
  },
  media: {
    kinds: { image: xMediaLimits.image, gif: xMediaLimits.gif, video: xMediaLimits.video },
    imagesPerPart: xMediaLimits.imagesPerPart,
    mixes: false,
    altTextMax: xMediaLimits.altTextMax,
    tooBig: {
      image: 'use "Fit for X" to downscale it',
      gif: 'shorten or shrink the GIF',
      video: 'export a shorter or lower-bitrate video',
    },
  },
  threads: true,
  holdsPosts: false,
  cost: xRequests,
  countField: 'weightedLength',
};
