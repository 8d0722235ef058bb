// Looks an ambiguous attempt up on the account's own statuses (newest first, through masto's
// paginator): a status replying to the same parent, with the same text, content warning
// and number of attachments, made since shortly before the first attempt. Within an hour a
// resend would be deduplicated by its Idempotency-Key anyway; beyond it, this lookup is
// what keeps a part single.
import type { mastodon } from 'masto';
import type { PartContext, RemoteRef, Unknowable } from '../port.ts';
import { profileUrl } from './links.ts';
import type { Session } from './session.ts';

/** Clocks differ: look a little before the first attempt. */
const slackMs = 10 * 60_000;
const pageSize = 40;
const maxPages = 10;

const entities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

function unescapeHtml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const hex = name[1] === 'x' || name[1] === 'X';
      const code = Number.parseInt(name.slice(hex ? 2 : 1), hex ? 16 : 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return entities[name.toLowerCase()] ?? whole;
  });
}

/** A status's HTML `content` as the text it was written from (paragraphs become breaks). */
export function htmlToText(html: string): string {
  return unescapeHtml(
    html
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/p>\s*<p[^>]*>/gi, '\n\n')
      .replace(/<[^>]*>/g, ''),
  );
}

// How Mastodon shows a remote mention: `@user`, the domain only in the link.
const remoteMention = /(^|[^\w/=])@(\w+(?:[.-]+\w+)*)@[\w-]+(?:\.[\w-]+)+/gu;

/** Text as compared: mentions without domains, whitespace collapsed, Unicode NFC. */
export function comparable(text: string): string {
  return text.normalize('NFC').replace(remoteMention, '$1@$2').replace(/\s+/g, ' ').trim();
}

/** What the status looks like on the instance if this part was posted. */
function expected(context: PartContext, contentWarning: string) {
  const text = context.part.text;
  // Mastodon posts a content warning without text as the text itself.
  const swapped = text.trim() === '' && contentWarning !== '';
  return {
    text: comparable(swapped ? contentWarning : text),
    spoiler: comparable(swapped ? '' : contentWarning),
    inReplyTo: context.parent?.id ?? null,
    media: context.part.media.length,
  };
}

export async function findStatus(
  session: Session,
  context: PartContext,
  contentWarning: string,
  since: number,
  exclude: ReadonlySet<string>,
): Promise<RemoteRef | null | Unknowable> {
  const want = expected(context, contentWarning);
  const cutoff = since - slackMs;
  const matches = (s: mastodon.v1.Status) =>
    !exclude.has(s.id) &&
    s.reblog == null &&
    (s.inReplyToId ?? null) === want.inReplyTo &&
    s.mediaAttachments.length === want.media &&
    comparable(s.spoilerText) === want.spoiler &&
    comparable(htmlToText(s.content)) === want.text;

  return session.call(async (masto) => {
    let pages = 0;
    const listing = masto.v1.accounts.$select(session.accountId).statuses.list({ limit: pageSize });
    for await (const page of listing) {
      for (const status of page) {
        if (Date.parse(status.createdAt) < cutoff) return null;
        if (matches(status)) return { id: status.id, ref: null };
      }
      pages += 1;
      if (page.length < pageSize) return null;
      // Never answer "absent" without having looked back far enough. Looking again later
      // only finds more statuses in the way: a person checks the profile instead.
      if (pages >= maxPages) return beyondReach(context);
    }
    return null;
  });
}

function beyondReach(context: PartContext): Unknowable {
  return {
    unknowable: true,
    reason: `the account has posted more than ${String(pageSize * maxPages)} statuses since, more than Starling reads back.`,
    reviewUrl: profileUrl(context.account),
  };
}
