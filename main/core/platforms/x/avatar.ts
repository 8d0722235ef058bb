// An account's profile picture, kept locally: fetched once at connect (through the same
// route as every X call), decoded and shrunk with sharp to a 96 px WebP, and stored as a
// data: URL. The page's CSP loads no remote images, so this is how avatars can show in
// the account list, the calendar and the composer's preview without asking X's CDN.
import { https } from '../../adapters/node-http.ts';
import type { Logger } from '../../ports.ts';
import type { XRoute } from './x-agent.ts';
import { loadSharp } from '../../media/load-sharp.ts';

const maxBytes = 2 * 1024 * 1024;
const timeoutMs = 10_000;
const size = 96;

function download(route: XRoute, url: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const request = https.get(url, { agent: route.agent, timeout: timeoutMs }, (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        reject(new Error(`status ${String(response.statusCode)}`));
        return;
      }
      const chunks: Buffer[] = [];
      let total = 0;
      response.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > maxBytes) {
          request.destroy(new Error('larger than 2 MB'));
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => {
        resolve(Buffer.concat(chunks));
      });
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', reject);
  });
}

/** The picture at `url` as a small data: URL, or null when it cannot be had (logged). */
export async function avatarDataUrl(
  route: XRoute,
  url: string | null,
  logger: Logger,
): Promise<string | null> {
  if (url === null || !url.startsWith('https://')) return null;
  try {
    const bytes = await download(route, url);
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
