// sharp, loaded on first use. It loads libvips (about 60 ms), which a command that never
// touches an image (`starling clients list`) should not pay at start; every image step is
// async anyway, so waiting for the library there costs nothing.
import type sharpFunction from 'sharp';

export type Sharp = typeof sharpFunction;

let loading: Promise<Sharp> | undefined;

export const loadSharp = (): Promise<Sharp> => (loading ??= import('sharp').then((m) => m.default));
