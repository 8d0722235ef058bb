// Mastodon's reading of a status text: its length (StatusLengthValidator: grapheme
// clusters of spoiler + text, each URL counted as 23, `@user@domain` as `@user`) and
// the HTML `content` TextFormatter renders (paragraphs, line breaks, links, hashtags).
import twitterText from 'twitter-text';

export const charactersReservedPerUrl = 23;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

interface Piece {
  text: string;
  url: boolean;
}

/** The text split into URL and non-URL pieces, URLs as twitter-text finds them with a scheme. */
function pieces(text: string): Piece[] {
  const urls = twitterText.extractUrlsWithIndices(text, { extractUrlsWithoutProtocol: false });
  const out: Piece[] = [];
  let at = 0;
  for (const { indices } of urls) {
    const [start, end] = indices;
    if (start > at) out.push({ text: text.slice(at, start), url: false });
    out.push({ text: text.slice(start, end), url: true });
    at = end;
  }
  if (at < text.length) out.push({ text: text.slice(at), url: false });
  return out;
}

function graphemes(text: string): number {
  return [...segmenter.segment(text)].length;
}

const remoteMention = /(^|[^/\w])@(\w+(?:[\w.-]*\w)?)@[\w.-]*\w/gi;

export function countCharacters(text: string, spoilerText: string): number {
  const countable = pieces(text)
    .map((p) =>
      p.url ? 'x'.repeat(charactersReservedPerUrl) : p.text.replace(remoteMention, '$1@$2'),
    )
    .join('');
  return graphemes(spoilerText) + graphemes(countable);
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

function link(url: string): string {
  const prefix = /^[a-z][a-z0-9+.-]*:\/\/(?:www\.)?/i.exec(url)?.[0] ?? '';
  const shown = url.slice(prefix.length);
  const visible =
    shown.length > 30
      ? `<span class="ellipsis">${escapeHtml(shown.slice(0, 30))}</span><span class="invisible">${escapeHtml(shown.slice(30))}</span>`
      : `<span class="">${escapeHtml(shown)}</span><span class="invisible"></span>`;
  return `<a href="${escapeHtml(url)}" target="_blank" rel="nofollow noopener" translate="no"><span class="invisible">${escapeHtml(prefix)}</span>${visible}</a>`;
}

function plain(text: string, origin: string): string {
  return escapeHtml(text)
    .replace(
      /(^|[^\w/&])#(\w+)/g,
      (_m, before: string, tag: string) =>
        `${before}<a href="${origin}/tags/${tag.toLowerCase()}" class="mention hashtag" rel="tag">#<span>${tag}</span></a>`,
    )
    .replace(/\n/g, '<br />');
}

export function formatContent(text: string, origin: string): string {
  if (text.trim() === '') return '';
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((paragraph) => {
      const inner = pieces(paragraph)
        .map((p) => (p.url ? link(p.text) : plain(p.text, origin)))
        .join('');
      return `<p>${inner}</p>`;
    })
    .join('');
}
