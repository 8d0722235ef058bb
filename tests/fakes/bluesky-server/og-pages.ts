// Web pages with Open Graph tags, for link cards: the publisher fetches a link's page,
// reads og:title / og:description / og:image, and uploads the image as the card's thumb.
import type { FakeRequest } from '../http-kit/request.ts';
import { binary, html, type Reply } from './replies.ts';
import type { PageRoute } from './router.ts';
import type { Store } from './store.ts';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The page name from "name", "/og/name" or a full URL ending in /og/name. */
export function pageName(nameOrPath: string): string {
  const name = nameOrPath.replace(/^.*\/og\//, '').replace(/^\/+|\/+$/g, '');
  if (!/^[A-Za-z0-9._~-]+$/.test(name)) throw new Error(`bad fake page name: ${nameOrPath}`);
  return name;
}

function page(store: Store, req: FakeRequest): Reply {
  const name = req.params.name ?? '';
  const found = store.pages.get(name);
  if (found === undefined)
    return html(404, '<!doctype html><title>Not found</title><p>Not found</p>');
  const url = `${store.origin}/og/${name}`;
  const meta = [
    ['og:type', 'article'],
    ['og:url', url],
    ['og:title', found.title],
    ['og:description', found.description],
  ];
  if (found.imageUrl !== undefined) meta.push(['og:image', found.imageUrl]);
  else if (found.imageBytes !== undefined) meta.push(['og:image', `${url}/image`]);
  const tags = meta
    .map(([key = '', value = '']) => `<meta property="${key}" content="${escapeHtml(value)}">`)
    .join('\n    ');
  return html(
    200,
    `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>${escapeHtml(found.title)}</title>
    <meta name="description" content="${escapeHtml(found.description)}">
    ${tags}
  </head>
  <body><h1>${escapeHtml(found.title)}</h1><p>${escapeHtml(found.description)}</p></body>
</html>
`,
  );
}

function image(store: Store, req: FakeRequest): Reply {
  const found = store.pages.get(req.params.name ?? '');
  if (found?.imageBytes === undefined) return html(404, '<!doctype html><p>Not found</p>');
  return binary(found.imageMimeType ?? 'image/png', found.imageBytes);
}

export function ogPageRoutes(store: Store): PageRoute[] {
  return [
    { pattern: '/og/:name', handle: (req) => page(store, req) },
    { pattern: '/og/:name/image', handle: (req) => image(store, req) },
  ];
}
