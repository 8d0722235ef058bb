// LinkedIn's "little" text format for post commentary: what a reader sees once LinkedIn
// has parsed it. Reserved characters must be backslash-escaped to appear as themselves;
// mentions are @[Name](urn:li:person:…|urn:li:organization:…), hashtags #tag or
// {hashtag|#|tag}. LinkedIn documents no outcome for an unescaped reserved character;
// posts lose everything from that character on, so the fake does the same, which is what
// makes a missing escape visible to a test.

const reserved = new Set([
  '|',
  '{',
  '}',
  '@',
  '[',
  ']',
  '(',
  ')',
  '<',
  '>',
  '#',
  '\\',
  '*',
  '_',
  '~',
]);

const mention = /^@\[((?:\\.|[^\]\\])*)\]\((urn:li:(?:person|organization):[A-Za-z0-9_-]+)\)/u;
const hashtagTemplate = /^\{hashtag\|([#＃])\|([\p{L}\p{N}_]+)\}/u;
const hashtag = /^[#＃][\p{L}\p{N}_]+/u;

/** Backslash escapes inside a mention's name, resolved. */
function unescape(text: string): string {
  return text.replace(/\\(.)/gu, '$1');
}

/**
 * The text a reader sees, and what LinkedIn dropped after an unescaped reserved character
 * (still counted against the length limit: it was sent).
 */
export function renderLittleText(commentary: string): {
  text: string;
  dropped: string;
  /** The URNs of the people and organisations the text mentions, in order. */
  mentions: string[];
} {
  let out = '';
  const mentions: string[] = [];
  let rest = commentary;
  while (rest.length > 0) {
    const first = rest[0] ?? '';
    if (first === '\\') {
      const next = rest[1];
      if (next === undefined || !reserved.has(next)) break;
      out += next;
      rest = rest.slice(2);
      continue;
    }
    const asMention = mention.exec(rest);
    if (asMention !== null) {
      out += unescape(asMention[1] ?? '');
      mentions.push(asMention[2] ?? '');
      rest = rest.slice(asMention[0].length);
      continue;
    }
    const asTemplate = hashtagTemplate.exec(rest);
    if (asTemplate !== null) {
      out += `${asTemplate[1] ?? '#'}${asTemplate[2] ?? ''}`;
      rest = rest.slice(asTemplate[0].length);
      continue;
    }
    const asHashtag = hashtag.exec(rest);
    if (asHashtag !== null) {
      out += asHashtag[0];
      rest = rest.slice(asHashtag[0].length);
      continue;
    }
    if (reserved.has(first)) break;
    const char = String.fromCodePoint(rest.codePointAt(0) ?? 0);
    out += char;
    rest = rest.slice(char.length);
  }
  return { text: out, dropped: rest, mentions };
}
