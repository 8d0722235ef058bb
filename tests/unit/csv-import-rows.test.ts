// [Note: import rows made directly] The CSV import packs its posts' rows straight from the
// checked plans (csv-import-rows.ts). They must be exactly the rows the ordinary path makes
// for the same posts (scheduledPostRows, then encodePostRows), ids drawn in the same order:
// the bulk writer's own tests (bulk-post-writer.test.ts) hold that path to the ordinary
// writes, so this holds the import to both.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccountRow } from '../../main/core/data/csv-accounts.ts';
import {
  buildImportRows,
  mediaKey,
  type PlannedPost,
} from '../../main/core/data/csv-import-rows.ts';
import { unpackRows } from '../../main/core/data/packed-rows.ts';
import { bulkTables } from '../../main/core/services/bulk-columns.ts';
import type { RowNumbers } from '../../main/core/services/bulk-rows.ts';
import { encodePostRows } from '../helpers/bulk-writes.ts';
import { scheduledPostRows } from '../../main/core/services/posts-write.ts';

/** Clients c0–c2 and accounts a0–a5 have numbers; c9 and a9 have no row. */
const numbers: RowNumbers = {
  clientSeqOf: (id) => ({ c0: 3, c1: 1, c2: 12 })[id],
  accountSeqOf: (id) => ({ a0: 7, a1: 2, a2: 30, a3: 4, a4: 11, a5: 1 })[id],
};

const account = (id: string) => ({ id }) as AccountRow;

const text = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.constant(''));

const planned: fc.Arbitrary<PlannedPost> = fc
  .record({
    plan: fc.record({
      clientId: fc.constantFrom('c0', 'c1', 'c2', 'c9'),
      accounts: fc.uniqueArray(fc.constantFrom('a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a9'), {
        maxLength: 5,
      }),
      campaignId: fc.option(fc.constantFrom('camp-1', 'camp-2'), { nil: undefined }),
      // No parts is no row the import makes, but the builders must still agree.
      parts: fc.array(text, { maxLength: 4 }),
      media: fc.array(
        fc.record({
          file: fc.constantFrom('a.png', 'b.jpg', 'clip.mp4', 'ü ñ.gif'),
          kind: fc.constant('image' as const),
          altText: text,
        }),
        { maxLength: 4 },
      ),
      zone: fc.constant('Europe/Berlin'),
    }),
    time: fc.record({
      instant: fc.integer({ min: 0, max: 4e12 }),
      zone: fc.constantFrom('Europe/Berlin', 'America/New_York', 'Asia/Kathmandu'),
      localTime: fc.constantFrom('2026-03-29T03:30', '2026-11-01T01:15'),
    }),
  })
  .map(({ plan, time }) => ({
    plan: { ...plan, accounts: plan.accounts.map(account), time },
    time,
  }));

/** Ids as bufferedUuidv7 hands them out, but counted: the same on both sides. */
const counter = () => {
  let n = 0;
  return () => `id-${String((n += 1))}`;
};

/** The ordinary path: each post's row objects, encoded into lists. */
function ordinary(posts: PlannedPost[], at: number) {
  const newId = counter();
  const rows = posts.map(({ plan, time }) =>
    scheduledPostRows(
      {
        clientId: plan.clientId,
        campaignId: plan.campaignId,
        accountIds: plan.accounts.map((a) => a.id),
        parts: plan.parts.map((t, index) => ({
          text: t,
          media:
            index === 0
              ? plan.media.map((m) => ({
                  mediaId: mediaKey(plan.clientId, m.file),
                  altText: m.altText,
                }))
              : [],
        })),
      },
      time,
      newId,
      at,
      { source: 'csv-import' },
    ),
  );
  return { batch: encodePostRows(rows, numbers), postIds: rows.map((r) => r.postId) };
}

describe('the CSV import’s rows, made directly', () => {
  it('are the rows the ordinary path makes, value by value, for any posts', () => {
    fc.assert(
      fc.property(fc.array(planned, { maxLength: 12 }), fc.integer({ min: 0 }), (posts, at) => {
        const direct = buildImportRows(posts, { newId: counter(), at, numbers });
        const expected = ordinary(posts, at);
        const arrived = unpackRows(structuredClone(direct.rows));
        for (const table of bulkTables) expect(arrived[table]).toEqual(expected.batch[table]);
        expect(direct.postIds).toEqual(expected.postIds);
        const files = posts.flatMap(({ plan }) =>
          plan.media.map((m) => mediaKey(plan.clientId, m.file)),
        );
        expect(direct.media).toEqual([...new Set(files)]);
      }),
      { numRuns: 300 },
    );
  });

  it('leave an unknown client’s and account’s numbers empty, for the INSERT to refuse', () => {
    const time = { instant: 1, zone: 'UTC', localTime: '1970-01-01T00:00' };
    const post = {
      plan: {
        clientId: 'c9',
        accounts: [account('a9'), account('a1')],
        campaignId: undefined,
        time,
        zone: 'UTC',
        parts: ['hello'],
        media: [],
      },
      time,
    };
    const { posts, post_targets } = unpackRows(
      buildImportRows([post], { newId: counter(), at: 5, numbers }).rows,
    );
    expect(posts.slice(0, 3)).toEqual([0, 'id-1', null]);
    expect(posts.at(-1)).toBe('2');
    expect(post_targets.slice(0, 3)).toEqual(['id-3', 0, null]);
  });
});
