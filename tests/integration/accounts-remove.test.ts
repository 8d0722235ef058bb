// Removing an account deletes its targets with it (the schema cascades), so it is refused
// while any post is still to go out on it: the post would otherwise be left "scheduled"
// with nowhere to go, and never go out. Once they are cancelled or sent, it goes.
import { describe, expect, it } from 'vitest';
import { expectOk, makeCore } from '../helpers/core.ts';
import { makeAccount, makeClient, makePost } from '../helpers/post-factories.ts';

describe('removing an account', () => {
  it('is refused while posts are still to go out on it, and changes nothing', async () => {
    const core = await makeCore();
    const { db } = core.database;
    const clientId = await makeClient(db);
    const accountId = await makeAccount(db, clientId, { handle: 'bakery' });
    const other = await makeAccount(db, clientId, { handle: 'bakery_news' });
    const post = await makePost(db, { clientId, accountIds: [accountId, other], parts: ['Rye'] });
    await makePost(db, { clientId, accountIds: [accountId], parts: ['Sent'], status: 'published' });

    const refused = await core.invoke('accounts:remove', { id: accountId });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        message:
          '@bakery has 1 post still to go out. Cancel it, or give it another account, before removing it: removing it would delete it.',
      },
    });
    expect(expectOk(await core.invoke('accounts:list', { clientId })).map((a) => a.id)).toContain(
      accountId,
    );
    expect(expectOk(await core.invoke('posts:get', { id: post.postId })).targets).toHaveLength(2);

    expectOk(await core.invoke('posts:cancel', { id: post.postId }));
    expectOk(await core.invoke('accounts:remove', { id: accountId }));
    expect(expectOk(await core.invoke('accounts:list', { clientId })).map((a) => a.id)).toEqual([
      other,
    ]);
  });
});
