// X's rules: 280 weighted characters (twitter-text), 4 images or one GIF or one video,
// alt text ≤ 1000, pay-per-use pricing.
import twitterText from 'twitter-text';
import { xApiPrices } from '../compose.ts';
import { xMediaLimits } from '../media.ts';
import { countXText, xMaxWeightedLength } from '../x-text.ts';
import type { NetworkRules } from './rules.ts';

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
  cost: (text, altTexts) =>
    (twitterText.extractUrls(text).length > 0
      ? xApiPrices.postCreateWithUrl
      : xApiPrices.postCreate) +
    altTexts * xApiPrices.mediaMetadata,
};
