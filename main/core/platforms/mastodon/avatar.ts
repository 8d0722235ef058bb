// An account's profile picture, kept locally as a small WebP data: URL (the page's CSP loads
// no remote images). Fetched once at connect from the instance or its https:// media host.
import type { Logger } from '../../ports.ts';
import { loadSharp } from '../../media/load-sharp.ts';

const maxBytes = 2 * 1024 * 1024;
const timeoutMs = 10_000;
const size = 96;

/** https:// anywhere (instances serve media from a CDN), or the instance itself (loopback). */
const mayFetch = (origin: string, url: string): boolean =>
  url.startsWith('https://') || (URL.canParse(url) && new URL(url).origin === origin);

/** The picture at `url` as a small data: URL, or null when it cannot be had (logged). */
export async function mastodonAvatar(
  origin: string,
  url: string | null,
  logger: Logger,
): Promise<string | null> {
  if (url === null || !mayFetch(origin, url)) return null;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (response.status !== 200) throw new Error(`status ${String(response.status)}`);
    if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
      throw new Error('larger than 2 MB');
    }
    const bytes = Buffer.from(await response.arrayBuffer());
    if (bytes.length > maxBytes) throw new Error('larger than 2 MB');
    const sharp = await loadSharp();
    const webp = await sharp(bytes, { limitInputPixels: 4096 * 4096 })
      .resize(size, size, { fit: 'cover' })
      .webp({ quality: 80 })
      .toBuffer();
    return `data:image/webp;base64,${webp.toString('base64')}`;
  } catch (error) {
    logger.warn('profile picture not kept', { error: String(error) });
    return null;
  }
}
