// The composer's pure logic: thread splitting at sentence boundaries (every part fits X's
// weighted limit, the first network's, and no word is lost), part operations, the cost of
// publishing by each network's prices (X's here) and the issues list.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  composeIssuesFor,
  emptyPart,
  estimateCost,
  mergeWithNext,
  moveItem,
  removePart,
  splitIntoThread,
  splitPart,
  type ComposePart,
} from '../../shared/compose.ts';
import type { PartMediaItem } from '../../shared/media.ts';
import { xApiPrices } from '../../shared/networks/x.ts';
import { countXText } from '../../shared/networks/x-text.ts';

const part = (text: string, extra: Partial<ComposePart> = {}): ComposePart => ({
  ...emptyPart(),
  text,
  ...extra,
});

describe('splitIntoThread', () => {
  it('keeps text that fits as one part', () => {
    expect(splitIntoThread('  Fresh bread at nine.  ')).toEqual(['Fresh bread at nine.']);
  });

  it('breaks between sentences, never inside one that fits', () => {
    const a = `${'a'.repeat(150)}.`;
    const b = `Second ${'b'.repeat(140)}!`;
    const c = 'Third one?';
    expect(splitIntoThread(`${a} ${b} ${c}`)).toEqual([a, `${b} ${c}`]);
  });

  it('cuts a sentence longer than a part between words, and a huge word by characters', () => {
    const long = Array.from({ length: 100 }, (_, i) => `word${String(i)}`).join(' ');
    const parts = splitIntoThread(long);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.join(' ')).toBe(long);
    const word = 'z'.repeat(600);
    expect(splitIntoThread(word).join('')).toBe(word);
  });

  it('counts by X weights: emoji count 2, so fewer fit in a part', () => {
    const text = Array.from({ length: 20 }, () => `${'😀'.repeat(20)}.`).join(' ');
    for (const p of splitIntoThread(text))
      expect(countXText(p).weightedLength).toBeLessThanOrEqual(280);
  });

  it('every part fits and the words come back in order (property)', () => {
    const words = fc.array(
      fc.oneof(
        fc.stringMatching(/^[a-zäöü]{1,12}[.!?]?$/),
        fc.constantFrom('😀', 'https://example.com/x', '東京', 'Dr.', '3.5'),
      ),
      { minLength: 1, maxLength: 300 },
    );
    fc.assert(
      fc.property(words, (ws) => {
        const text = ws.join(' ');
        const parts = splitIntoThread(text);
        for (const p of parts) expect(countXText(p).weightedLength).toBeLessThanOrEqual(280);
        expect(parts.join(' ').split(/\s+/u)).toEqual(text.trim().split(/\s+/u));
      }),
      { numRuns: 200 },
    );
  });
});

describe('part operations', () => {
  const parts = [part('one'), part('two', { variants: { b: 'zwei' } }), part('three')];

  it('moves a part up and down, clamped at the ends', () => {
    expect(moveItem(parts, 2, 0).map((p) => p.text)).toEqual(['three', 'one', 'two']);
    expect(moveItem(parts, 0, 9).map((p) => p.text)).toEqual(['two', 'three', 'one']);
  });

  it('merges a part with the next: texts, per-account texts and media', () => {
    const withMedia = [
      part('one', { media: [{ mediaId: 'm1', altText: '' }] }),
      part('two', { variants: { b: 'zwei' }, media: [{ mediaId: 'm2', altText: 'x' }] }),
    ];
    expect(mergeWithNext(withMedia, 0)).toEqual([
      {
        text: 'one\n\ntwo',
        variants: { b: 'one\n\nzwei' },
        media: [
          { mediaId: 'm1', altText: '' },
          { mediaId: 'm2', altText: 'x' },
        ],
      },
    ]);
    expect(mergeWithNext(parts, 2)).toEqual(parts);
  });

  it('removes a part but always leaves one', () => {
    expect(removePart(parts, 1).map((p) => p.text)).toEqual(['one', 'three']);
    expect(removePart([part('only')], 0)).toEqual([emptyPart()]);
  });

  it('splits one part in place, keeping its media on the first piece', () => {
    const long = part(`${'a'.repeat(200)}. ${'b'.repeat(200)}.`, {
      media: [{ mediaId: 'm', altText: '' }],
    });
    const made = splitPart([part('before'), long], 1);
    expect(made.map((p) => p.text)).toEqual([
      'before',
      `${'a'.repeat(200)}.`,
      `${'b'.repeat(200)}.`,
    ]);
    expect(made[1]?.media).toHaveLength(1);
    expect(made[2]?.media).toEqual([]);
  });
});

describe('estimateCost', () => {
  const onX = (...ids: string[]) => ids.map((id) => ({ id, platform: 'x' as const }));

  it('charges each post per account, more for a post with a link, plus alt text metadata', () => {
    const thread = [
      part('Fresh bread', { media: [{ mediaId: 'm', altText: 'A loaf' }] }),
      part('Order at https://bakery.com/order', { variants: { b: 'Bestellen im Laden' } }),
    ];
    const cost = estimateCost(thread, onX('a', 'b'));
    // a: plain + link; b: plain + plain (its own text has no link); two alt texts.
    expect(cost?.total).toBeCloseTo(
      3 * xApiPrices.postCreate + xApiPrices.postCreateWithUrl + 2 * xApiPrices.mediaMetadata,
    );
    expect(cost?.lines).toEqual([
      '3 × post $0.015',
      '1 × post with a link $0.200',
      '2 × alt text $0.005',
    ]);
    expect(cost?.networks).toEqual(['X']);
    expect(cost?.notes).toEqual(['A post with a link costs more on X’s pay-per-use API.']);
  });

  it('lists the kinds of request in the same order whichever part comes first', () => {
    const thread = [part('see https://bakery.com'), part('plain'), part('plain again')];
    expect(estimateCost(thread, onX('a'))?.lines).toEqual([
      '2 × post $0.015',
      '1 × post with a link $0.200',
    ]);
  });

  it('a link without https:// still counts as a link', () => {
    expect(estimateCost([part('see bakery.com')], onX('a'))?.lines).toEqual([
      '1 × post with a link $0.200',
    ]);
  });

  it('counts only the networks that charge, and nothing when none does', () => {
    const thread = [part('Fresh bread', { variants: { b: 'https://bakery.com' } })];
    const free = [
      { id: 'b', platform: 'bluesky' as const },
      { id: 'm', platform: 'mastodon' as const },
    ];
    expect(estimateCost(thread, free)).toBeNull();
    const cost = estimateCost(thread, [...free, ...onX('a')]);
    expect(cost?.lines).toEqual(['1 × post $0.015']);
    expect(cost?.notes).toEqual([]);
  });

  it('an account not chosen yet takes the shared text', () => {
    const thread = [part('see https://bakery.com', { variants: { a: 'plain' } })];
    expect(estimateCost(thread, [{ id: null, platform: 'x' }])?.total).toBe(0.2);
  });
});

describe('composeIssuesFor', () => {
  /** Every account on X, its handle made from its id. */
  const composeIssues = (
    input: { accountIds: string[]; parts: ComposePart[] },
    media: (id: string) => Omit<PartMediaItem, 'altText'> | undefined,
    handleOf: (id: string) => string = (id) => id,
  ) =>
    composeIssuesFor(
      {
        accounts: input.accountIds.map((id) => ({
          id,
          handle: handleOf(id),
          platform: 'x' as const,
          textLimit: null,
        })),
        parts: input.parts,
      },
      media,
    );
  const image = {
    kind: 'image' as const,
    mime: 'image/png',
    bytes: 1000,
    durationMs: null,
    name: 'loaf.png',
  };
  const lookup = (id: string) => (id === 'gone' ? undefined : { ...image, name: `${id}.png` });

  it('names what to change: accounts, empty parts, length, alt text, mixes, deleted media', () => {
    const issues = composeIssues(
      {
        accountIds: [],
        parts: [
          part(''),
          part('x'.repeat(290), { media: [{ mediaId: 'a', altText: '' }] }),
          part('ok', { media: [{ mediaId: 'gone', altText: '' }] }),
        ],
      },
      lookup,
    );
    expect(issues.map((i) => `${i.severity} ${String(i.part)} ${i.message}`)).toEqual([
      'error null Choose at least one account to publish to.',
      'error 0 Part 1 is empty: write something or add media.',
      `error 1 Part 2 is 10 characters over X's 280: shorten it or use "Split into thread".`,
      'warning 1 Part 2: a.png has no alt text; describe it for people who cannot see it.',
      'error 2 Part 3: a media file is no longer in the library; remove it and add it again.',
    ]);
  });

  it('checks per-account texts of chosen accounts only', () => {
    const issues = composeIssues(
      {
        accountIds: ['b'],
        parts: [part('fine', { variants: { b: 'y'.repeat(281), c: 'z'.repeat(400) } })],
      },
      lookup,
      (id) => `handle_${id}`,
    );
    expect(issues.map((i) => i.message)).toEqual([
      `The post for @handle_b is 1 character over X's 280: shorten it or use "Split into thread".`,
    ]);
  });

  it('refuses five images', () => {
    const media = ['a', 'b', 'c', 'd', 'e'].map((mediaId) => ({ mediaId, altText: 'alt' }));
    const issues = composeIssues({ accountIds: ['x'], parts: [part('', { media })] }, lookup);
    expect(issues.map((i) => i.message)).toEqual(['The post has 5 images; X allows 4: remove 1.']);
  });
});
