// Profile pictures, as pbs.twimg.com serves them: a small JPEG per user (the same bytes
// for the same user id), so connecting an account can keep its picture locally.
import sharp from 'sharp';
import type { Route } from './router.ts';

const cache = new Map<string, Uint8Array>();

async function pictureOf(id: string): Promise<Uint8Array> {
  const known = cache.get(id);
  if (known !== undefined) return known;
  // A colour from the id, so two users' pictures differ.
  let hue = 0;
  for (let i = 0; i < id.length; i += 1) hue = (hue + id.charCodeAt(i)) % 255;
  const bytes = await sharp({
    create: { width: 48, height: 48, channels: 3, background: { r: hue, g: 120, b: 200 } },
  })
    .jpeg()
    .toBuffer();
  cache.set(id, bytes);
  return bytes;
}

export function avatarRoutes(): Route[] {
  return [
    {
      kind: 'page',
      method: 'GET',
      pattern: '/profile_images/:id/:file',
      handle: async (req) => ({
        status: 200,
        headers: { 'content-type': 'image/jpeg' },
        body: await pictureOf(req.params.id ?? ''),
      }),
    },
  ];
}
