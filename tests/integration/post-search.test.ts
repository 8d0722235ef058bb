// Post search (posts:search) on a real SQLite file with the real migrations: the FTS5
// index follows every insert, edit and delete of a part, whichever path writes it; a
// database from before migration 0016 is indexed when it is migrated; ranking, the client
// filter (a word of the index since 0025), the limit and snippets; a search that cannot be
// read is a VALIDATION error.
import { describe, expect, it } from 'vitest';
import { searchWindow } from '../../main/core/posts/search.ts';
import { makeCore, expectOk, type TestCore } from '../helpers/core.ts';
import { makeAccount, makeClient, makePost } from '../helpers/post-factories.ts';
import { openOldDatabase } from '../helpers/old-database.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

async function search(
  core: TestCore,
  query: string,
  extra: { clientId?: string; limit?: number } = {},
) {
  return expectOk(await core.invoke('posts:search', { query, ...extra }));
}

const ids = (r: { hits: { postId: string }[] }) => r.hits.map((h) => h.postId);

/** FTS5's own check that the index matches post_parts row for row. */
function indexMatchesParts(core: TestCore): void {
  core.database.sqlite.exec(
    "INSERT INTO post_search (post_search, rank) VALUES ('integrity-check', 1)",
  );
}

async function bakery() {
  const core = await makeCore();
  const db = core.database.db;
  const clientId = await makeClient(db, { name: 'Bakery' });
  const accountId = await makeAccount(db, clientId);
  return { core, db, clientId, accountId };
}

describe('posts:search', () => {
  it('finds a draft once saved, the edited text after an edit, nothing after a delete', async () => {
    const { core, clientId, accountId } = await bakery();
    const saved = expectOk(
      await core.invoke('drafts:save', {
        clientId,
        accountIds: [accountId],
        parts: [{ text: 'Fresh sourdough at the Café tomorrow' }, { text: 'Rye on Friday' }],
      }),
    );
    const found = await search(core, 'sourdough');
    expect(ids(found)).toEqual([saved.id]);
    expect(found.hits[0]).toMatchObject({ clientId, status: 'draft', partPosition: 0 });
    expect(found.hits[0]?.snippet.filter((p) => p.match).map((p) => p.text)).toEqual(['sourdough']);
    // Accents and case never matter; the second part is searched too.
    expect(ids(await search(core, 'cafe'))).toEqual([saved.id]);
    expect((await search(core, 'RYE')).hits[0]?.partPosition).toBe(1);

    expectOk(
      await core.invoke('drafts:save', {
        id: saved.id,
        clientId,
        accountIds: [accountId],
        parts: [{ text: 'Croissants at dawn' }],
      }),
    );
    expect(ids(await search(core, 'sourdough'))).toEqual([]);
    expect(ids(await search(core, 'rye'))).toEqual([]);
    expect(ids(await search(core, 'croissants'))).toEqual([saved.id]);
    indexMatchesParts(core);

    expectOk(await core.invoke('drafts:delete', { id: saved.id }));
    expect(await search(core, 'croissants')).toEqual({ hits: [], more: false });
    indexMatchesParts(core);
  });

  it('follows a part edited in place and a post deleted with its parts', async () => {
    const { core, db, clientId, accountId } = await bakery();
    const made = await makePost(db, { clientId, accountIds: [accountId], parts: ['Lemon tart'] });
    await db
      .updateTable('post_parts')
      .set({ text: 'Plum cake' })
      .where('id', '=', made.partIds[0] ?? '')
      .execute();
    expect(ids(await search(core, 'lemon'))).toEqual([]);
    expect(ids(await search(core, 'plum'))).toEqual([made.postId]);
    await db.deleteFrom('posts').where('id', '=', made.postId).execute();
    expect(ids(await search(core, 'plum'))).toEqual([]);
    indexMatchesParts(core);
  });

  it('ranks the better match first, one hit per post, within a client and a limit', async () => {
    const { core, db, clientId, accountId } = await bakery();
    const other = await makeClient(db, { name: 'Florist' });
    const otherAccount = await makeAccount(db, other);
    const once = await makePost(db, {
      clientId,
      accountIds: [accountId],
      parts: ['A long note about opening hours, parking, the new oven and bread'],
    });
    const twice = await makePost(db, {
      clientId,
      accountIds: [accountId],
      parts: ['Bread, bread, bread', 'More bread in part two'],
    });
    const elsewhere = await makePost(db, {
      clientId: other,
      accountIds: [otherAccount],
      parts: ['Bread and roses'],
    });
    const all = await search(core, 'bread');
    expect(ids(all)).toHaveLength(3);
    expect(ids(all).indexOf(twice.postId)).toBeLessThan(ids(all).indexOf(once.postId));
    expect(ids(await search(core, 'bread', { clientId: other }))).toEqual([elsewhere.postId]);
    expect(ids(await search(core, 'bread', { limit: 1 }))).toHaveLength(1);
    expect(ids(await search(core, 'bread -roses'))).not.toContain(elsewhere.postId);
    expect(ids(await search(core, 'roses OR oven')).sort()).toEqual(
      [once.postId, elsewhere.postId].sort(),
    );
    expect(ids(await search(core, '"bread and roses"'))).toEqual([elsewhere.postId]);
    expect(ids(await search(core, 'ove*'))).toEqual([once.postId]);
  });

  it("finds a client's older match behind a full window of another client's", async () => {
    const { core, db, clientId, accountId } = await bakery();
    const older = await makePost(db, { clientId, accountIds: [accountId], parts: ['Bread'] });
    const other = await makeClient(db, { name: 'Florist' });
    const newer = await makePost(db, {
      clientId: other,
      accountIds: [await makeAccount(db, other)],
      parts: ['Bread'],
    });
    // More matching parts than the window, all newer and all the other client's.
    const part = core.database.sqlite.prepare(
      `INSERT INTO post_parts (id, post_seq, position, text)
       VALUES (?, (SELECT seq FROM posts WHERE id = ?), ?, ?)`,
    );
    core.database.sqlite.transaction(() => {
      for (let i = 1; i <= searchWindow; i += 1) {
        part.run(`extra-${String(i)}`, newer.postId, i, `Bread number ${String(i)}`);
      }
    })();
    const all = await search(core, 'bread');
    expect(all).toMatchObject({ more: true });
    expect(ids(all)).toEqual([newer.postId]);
    expect(await search(core, 'bread', { clientId })).toEqual({
      hits: [expect.objectContaining({ postId: older.postId, clientId })],
      more: false,
    });
    expect(ids(await search(core, 'bread', { clientId: other }))).toEqual([newer.postId]);
    // The client's own word is not text a person wrote.
    expect(ids(await search(core, clientId.replaceAll('-', '')))).toEqual([]);
    indexMatchesParts(core);
  });

  it('reads FTS5 operators inside words as text, and refuses what it cannot read', async () => {
    const { core, db, clientId, accountId } = await bakery();
    const made = await makePost(db, {
      clientId,
      accountIds: [accountId],
      parts: ['NEAR the AND gate: column:1 #sale'],
    });
    for (const query of ['NEAR', 'AND', 'column:1', '#sale', 'sale)', '^gate', 'gate +']) {
      expect(ids(await search(core, query)), query).toEqual([made.postId]);
    }
    expect(ids(await search(core, 'gat*'))).toEqual([made.postId]);
    // Written without spaces, a Japanese phrase is one word: a short prefix is how a word
    // inside it is found, so it is not held to three letters.
    const tokyo = await makePost(db, {
      clientId,
      accountIds: [accountId],
      parts: ['東京タワーの夜景'],
    });
    expect(ids(await search(core, '東京*'))).toEqual([tokyo.postId]);
    for (const [query, message] of [
      ['"unclosed', /quote/],
      ['OR bread', /OR goes between/],
      ['bread OR', /OR goes between/],
      ['-bread', /not only what to leave out/],
      ['!!! ...', /word or a number/],
      // Two letters begin too many words (migration 0032 keeps three-letter lists only).
      ['ga*', /at least 3 letters before the \*/],
      ['gate -co*', /at least 3 letters before the \*/],
      // The * belongs to the last word only: `e-ma*` is `e` and `ma*`.
      ['e-ma*', /at least 3 letters before the \*/],
    ] as const) {
      const answer = await core.invoke('posts:search', { query });
      expect(answer.ok, query).toBe(false);
      if (!answer.ok) {
        expect(answer.error.code).toBe('VALIDATION');
        expect(answer.error.message).toMatch(message);
      }
    }
  });

  it('indexes the posts of a database written before migration 0016 when migrating it', async () => {
    const dataDir = tempDataDir();
    const old = await openOldDatabase(dataDir, '0015-documents', Date.now());
    const clientId = await makeClient(old.db);
    const accountId = await makeAccount(old.db, clientId);
    const made = await makePost(old.db, {
      clientId,
      accountIds: [accountId],
      parts: ['Old rhubarb pie'],
    });
    await old.db.destroy();
    const core = await makeCore({ dataDir });
    expect(core.database.applied).toContain('0016-post-search');
    expect(ids(await search(core, 'rhubarb'))).toEqual([made.postId]);
    expect(ids(await search(core, 'rhubarb', { clientId }))).toEqual([made.postId]);
    indexMatchesParts(core);
  });
});
