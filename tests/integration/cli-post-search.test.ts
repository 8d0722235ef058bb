// `starling posts search` as a process on a real data folder: hits with the match in
// brackets, --client and --limit, --json pieces, and a search that cannot be read or a
// bad --limit refused with a message and a non-zero exit.
import { describe, expect, it } from 'vitest';
import type { PostSearchResult } from '../../shared/post-search.ts';
import { runCli } from '../helpers/cli.ts';
import { makeCore } from '../helpers/core.ts';
import { makeAccount, makeClient, makePost } from '../helpers/post-factories.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

describe('starling posts search', () => {
  it('prints the matching posts, filters by client, limits, and refuses a bad search', async () => {
    const dataDir = tempDataDir();
    const core = await makeCore({ dataDir });
    const db = core.database.db;
    const bakery = await makeClient(db, { name: 'Bakery' });
    const florist = await makeClient(db, { name: 'Florist' });
    const bread = await makePost(db, {
      clientId: bakery,
      accountIds: [await makeAccount(db, bakery)],
      parts: ['Warm bread from six', 'Rolls too'],
    });
    const roses = await makePost(db, {
      clientId: florist,
      accountIds: [await makeAccount(db, florist)],
      parts: ['Bread and roses for the march'],
    });
    await core.close();
    const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args]);

    const text = cli('posts', 'search', 'bread');
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain(bread.postId);
    expect(text.stdout).toContain(roses.postId);
    expect(text.stdout).toContain('[bread]');

    const json = cli('--json', 'posts', 'search', 'bread', '--client', florist);
    expect(json.status, json.stderr).toBe(0);
    const answer = json.json() as PostSearchResult;
    expect(answer.more).toBe(false);
    expect(answer.hits.map((h) => h.postId)).toEqual([roses.postId]);
    expect(answer.hits[0]?.snippet).toContainEqual({ text: 'Bread', match: true });

    const one = cli('--json', 'posts', 'search', 'bread', '--limit', '1');
    expect((one.json() as PostSearchResult).hits).toHaveLength(1);

    const none = cli('posts', 'search', 'baguette');
    expect(none.stdout.trim()).toBe('No posts match.');

    const unclosed = cli('--json', 'posts', 'search', '"bread');
    expect(unclosed.status).not.toBe(0);
    expect(unclosed.json()).toMatchObject({ error: { code: 'VALIDATION' } });
    expect(unclosed.stderr).toMatch(/quote/);
    expect(unclosed.stderr).not.toMatch(/fts5|SqliteError/i);

    const badLimit = cli('posts', 'search', 'bread', '--limit', '0');
    expect(badLimit.status).not.toBe(0);
    expect(badLimit.stderr).toMatch(/whole number from 1 to 100/);
  });
});
