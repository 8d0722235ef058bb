// The search index's insert trigger stands aside while a bulk writer holds calendar_held,
// which then indexes the parts itself ([Note: search held] in
// migrations/0030-search-held.ts); every other write still goes through the trigger, on
// a new database and on one upgraded from 0029.
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/core/db/open-database.ts';
import { scheduledPostRows } from '../../main/core/services/posts-write.ts';
import { bulkPostWriter } from '../helpers/bulk-writes.ts';
import { recordingLogger } from '../helpers/core.ts';
import { makeAccount, makeClient } from '../helpers/post-factories.ts';
import { makeOldDatabase } from '../helpers/old-database.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';
import { clientSeqOf, postSeqOf } from '../../main/core/db/post-numbers.ts';

const now = Date.UTC(2026, 11, 5, 9, 0);
const time = { instant: now + 86_400_000, zone: 'Europe/Berlin', localTime: '2026-12-06T10:00' };

/** A new database with a client and an account; `found` counts the parts a query matches. */
async function open() {
  const { db, sqlite } = await openDatabase({
    dataDir: tempDataDir(),
    now: () => now,
    logger: recordingLogger(),
  });
  const clientId = await makeClient(db);
  const accountId = await makeAccount(db, clientId, { handle: 'bakery' });
  const matching = sqlite.prepare<[string], { n: number }>(
    'SELECT count(*) AS n FROM post_search WHERE post_search MATCH ?',
  );
  const found = (query: string) => matching.get(query)?.n ?? -1;
  // The client's word in the search index is its number (0040).
  const client = sqlite.prepare<[string], { seq: number }>('SELECT seq FROM clients WHERE id = ?');
  const clientWord = String(client.get(clientId)?.seq);
  return { db, sqlite, clientId, clientWord, accountId, found };
}

describe('the search index while a bulk writer holds calendar_held', () => {
  it('indexes a part through the trigger unless held, then through the writer', async () => {
    const { db, sqlite, clientId, clientWord, accountId, found } = await open();
    const clientOf = (text: string) =>
      sqlite
        .prepare<[string], { search_client: string | null }>(
          'SELECT search_client FROM post_parts WHERE text = ?',
        )
        .get(text)?.search_client;
    const post = scheduledPostRows(
      { clientId, accountIds: [accountId], parts: [{ text: 'ordinary croissant' }] },
      time,
      uuidv7,
      now,
    );
    const { client_id, ...postRow } = post.post;
    await db
      .insertInto('posts')
      .values({ ...postRow, client_seq: clientSeqOf(client_id) })
      .execute();
    await db
      .insertInto('post_parts')
      .values(post.parts.map(({ post_id, ...p }) => ({ ...p, post_seq: postSeqOf(post_id) })))
      .execute();
    expect(found('croissant')).toBe(1);
    expect(clientOf('ordinary croissant')).toBe(clientWord);

    // Held, an inserted part is left to the writer: not indexed, no client filled in.
    sqlite.exec('BEGIN IMMEDIATE');
    sqlite.exec('INSERT INTO calendar_held (held) VALUES (1)');
    await db
      .insertInto('post_parts')
      .values({
        id: uuidv7(),
        post_seq: postSeqOf(post.postId),
        position: 1,
        text: 'held baguette',
      })
      .execute();
    expect(found('baguette')).toBe(0);
    expect(clientOf('held baguette')).toBeNull();
    sqlite.exec('ROLLBACK');

    // The bulk writer indexes its parts once each, with their client.
    const bulk = scheduledPostRows(
      { clientId, accountIds: [accountId], parts: [{ text: 'bulk brioche' }, { text: 'two' }] },
      time,
      uuidv7,
      now,
    );
    sqlite.exec('BEGIN IMMEDIATE');
    const write = bulkPostWriter(sqlite);
    write([bulk]);
    write.finish();
    sqlite.exec('COMMIT');
    expect(found('brioche')).toBe(1);
    expect(found(`brioche AND search_client : ${clientWord}`)).toBe(1);
    expect(found(`brioche AND search_client : ${clientWord}0`)).toBe(0);
    expect(clientOf('bulk brioche')).toBe(clientWord);
    // FTS5's own count of indexed parts: each part once, none twice.
    sqlite.exec("CREATE VIRTUAL TABLE temp.search_rows USING fts5vocab(main, post_search, 'row')");
    expect(
      sqlite.prepare("SELECT doc, cnt FROM temp.search_rows WHERE term = 'brioche'").get(),
    ).toEqual({ doc: 1, cnt: 1 });
    await sql`INSERT INTO post_search (post_search, rank) VALUES ('integrity-check', 1)`.execute(
      db,
    );
  });

  it('indexes a long import part-way and the rest at finish, each part once', async () => {
    const { db, sqlite, clientId, accountId, found } = await open();
    // More posts than the writer holds back (4,096), in the import's batches of 64.
    const posts = Array.from({ length: 5_000 }, (_, i) =>
      scheduledPostRows(
        { clientId, accountIds: [accountId], parts: [{ text: `loaf ${String(i)}` }] },
        time,
        uuidv7,
        now,
      ),
    );
    sqlite.exec('BEGIN IMMEDIATE');
    const write = bulkPostWriter(sqlite);
    for (let i = 0; i < posts.length; i += 64) write(posts.slice(i, i + 64));
    // The first 4,096 posts' parts are in the index already; the rest wait for finish().
    expect(found('loaf')).toBe(4_096);
    write.finish();
    sqlite.exec('COMMIT');
    expect(found('loaf')).toBe(5_000);
    expect(found('"4999"')).toBe(1);
    await sql`INSERT INTO post_search (post_search, rank) VALUES ('integrity-check', 1)`.execute(
      db,
    );
  });

  it('upgrades a 0029 database: its parts stay found, and new ones are indexed', async () => {
    const dataDir = tempDataDir();
    await makeOldDatabase(dataDir, { last: '0029-forget-finished-work', posts: 3 });
    const { db, sqlite } = await openDatabase({
      dataDir,
      now: () => now,
      logger: recordingLogger(),
    });
    const trigger = sqlite
      .prepare<[], { sql: string }>(
        "SELECT sql FROM sqlite_master WHERE name = 'post_search_part_inserted'",
      )
      .get();
    expect(trigger?.sql).toMatch(/AFTER INSERT ON post_parts\s+WHEN NOT EXISTS/);
    const count = (query: string) =>
      sqlite
        .prepare<[string], { n: number }>(
          'SELECT count(*) AS n FROM post_search WHERE post_search MATCH ?',
        )
        .get(query)?.n;
    const before = sqlite.prepare('SELECT count(*) AS n FROM post_parts').get() as { n: number };
    expect(before.n).toBe(3);
    const word = sqlite
      .prepare<[], { text: string }>('SELECT text FROM post_parts LIMIT 1')
      .get()
      ?.text.split(/\W+/)
      .find((w) => w.length > 3);
    expect(word).toBeDefined();
    expect(count(`"${word ?? ''}"`)).toBeGreaterThan(0);

    // An ordinary insert after the upgrade still goes through the trigger.
    const { postId } = sqlite.prepare('SELECT id AS postId FROM posts LIMIT 1').get() as {
      postId: string;
    };
    await db
      .insertInto('post_parts')
      .values({
        id: uuidv7(),
        post_seq: postSeqOf(postId),
        position: 9,
        text: 'upgraded pumpernickel',
      })
      .execute();
    expect(count('pumpernickel')).toBe(1);
    await sql`INSERT INTO post_search (post_search, rank) VALUES ('integrity-check', 1)`.execute(
      db,
    );
  });
});
