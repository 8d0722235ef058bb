// Checks app.bsky.feed.post records against the lexicon, enough to catch a publisher's
// mistakes: text limits, facet byte ranges, reply refs, and each embed with its blobs.
import { checkBlobRef } from './blobs.ts';
import { isCid } from './ids.ts';
import { invalidRequest, type Reply } from './replies.ts';
import type { Store } from './store.ts';

type Fields = Record<string, unknown>;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const datetime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const facetFeatures: Record<string, string> = {
  'app.bsky.richtext.facet#mention': 'did',
  'app.bsky.richtext.facet#link': 'uri',
  'app.bsky.richtext.facet#tag': 'tag',
};

const bad = (message: string): Reply =>
  invalidRequest(`Invalid app.bsky.feed.post record: ${message}`);

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function checkText(record: Fields): Reply | null {
  const { text } = record;
  if (typeof text !== 'string') return bad('record must have the property "text"');
  // The lexicon's maxLength counts UTF-8 bytes; maxGraphemes counts what a reader sees.
  if (Buffer.byteLength(text, 'utf8') > 3000) {
    return bad('record/text must not be longer than 3000 characters');
  }
  if ([...segmenter.segment(text)].length > 300) {
    return bad('record/text must not be longer than 300 graphemes');
  }
  if (typeof record.createdAt !== 'string') return bad('record must have the property "createdAt"');
  if (!datetime.test(record.createdAt) || Number.isNaN(Date.parse(record.createdAt))) {
    return bad('record/createdAt must be an valid atproto datetime (both RFC-3339 and ISO-8601)');
  }
  const { langs } = record;
  if (langs !== undefined && (!Array.isArray(langs) || langs.length > 3)) {
    return bad('record/langs must be an array of at most 3 language tags');
  }
  return null;
}

function checkFacets(record: Fields): Reply | null {
  const { facets } = record;
  if (facets === undefined) return null;
  if (!Array.isArray(facets)) return bad('record/facets must be an array');
  const textBytes = Buffer.byteLength(typeof record.text === 'string' ? record.text : '', 'utf8');
  for (const [i, facet] of facets.entries()) {
    const path = `record/facets/${i}`;
    if (!isObject(facet) || !isObject(facet.index) || !Array.isArray(facet.features)) {
      return bad(`${path} must have the properties "index" and "features"`);
    }
    const { byteStart, byteEnd } = facet.index;
    if (!isCount(byteStart) || !isCount(byteEnd)) {
      return bad(`${path}/index must have integer byteStart and byteEnd >= 0`);
    }
    // The lexicon cannot say this; a range outside the text is a client's counting bug.
    if (byteStart > byteEnd || byteEnd > textBytes) {
      return bad(
        `${path}/index [${byteStart}, ${byteEnd}) is outside the text's ${textBytes} UTF-8 bytes`,
      );
    }
    for (const [j, feature] of facet.features.entries()) {
      const type = isObject(feature) ? feature.$type : undefined;
      const field = typeof type === 'string' ? facetFeatures[type] : undefined;
      if (!isObject(feature) || field === undefined || typeof feature[field] !== 'string') {
        return bad(`${path}/features/${j} must be a mention {did}, link {uri} or tag {tag}`);
      }
    }
  }
  return null;
}

function checkStrongRef(value: unknown, path: string): Reply | null {
  if (!isObject(value) || typeof value.uri !== 'string' || typeof value.cid !== 'string') {
    return bad(`${path} must be a strong ref {uri, cid}`);
  }
  if (!value.uri.startsWith('at://')) return bad(`${path}/uri must be a valid at-uri`);
  if (!isCid(value.cid)) return bad(`${path}/cid must be a cid string`);
  return null;
}

function checkReply(store: Store, record: Fields): Reply | null {
  const { reply } = record;
  if (reply === undefined) return null;
  if (!isObject(reply)) return bad('record/reply must be an object');
  for (const key of ['root', 'parent'] as const) {
    const path = `record/reply/${key}`;
    const shape = checkStrongRef(reply[key], path);
    if (shape !== null) return shape;
    const ref = reply[key] as { uri: string; cid: string };
    // The PDS does not look replies up; the fake does, to catch a wrong uri or cid.
    const target = store.liveRecord(ref.uri);
    if (target === undefined) return bad(`${path} points at no existing record (${ref.uri})`);
    if (target.cid !== ref.cid)
      return bad(`${path} has cid ${ref.cid}, the record's is ${target.cid}`);
  }
  return null;
}

function checkAspectRatio(value: unknown, path: string): Reply | null {
  if (value === undefined) return null;
  if (isObject(value) && isCount(value.width) && isCount(value.height)) {
    if (value.width >= 1 && value.height >= 1) return null;
  }
  return bad(`${path} must be {width, height} >= 1`);
}

function checkMedia(store: Store, did: string, embed: Fields, path: string): Reply | null {
  switch (embed.$type) {
    case 'app.bsky.embed.images': {
      const { images } = embed;
      if (!Array.isArray(images)) return bad(`${path} must have the property "images"`);
      if (images.length > 4) return bad(`${path}/images must not have more than 4 elements`);
      for (const [i, image] of images.entries()) {
        const at = `${path}/images/${i}`;
        if (!isObject(image)) return bad(`${at} must be an object`);
        if (typeof image.alt !== 'string') return bad(`${at} must have the property "alt"`);
        const problem =
          checkBlobRef(store, did, image.image, `${at}/image`, 'image/*') ??
          checkAspectRatio(image.aspectRatio, `${at}/aspectRatio`);
        if (problem !== null) return problem;
      }
      return null;
    }
    case 'app.bsky.embed.external': {
      const { external } = embed;
      if (!isObject(external)) return bad(`${path} must have the property "external"`);
      for (const key of ['uri', 'title', 'description'] as const) {
        if (typeof external[key] !== 'string')
          return bad(`${path}/external must have the property "${key}"`);
      }
      if (external.thumb === undefined) return null;
      return checkBlobRef(store, did, external.thumb, `${path}/external/thumb`, 'image/*');
    }
    case 'app.bsky.embed.video': {
      if (embed.alt !== undefined && typeof embed.alt !== 'string')
        return bad(`${path}/alt must be a string`);
      return (
        checkBlobRef(store, did, embed.video, `${path}/video`, 'video/mp4') ??
        checkAspectRatio(embed.aspectRatio, `${path}/aspectRatio`)
      );
    }
    default:
      return bad(`${path} must be an object which includes the "$type" property`);
  }
}

function checkEmbed(store: Store, did: string, record: Fields): Reply | null {
  const { embed } = record;
  if (embed === undefined) return null;
  const path = 'record/embed';
  if (!isObject(embed)) return bad(`${path} must be an object`);
  if (embed.$type === 'app.bsky.embed.record')
    return checkStrongRef(embed.record, `${path}/record`);
  if (embed.$type === 'app.bsky.embed.recordWithMedia') {
    const quoted = isObject(embed.record) ? embed.record.record : undefined;
    const media = embed.media;
    if (!isObject(media)) return bad(`${path}/media must be an object`);
    return (
      checkStrongRef(quoted, `${path}/record/record`) ??
      checkMedia(store, did, media, `${path}/media`)
    );
  }
  return checkMedia(store, did, embed, path);
}

/** null when the post is valid; otherwise the PDS's 400 answer. */
export function validatePost(store: Store, did: string, record: Fields): Reply | null {
  return (
    checkText(record) ??
    checkFacets(record) ??
    checkReply(store, record) ??
    checkEmbed(store, did, record)
  );
}

/** Blob references are checked even with validate:false, as the PDS does. */
export function checkPostBlobs(store: Store, did: string, record: Fields): Reply | null {
  const { embed } = record;
  if (!isObject(embed)) return null;
  const media = embed.$type === 'app.bsky.embed.recordWithMedia' ? embed.media : embed;
  if (!isObject(media)) return null;
  const refs: [unknown, string][] = [];
  if (Array.isArray(media.images)) {
    for (const image of media.images) if (isObject(image)) refs.push([image.image, 'image/*']);
  }
  if (isObject(media.external) && media.external.thumb !== undefined) {
    refs.push([media.external.thumb, 'image/*']);
  }
  if (media.video !== undefined) refs.push([media.video, '*/*']);
  for (const [ref, accept] of refs) {
    const problem = checkBlobRef(store, did, ref, 'record/embed', accept);
    if (problem !== null) return problem;
  }
  return null;
}
