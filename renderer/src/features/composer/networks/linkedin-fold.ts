// Where LinkedIn's feed folds a long post behind "…see more": after its third line, or
// after about 210 characters on a desktop feed, whichever comes first, at a word break.
export const feedFoldChars = 210;
export const feedFoldLines = 3;
/** How far back from the cut a space may be to fold there instead of inside a word. */
const wordSlack = 30;

/** The index (UTF-16) to fold `text` at, or null when the feed shows all of it. */
export function feedFold(text: string): number | null {
  let cut = text.length;
  let lines = 1;
  let chars = 0;
  for (let i = 0; i < text.length;) {
    if (chars === feedFoldChars) {
      cut = i;
      break;
    }
    if (text[i] === '\n' && ++lines > feedFoldLines) {
      cut = i;
      break;
    }
    i += (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
    chars += 1;
  }
  if (text.slice(cut).trim() === '') return null;
  if (text[cut] !== '\n') {
    const space = text.lastIndexOf(' ', cut);
    if (space > 0 && space >= cut - wordSlack) cut = space;
  }
  return cut;
}
