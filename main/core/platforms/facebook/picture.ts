// A Page's, user's or Instagram account's picture, kept locally as a small WebP data: URL
// (the page's CSP loads no remote images). Fetched once at connect, from Meta's picture
// hosts only, through Meta's route (tests point it at the fake).
import type { Logger } from '../../ports.ts';
import { loadSharp } from '../../media/load-sharp.ts';
import { exchange } from '../meta/http.ts';
import { isMetaHost, type MetaRoute } from '../meta/route.ts';

const maxBytes = 2 * 1024 * 1024;
const size = 96;

const mayFetch = (url: string): boolean => {
  if (!URL.canParse(url)) return false;
  const { protocol, hostname } = new URL(url);
  return (
    protocol === 'https:' &&
    (hostname.endsWith('.fbcdn.net') ||
      hostname.endsWith('.cdninstagram.com') ||
      isMetaHost(hostname))
  );
};

export const facebookPicture = {
  /** The URL in Graph's picture field ({data: {url}}) or a plain URL; null when absent. */
  urlOf(value: unknown): string | null {
    if (typeof value === 'string' && value !== '') return value;
    const data = (value as { data?: { url?: unknown } } | null)?.data;
    return typeof data?.url === 'string' && data.url !== '' ? data.url : null;
  },

  /** The picture at `url` as a small data: URL, or null when it cannot be had (logged). */
  async fetch(route: MetaRoute, url: string | null, logger: Logger): Promise<string | null> {
    if (url === null || !mayFetch(url)) return null;
    try {
      const answer = await exchange(route, { method: 'GET', url, timeoutMs: 10_000 });
      if (answer.status !== 200) throw new Error(`status ${String(answer.status)}`);
      if (answer.body.length > maxBytes) throw new Error('larger than 2 MB');
      const sharp = await loadSharp();
      const webp = await sharp(answer.body, { limitInputPixels: 4096 * 4096 })
        .resize(size, size, { fit: 'cover' })
        .webp({ quality: 80 })
        .toBuffer();
      return `data:image/webp;base64,${webp.toString('base64')}`;
    } catch (error) {
      logger.warn('profile picture not kept', { error: String(error) });
      return null;
    }
  },
};
