// Cuts a line to fit a menu, a notification or a dialog's sentence, by grapheme so an
// emoji or an accented letter is never split.
import { graphemeSegments } from './graphemes.ts';

export function graphemeCount(text: string): number {
  return Array.from(graphemeSegments(text)).length;
}

/** The first line of `text`, with whitespace runs collapsed, at most `max` graphemes. */
export function shortLine(text: string, max: number): string {
  const line = (text.trim().split('\n')[0] ?? '').replace(/\s+/g, ' ').trim();
  const graphemes = Array.from(graphemeSegments(line), (s) => s.segment);
  if (graphemes.length <= max) return line;
  return `${graphemes
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`;
}
