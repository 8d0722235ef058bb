// Maps a URL of the app scheme to a file of the built renderer (out/renderer); the
// path rules are the browser host's too (main/serving/renderer-assets.ts).
import { resolveRendererPath, type RendererTarget } from '../serving/renderer-assets.ts';
import { isAppUrl } from './window-options.ts';

export { contentTypeFor } from '../serving/renderer-assets.ts';

export function resolveRendererFile(root: string, requestUrl: string): RendererTarget {
  if (!isAppUrl(requestUrl)) return { ok: false, status: 403 };
  return resolveRendererPath(root, new URL(requestUrl).pathname);
}
