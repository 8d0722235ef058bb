// PDF documents against each network's rules, as the composer shows them live and the core
// checks them before scheduling: LinkedIn takes exactly one, alone, up to 100 MB, with a
// title; X, Bluesky and Mastodon refuse it, saying which network does take it.
import { describe, expect, it } from 'vitest';
import { composeIssuesFor, type ComposeAccount } from '../../shared/compose.ts';
import type { PartMediaItem } from '../../shared/media.ts';
import { mediaProblems, networkRules } from '../../shared/networks/index.ts';

const { x, bluesky, mastodon, linkedin } = networkRules;
const MB = 1024 * 1024;

const pdf = (name = 'deck.pdf', extra: Partial<PartMediaItem> = {}): PartMediaItem => ({
  kind: 'document',
  mime: 'application/pdf',
  bytes: 2 * MB,
  durationMs: null,
  name,
  altText: 'Our 2027 deck',
  ...extra,
});
const image = (name = 'loaf.jpg'): PartMediaItem => ({
  kind: 'image',
  mime: 'image/jpeg',
  bytes: 200_000,
  durationMs: null,
  name,
  altText: 'A loaf',
});

describe('documents on each network', () => {
  it('lets LinkedIn post one PDF on its own', () => {
    expect(mediaProblems(linkedin, [pdf()], 'The post')).toEqual({ errors: [], warnings: [] });
    expect(mediaProblems(linkedin, [pdf('big.pdf', { bytes: 100 * MB })], 'P').errors).toEqual([]);
  });

  it('refuses a second PDF, a PDF beside an image, and a PDF over 100 MB on LinkedIn', () => {
    expect(mediaProblems(linkedin, [pdf('a.pdf'), pdf('b.pdf')], 'The post').errors).toEqual([
      'The post has 2 PDF documents; a LinkedIn post carries one: remove 1.',
    ]);
    expect(mediaProblems(linkedin, [image(), pdf()], 'The post').errors).toEqual([
      'The post mixes media LinkedIn does not combine: use up to 20 images, or one GIF, or one video, or one PDF document.',
    ]);
    expect(
      mediaProblems(linkedin, [pdf('huge.pdf', { bytes: 120 * MB })], 'The post').errors,
    ).toEqual([
      'The post: huge.pdf is 120.0 MB; LinkedIn allows 100.0 MB for a PDF document: export it smaller or split it.',
    ]);
  });

  it('asks for a title, not alt text, when a PDF has none', () => {
    expect(mediaProblems(linkedin, [pdf('deck.pdf', { altText: ' ' })], 'The post')).toEqual({
      errors: [],
      warnings: [
        "The post: deck.pdf has no title; LinkedIn shows a document's title above its pages.",
      ],
    });
  });

  it('refuses a PDF on X, Bluesky and Mastodon, naming LinkedIn as the network that takes it', () => {
    for (const rules of [x, bluesky, mastodon]) {
      expect(mediaProblems(rules, [image(), pdf()], 'The post').errors).toEqual([
        `The post: ${rules.label} does not take PDF documents (deck.pdf). Only LinkedIn takes them. Remove it, or leave ${rules.label} accounts out of this post.`,
      ]);
    }
  });
});

describe("the composer's live check of a PDF", () => {
  const accounts: ComposeAccount[] = [
    { id: 'li', handle: 'Ada Baker', platform: 'linkedin', textLimit: null },
    { id: 'x', handle: 'nova', platform: 'x', textLimit: null },
  ];
  const media = (id: string) => (id === 'deck' ? pdf() : id === 'loaf' ? image() : undefined);
  const check = (chosen: ComposeAccount[], ids: string[]) =>
    composeIssuesFor(
      {
        accounts: chosen,
        parts: [
          {
            text: 'Our deck',
            variants: {},
            media: ids.map((mediaId) => ({ mediaId, altText: 'Deck' })),
          },
        ],
      },
      media,
    );

  it('says why the X account cannot have it, and has nothing against LinkedIn', () => {
    expect(check(accounts, ['deck'])).toEqual([
      {
        part: 0,
        severity: 'error',
        message:
          'The post: X does not take PDF documents (deck.pdf). Only LinkedIn takes them. Remove it, or leave X accounts out of this post.',
      },
    ]);
    expect(check(accounts.slice(0, 1), ['deck'])).toEqual([]);
  });
});
