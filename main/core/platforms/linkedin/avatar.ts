// A member's or page's picture, kept locally as a small WebP data: URL (the page's CSP
// loads no remote images). Fetched once at connect, from LinkedIn's media hosts only,
// through LinkedIn's route (tests point it at the fake).
import type { Logger } from '../../ports.ts';
import { loadSharp } from '../../media/load-sharp.ts';
import { exchange } from './http.ts';
import { isLinkedInHost, type LinkedInRoute } from './route.ts';

const maxBytes = 2 * 1024 * 1024;
const size = 96;

const mayFetch = (url: string): boolean => {
  if (!URL.canParse(url)) return false;
  const { protocol, hostname } = new URL(url);
  return protocol === 'https:' && (hostname.endsWith('.licdn.com') || isLinkedInHost(hostname));
};

/** The picture at `url` as a small data: URL, or null when it cannot be had (logged). */
export async function linkedinAvatar(
  route: LinkedInRoute,
  url: string | null,
  logger: Logger,
): Promise<string | null> {
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
}
