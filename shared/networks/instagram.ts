// Instagram's rules as the Facebook connect needs them to list Instagram accounts (the
// Instagram branch's rules and publishing replace this): a caption of 2,200 characters,
// a carousel of up to 10 images (JPEG up to 8 MB) or one video.
import { countBy, type NetworkRules } from './rules.ts';

const megabyte = 1024 * 1024;
export const instagramCaptionLimit = 2200;

const measureCodePoints = (text: string) => {
  const ends: number[] = [0];
  let at = 0;
  for (const char of text) {
    at += char.length;
    ends.push(at);
  }
  return { length: ends.length - 1, indexAfter: (units: number) => ends[units] ?? text.length };
};

export const instagramRules: NetworkRules = {
  label: 'Instagram',
  accounts: { aliases: ['ig', 'insta'], at: true, shortNames: () => [], server: false },
  textLimit: instagramCaptionLimit,
  unit: 'character',
  count: countBy(measureCodePoints, instagramCaptionLimit),
  media: {
    kinds: {
      image: { mimes: ['image/jpeg'], maxBytes: 8 * megabyte },
      video: { mimes: ['video/mp4', 'video/quicktime'], maxBytes: 300 * megabyte },
    },
    imagesPerPart: 10,
    mixes: true,
    altTextMax: 1000,
  },
  threads: false,
  holdsPosts: false,
  cost: null,
};
