// The bulk writer puts a post's calendar columns in its own INSERT and holds the insert
// triggers off meanwhile ([Note: calendar held] in migrations/0026-calendar-held.ts). The
// triggers stay the rule: every post written here is then recomputed by the triggers'
// own SQL, and must not change. Ordinary writes still go through the triggers.
import { sql, type Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/core/db/open-database.ts';
import type { Schema } from '../../main/core/db/schema.ts';
import { rangeQuery } from '../../main/core/services/calendar-queries.ts';
import { scheduledPostRows } from '../../main/core/services/posts-write.ts';
import { bulkPostWriter } from '../helpers/bulk-writes.ts';
import { recordingLogger } from '../helpers/core.ts';
import { makeAccount, makeClient } from '../helpers/post-factories.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';
import { accountSeqOf, clientSeqOf, postSeqOf } from '../../main/core/db/post-numbers.ts';

const now = Date.UTC(2026, 11, 4, 9, 0);
const time = { instant: now + 86_400_000, zone: 'Europe/Berlin', localTime: '2026-12-05T10:00' };

interface CalendarRow {
  id: string;
  cal_parts: number;
  cal_accounts: string;
}

async function open() {
  const database = await openDatabase({
    dataDir: tempDataDir(),
    now: () => now,
    logger: recordingLogger(),
  });
  const clientId = await makeClient(database.db);
  // Handles with characters that are more than one UTF-16 unit or UTF-8 byte.
  const accounts = [
    await makeAccount(database.db, clientId, { handle: 'zoë_bakes' }),
    await makeAccount(database.db, clientId, { handle: 'a' }),
    await makeAccount(database.db, clientId, { handle: '🥐_corner' }),
  ];
  return { ...database, clientId, accounts };
}

const calendarRows = (db: Kysely<Schema>) =>
  sql<CalendarRow>`SELECT id, cal_parts, cal_accounts FROM posts ORDER BY id`
    .execute(db)
    .then((r) => r.rows);

const texts: string[][] = [
  ['one line'],
  ['first line\nsecond line', 'a reply'],
  ['\nstarts with a newline'],
  ['x'.repeat(139) + '\nthe newline is the 140th character'],
  ['y'.repeat(140) + '\nthe newline is the 141st character'],
  ['🥐'.repeat(150)],
  ['é'.repeat(139) + '🥐\n' + 'z'],
  ['', 'an empty first part', 'and a third'],
];

/**
 * Part 0's first line as the calendar shows it ([Note: first line from the part] in
 * migrations/0042-posts-by-number.ts): at most 140 characters counted as SQLite's substr()
 * and instr() count them, by code point rather than by UTF-16 unit.
 */
function firstLineOf(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return Array.from(line).slice(0, 140).join('');
}

describe('calendar columns written by the bulk writer', () => {
  it('equal what the triggers compute, for every kind of first line and account', async () => {
    const { db, sqlite, clientId, accounts } = await open();
    const write = bulkPostWriter(sqlite);
    sqlite.exec('BEGIN IMMEDIATE');
    // One batch, so the posts go out in multi-row INSERTs ([Note: bulk rows]).
    write(
      texts.map((parts, i) => {
        // Accounts in several orders and counts.
        const accountIds = i % 3 === 0 ? [...accounts].reverse() : accounts.slice(0, (i % 3) + 1);
        return scheduledPostRows(
          { clientId, accountIds, parts: parts.map((text) => ({ text })) },
          time,
          uuidv7,
          now,
        );
      }),
    );
    write.finish();
    sqlite.exec('COMMIT');

    const written = await calendarRows(db);
    expect(written).toHaveLength(texts.length);
    // The calendar reads each post's first line from its part 0.
    const shown = await rangeQuery(db, { from: 0, to: 2 ** 52 }).execute();
    expect(shown.map((r) => r.first_line).sort()).toEqual(
      texts.map((parts) => firstLineOf(parts[0] ?? '')).sort(),
    );
    expect(firstLineOf('🥐'.repeat(141))).toBe('🥐'.repeat(140));
    expect(written.every((r) => r.cal_parts > 0 && r.cal_accounts !== '')).toBe(true);
    // The triggers recomputing every written post change nothing: a no-op update of each
    // part and target fires the update triggers, which share the insert triggers' SQL.
    await sql`UPDATE post_parts SET post_seq = post_seq`.execute(db);
    await sql`UPDATE post_targets SET account_seq = account_seq`.execute(db);
    expect(await calendarRows(db)).toEqual(written);
    expect(sqlite.prepare('SELECT count(*) AS n FROM calendar_held').get()).toEqual({ n: 0 });
  });

  it('lets go of the triggers when a row is refused, and ordinary writes use them', async () => {
    const { db, sqlite, clientId, accounts } = await open();
    const write = bulkPostWriter(sqlite);
    const rows = scheduledPostRows(
      { clientId, accountIds: [accounts[0] ?? ''], parts: [{ text: 'refused' }] },
      time,
      uuidv7,
      now,
    );
    const [target] = rows.targets;
    if (target === undefined) throw new Error('expected a target');
    target.account_id = 'no-such-account';
    expect(() => {
      write([rows]);
    }).toThrow(/inside a transaction/);
    sqlite.exec('BEGIN');
    expect(() => {
      write([rows]);
    }).toThrow(/NOT NULL constraint failed: post_targets.account_seq/);
    expect(sqlite.prepare('SELECT count(*) AS n FROM calendar_held').get()).toEqual({ n: 0 });
    // Each bulk INSERT is OR ROLLBACK ([Note: references checked once] in bulk-references.ts):
    // the refusal took the whole transaction back.
    expect(sqlite.inTransaction).toBe(false);
    expect(sqlite.prepare('SELECT count(*) AS n FROM posts').get()).toEqual({ n: 0 });

    // A post written row by row, as the posts service does: the triggers fill the columns.
    const ordinary = scheduledPostRows(
      { clientId, accountIds: [accounts[1] ?? ''], parts: [{ text: 'line one\nline two' }] },
      time,
      uuidv7,
      now,
    );
    const { client_id, ...post } = ordinary.post;
    await db
      .insertInto('posts')
      .values({ ...post, client_seq: clientSeqOf(client_id) })
      .execute();
    await db
      .insertInto('post_parts')
      .values(ordinary.parts.map(({ post_id, ...p }) => ({ ...p, post_seq: postSeqOf(post_id) })))
      .execute();
    await db
      .insertInto('post_targets')
      .values(
        ordinary.targets.map(({ post_id, account_id, ...t }) => ({
          ...t,
          post_seq: postSeqOf(post_id),
          account_seq: accountSeqOf(account_id),
        })),
      )
      .execute();
    const rowOf = async (id: string) => (await calendarRows(db)).find((r) => r.id === id);
    expect(await rowOf(ordinary.postId)).toEqual({
      id: ordinary.postId,
      cal_parts: 1,
      cal_accounts: String(
        (
          await db
            .selectFrom('social_accounts')
            .select('seq')
            .where('id', '=', accounts[1] ?? '')
            .executeTakeFirstOrThrow()
        ).seq,
      ),
    });
    // Held, an inserted part leaves the columns to the writer.
    sqlite.exec('INSERT INTO calendar_held (held) VALUES (1)');
    await db
      .insertInto('post_parts')
      .values({ id: uuidv7(), post_seq: postSeqOf(ordinary.postId), position: 1, text: 'reply' })
      .execute();
    expect((await rowOf(ordinary.postId))?.cal_parts).toBe(1);
  });
});
