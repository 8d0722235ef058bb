// LinkedIn's "little text" format for post commentary: | { } @ [ ] ( ) < > # \ * _ ~ are
// reserved (mentions, hashtag templates, formatting), and LinkedIn drops what follows an
// unescaped one. Every reserved character the user typed is backslash-escaped so the post
// reads as typed, except a hashtag (#word at the start of a word), which LinkedIn links,
// and a company page the user picked to mention (see [Note: mentions in text]), which goes
// out as LinkedIn's @[Name](urn:li:organization:N) with its name escaped.
import { piecesOf } from '../../../../shared/mentions.ts';
import { networkRules } from '../../../../shared/networks/index.ts';

const linked = (ref: string) => networkRules.linkedin.mentions?.ref.test(ref) === true;

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

const hashtag = /[#＃][\p{L}\p{N}_]+/uy;
/** A # right after these is part of a word or a link (C#, page#section), not a hashtag. */
const joins = /[\p{L}\p{N}_/&=?.#＃-]/u;

export function escapeLittleText(text: string): string {
  return piecesOf(text, linked)
    .map((piece) =>
      'ref' in piece ? `@[${escapePlain(piece.name)}](${piece.ref})` : escapePlain(piece.text),
    )
    .join('');
}

function escapePlain(text: string): string {
  let out = '';
  let at = 0;
  while (at < text.length) {
    const previous = at === 0 ? '' : (text[at - 1] ?? '');
    hashtag.lastIndex = at;
    const tag = previous === '' || !joins.test(previous) ? hashtag.exec(text) : null;
    if (tag !== null) {
      out += tag[0];
      at += tag[0].length;
      continue;
    }
    const char = String.fromCodePoint(text.codePointAt(at) ?? 0);
    out += reserved.has(char) ? `\\${char}` : char;
    at += char.length;
  }
  return out;
}
