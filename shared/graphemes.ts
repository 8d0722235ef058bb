// Text split into graphemes (what a reader sees as one character), for the counters and
// for cutting text short. The segmenter is made on first use: making it loads ICU's break
// rules (about 10 ms), which a process that never counts text should not pay at start.
let segmenter: Intl.Segmenter | undefined;

export function graphemeSegments(text: string): Intl.Segments {
  segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  return segmenter.segment(text);
}
