// A post's text as Bluesky, Mastodon, LinkedIn, Threads, Facebook or Instagram shows it:
// links, mentions and hashtags styled, found roughly as each network finds them (Bluesky links
// bare domains and mentions handles with dots; Mastodon links only addresses with a
// scheme, shortens their display to 30 characters and mentions user@instance; LinkedIn
// links bare domains too, and an @ typed as text stays text, but a page picked to mention
// is linked, see [Note: mentions in text]; elsewhere a picked mention is its name;
// Instagram links no address in a caption). The core makes the real facets.
import type { ReactNode } from 'react';
import twitterText from 'twitter-text';
import { piecesOf } from '../../../../../shared/mentions.ts';
import { isMentionRef, networkRules, readerText } from '../../../../../shared/networks/index.ts';

type OpenNetwork = 'bluesky' | 'mastodon' | 'linkedin' | 'threads' | 'facebook' | 'instagram';

interface Span {
  start: number;
  end: number;
  kind: 'link' | 'mention' | 'hashtag';
  shown: string;
}

const mentionPatterns: Record<OpenNetwork, RegExp | null> = {
  bluesky: /(?<=^|[\s(])@[a-z0-9][a-z0-9.-]*\.[a-z][a-z0-9-]*/giu,
  mastodon: /(?<=^|[^\w/])@\w+(?:@[\w.-]+\w)?/gu,
  linkedin: null,
  threads: /(?<=^|[^\w/])@[\w.]+\w/gu,
  facebook: null,
  instagram: /(?<=^|[^\w.])@[\w.]*\w/gu,
};
const hashtagPattern = /(?<=^|\s)#[\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*/gu;

/** Mastodon hides the scheme and "www." and shows at most 30 characters of the rest. */
function mastodonShown(url: string): string {
  const rest = url.replace(/^https?:\/\/(www\.)?/iu, '');
  return rest.length > 30 ? `${rest.slice(0, 30)}…` : rest;
}

function spansOf(text: string, network: OpenNetwork): Span[] {
  const spans: Span[] = [];
  // Instagram links no address in a caption: it stays text.
  const urls =
    network === 'instagram'
      ? []
      : twitterText.extractUrlsWithIndices(text, {
          extractUrlsWithoutProtocol: network !== 'mastodon',
        });
  for (const { url, indices } of urls) {
    const [start, end] = indices;
    if (network === 'mastodon' && !/^https?:\/\//iu.test(url)) continue;
    spans.push({
      start,
      end,
      kind: 'link',
      shown: network === 'mastodon' ? mastodonShown(url) : url,
    });
  }
  const add = (pattern: RegExp, kind: Span['kind']) => {
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (spans.some((s) => start < s.end && end > s.start)) continue;
      spans.push({ start, end, kind, shown: match[0] });
    }
  };
  const mentions = mentionPatterns[network];
  if (mentions !== null) add(mentions, 'mention');
  add(hashtagPattern, 'hashtag');
  return spans.sort((a, b) => a.start - b.start);
}

/** A run of text without picked mentions, its entities styled; keys begin with `prefix`. */
function styledRun(text: string, network: OpenNetwork, prefix: string): ReactNode[] {
  const out: ReactNode[] = [];
  let at = 0;
  for (const span of spansOf(text, network)) {
    if (span.start > at) out.push(text.slice(at, span.start));
    out.push(
      <span key={`${prefix}${String(span.start)}`} className={`x-entity x-${span.kind}`}>
        {span.shown}
      </span>,
    );
    at = span.end;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

export function StyledText({ text, network }: { text: string; network: OpenNetwork }) {
  const links = networkRules[network].mentions?.ref;
  if (links === undefined)
    return <p className="x-text">{styledRun(readerText(text), network, '')}</p>;
  const out: ReactNode[] = [];
  for (const [index, piece] of piecesOf(text, isMentionRef).entries()) {
    if (!('ref' in piece)) {
      out.push(...styledRun(piece.text, network, `${String(index)}-`));
    } else if (links.test(piece.ref)) {
      out.push(
        <span key={`${String(index)}-m`} className="x-entity x-mention">
          {piece.name}
        </span>,
      );
    } else {
      out.push(piece.name);
    }
  }
  return <p className="x-text">{out}</p>;
}

/** The first link Bluesky would make a card of (with or without a scheme), or null. */
export function firstLinkHost(text: string): string | null {
  const [first] = twitterText.extractUrls(text);
  if (first === undefined) return null;
  try {
    return new URL(/^https?:\/\//iu.test(first) ? first : `https://${first}`).host;
  } catch {
    return null;
  }
}
