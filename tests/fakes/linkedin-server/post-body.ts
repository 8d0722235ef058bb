// Reading a POST /rest/posts body as the Posts API schema does: required fields and enums
// fail as 422 "ERROR :: /path :: …"; over-long text as 400 FIELD_LENGTH_TOO_LONG; content
// is one media (image, video or document with title and alt text), a multiImage of 2–20
// images, or an article.
import { organizationUrnPattern, personUrnPattern } from './auth.ts';
import { renderLittleText } from './little-text.ts';
import { badRequest, unprocessable, type Reply } from './replies.ts';
import type { FakePostKind } from './types.ts';

export const maxCommentaryChars = 3000;
/** The documented limit on multiImage alt text, applied to single media too. */
export const maxAltTextChars = 4086;
export const multiImageRange = { min: 2, max: 20 } as const;

const required = 'field is required but not found and has no default value';
const enums = {
  visibility: ['PUBLIC', 'CONNECTIONS', 'LOGGED_IN', 'CONTAINER'],
  feedDistribution: ['MAIN_FEED', 'NONE', 'CONTAINER_ONLY'],
  lifecycleState: ['PUBLISHED', 'DRAFT'],
} as const;

export interface PostDraft {
  author: string;
  commentary: string;
  displayedText: string;
  mentions: string[];
  visibility: string;
  distribution: Record<string, unknown>;
  lifecycleState: string;
  isReshareDisabledByAuthor: boolean;
  content: Record<string, unknown> | null;
  kind: FakePostKind;
  mediaUrns: string[];
  altTexts: Record<string, string>;
  title: string | null;
}

type Content = Pick<PostDraft, 'content' | 'kind' | 'mediaUrns' | 'altTexts' | 'title'>;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const codePoints = (text: string): number => Array.from(text).length;

function enumValue(value: unknown, path: string, allowed: readonly string[]): string | Reply {
  if (value === undefined) return unprocessable(path, required);
  if (typeof value !== 'string' || !allowed.includes(value)) {
    return unprocessable(path, `${JSON.stringify(value)} is not an enum symbol`);
  }
  return value;
}

function altTextOf(value: unknown, path: string): string | null | Reply {
  if (value === undefined) return null;
  if (typeof value !== 'string') return unprocessable(path, 'must be a string');
  if (codePoints(value) > maxAltTextChars) {
    return badRequest('FIELD_LENGTH_TOO_LONG', `${path} exceeds ${maxAltTextChars} characters`);
  }
  return value;
}

function readMedia(
  media: Record<string, unknown>,
  content: Record<string, unknown>,
): Content | Reply {
  const id = media.id;
  if (typeof id !== 'string') return unprocessable('/content/media/id', required);
  const kind = /^urn:li:(image|video|document):[A-Za-z0-9_-]+$/.exec(id)?.[1];
  if (kind === undefined) {
    return unprocessable('/content/media/id', `"${id}" is not an image, video or document URN`);
  }
  const title = media.title;
  if (title !== undefined && typeof title !== 'string') {
    return unprocessable('/content/media/title', 'must be a string');
  }
  if (kind === 'document' && (title === undefined || title.trim() === '')) {
    return unprocessable('/content/media/title', required);
  }
  const altText = altTextOf(media.altText, '/content/media/altText');
  if (altText !== null && typeof altText !== 'string') return altText;
  return {
    content,
    kind: kind as FakePostKind,
    mediaUrns: [id],
    altTexts: altText === null ? {} : { [id]: altText },
    title: title ?? null,
  };
}

function readMultiImage(multi: Record<string, unknown>, content: Record<string, unknown>) {
  const images = multi.images;
  if (!Array.isArray(images)) return unprocessable('/content/multiImage/images', required);
  const { min, max } = multiImageRange;
  if (images.length < min || images.length > max) {
    return unprocessable(
      '/content/multiImage/images',
      `array size ${images.length} is not between ${min} and ${max}`,
    );
  }
  const out: Content = { content, kind: 'multiImage', mediaUrns: [], altTexts: {}, title: null };
  for (const [i, image] of images.entries()) {
    const path = `/content/multiImage/images/${i}`;
    const id: unknown = isObject(image) ? image.id : undefined;
    if (typeof id !== 'string') return unprocessable(`${path}/id`, required);
    if (!/^urn:li:image:[A-Za-z0-9_-]+$/.test(id)) {
      return unprocessable(`${path}/id`, `"${id}" is not an image URN`);
    }
    const altText = altTextOf(isObject(image) ? image.altText : undefined, `${path}/altText`);
    if (altText !== null && typeof altText !== 'string') return altText;
    out.mediaUrns.push(id);
    if (altText !== null) out.altTexts[id] = altText;
  }
  return out;
}

function readContent(content: unknown): Content | Reply {
  if (content === undefined) {
    return { content: null, kind: 'text', mediaUrns: [], altTexts: {}, title: null };
  }
  if (!isObject(content)) return unprocessable('/content', 'must be a record');
  const keys = Object.keys(content);
  if (keys.length !== 1) {
    return unprocessable('/content', 'exactly one of media, multiImage or article is required');
  }
  const { media, multiImage, article } = content;
  if (isObject(media)) return readMedia(media, content);
  if (isObject(multiImage)) return readMultiImage(multiImage, content);
  if (isObject(article)) {
    if (typeof article.source !== 'string')
      return unprocessable('/content/article/source', required);
    const title = typeof article.title === 'string' ? article.title : null;
    return { content, kind: 'article', mediaUrns: [], altTexts: {}, title };
  }
  return unprocessable(`/content/${keys[0] ?? ''}`, 'is not a supported organic content type');
}

export function readPost(raw: Record<string, unknown>): PostDraft | Reply {
  const { author, commentary = '', distribution } = raw;
  if (author === undefined) return unprocessable('/author', required);
  if (
    typeof author !== 'string' ||
    !(personUrnPattern.test(author) || organizationUrnPattern.test(author))
  ) {
    return unprocessable(
      '/author',
      `${JSON.stringify(author)} does not match urn:li:person:{id}|urn:li:organization:{id}`,
    );
  }
  if (typeof commentary !== 'string') return unprocessable('/commentary', 'must be a string');
  const visibility = enumValue(raw.visibility, '/visibility', enums.visibility);
  if (typeof visibility !== 'string') return visibility;
  if (!isObject(distribution)) return unprocessable('/distribution', required);
  const feed = enumValue(
    distribution.feedDistribution,
    '/distribution/feedDistribution',
    enums.feedDistribution,
  );
  if (typeof feed !== 'string') return feed;
  const lifecycleState = enumValue(raw.lifecycleState, '/lifecycleState', enums.lifecycleState);
  if (typeof lifecycleState !== 'string') return lifecycleState;
  const content = readContent(raw.content);
  if (!('kind' in content)) return content;
  const rendered = renderLittleText(commentary);
  const length = codePoints(rendered.text) + codePoints(rendered.dropped);
  if (length > maxCommentaryChars) {
    return badRequest(
      'FIELD_LENGTH_TOO_LONG',
      `commentary is ${length} characters; the maximum is ${maxCommentaryChars}`,
    );
  }
  if (commentary.trim() === '' && content.kind === 'text') {
    return badRequest('INVALID_VALUE_BLANK_FIELD', 'commentary must not be blank');
  }
  return {
    author,
    commentary,
    displayedText: rendered.text,
    mentions: rendered.mentions,
    visibility,
    distribution,
    lifecycleState,
    isReshareDisabledByAuthor: raw.isReshareDisabledByAuthor === true,
    ...content,
  };
}
