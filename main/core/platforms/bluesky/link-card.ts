// A link card (app.bsky.embed.external) for a part's first link, from the page's Open
// Graph tags: the page is read with a short timeout and a size cap, its og:image fitted
// and uploaded as the thumb. Anything that goes wrong only means no card (or no thumb):
// a card never holds a post back.
import type { $Typed, AppBskyEmbedExternal, BlobRef } from '@atproto/api';
import { getPublic } from '../../adapters/public-web.ts';
import type { Logger } from '../../ports.ts';
import { errorSummary } from './errors.ts';
import { fitImage } from './images.ts';

const pageTimeoutMs = 5_000;
const maxPageBytes = 512 * 1024;
const maxImageBytes = 5 * 1024 * 1024;

export type LinkCard = $Typed<AppBskyEmbedExternal.Main>;
export type UploadImage = (bytes: Buffer, mime: string) => Promise<BlobRef>;

/** The body's first `cap` bytes; null when `strict` and the body is longer. */
async function readCapped(response: Response, cap: number, strict: boolean) {
  const reader: ReadableStreamDefaultReader<Uint8Array> | undefined = response.body?.getReader();
  if (reader === undefined) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.length;
    if (total > cap) {
      await reader.cancel();
      if (strict) return null;
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, cap);
}

/** A page or picture from the public web ([Note: public pages only]). */
function get(url: string, accept: string, trustedOrigin: string) {
  return getPublic(url, { accept, signal: AbortSignal.timeout(pageTimeoutMs), trustedOrigin });
}

const entities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff
        ? String.fromCodePoint(code)
        : whole;
    }
    return entities[name.toLowerCase()] ?? whole;
  });
}

/** The page's <meta property|name=… content=…> values by lower-cased key, first wins. */
export function metaTags(html: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const [tag] of html.matchAll(/<meta\b[^>]*>/gi)) {
    const attributes = new Map<string, string>();
    for (const m of tag.matchAll(/([a-zA-Z:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g)) {
      attributes.set((m[1] ?? '').toLowerCase(), decode(m[2] ?? m[3] ?? m[4] ?? ''));
    }
    const key = (attributes.get('property') ?? attributes.get('name'))?.toLowerCase();
    const content = attributes.get('content');
    if (key !== undefined && content !== undefined && !found.has(key))
      found.set(key, content.trim());
  }
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(html)?.[1];
  if (title !== undefined && !found.has('title')) found.set('title', decode(title).trim());
  return found;
}

async function thumb(imageUrl: string, upload: UploadImage, trusted: string): Promise<BlobRef> {
  const { response } = await get(imageUrl, 'image/*', trusted);
  if (!response.ok) throw new Error(`the image answered HTTP ${response.status}`);
  const bytes = await readCapped(response, maxImageBytes, true);
  if (bytes === null) throw new Error('the image is larger than 5 MB');
  const mime = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
  const fitted = await fitImage(bytes, mime);
  return upload(fitted.bytes, fitted.mime);
}

/** The card for `uri`, or null when the page gives nothing to show (logged, never thrown). */
export async function linkCard(
  uri: string,
  upload: UploadImage,
  logger: Logger,
  /** The account's own server: the one origin that may be a private address. */
  trustedOrigin: string,
): Promise<LinkCard | null> {
  let tags: Map<string, string>;
  let pageUrl: string;
  try {
    const { response, url } = await get(uri, 'text/html', trustedOrigin);
    const type = response.headers.get('content-type') ?? '';
    if (!response.ok || !type.includes('html')) {
      await response.body?.cancel();
      return null;
    }
    pageUrl = url;
    tags = metaTags((await readCapped(response, maxPageBytes, false))?.toString('utf8') ?? '');
  } catch (error) {
    logger.warn('no link card: the page could not be read', {
      host: hostOf(uri),
      error: errorSummary(error),
    });
    return null;
  }
  const title = tags.get('og:title') ?? tags.get('twitter:title') ?? tags.get('title') ?? '';
  const description =
    tags.get('og:description') ?? tags.get('twitter:description') ?? tags.get('description') ?? '';
  if (title === '' && description === '') return null;
  const external: AppBskyEmbedExternal.External = {
    uri,
    title: title.slice(0, 300),
    description: description.slice(0, 1000),
  };
  const image = tags.get('og:image') ?? tags.get('og:image:url') ?? tags.get('twitter:image');
  if (image !== undefined && image !== '') {
    try {
      external.thumb = await thumb(new URL(image, pageUrl).href, upload, trustedOrigin);
    } catch (error) {
      logger.warn('link card without a picture', { host: hostOf(uri), error: errorSummary(error) });
    }
  }
  return { $type: 'app.bsky.embed.external', external };
}

function hostOf(uri: string): string {
  try {
    return new URL(uri).host;
  } catch {
    return 'not a URL';
  }
}
