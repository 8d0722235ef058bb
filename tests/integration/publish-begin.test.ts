// A run of the publisher reads its post a few awaits before it begins sending, and a
// person's cancel, or a new time, may land in between (posts.ts cancels and moves only the
// jobs not yet claimed, trusting the run to notice). Beginning the send is itself the
// check: it never sets a cancelled or moved post publishing, and changes nothing then.
import { describe, expect, it } from 'vitest';
import { createPostLifecycle } from '../../main/core/posts/lifecycle.ts';
import { expectOk, makeCore } from '../helpers/core.ts';
import { makeAccount, makeClient, makePost } from '../helpers/post-factories.ts';

async function duePost() {
  const core = await makeCore();
  const { db } = core.database;
  const clientId = await makeClient(db);
  const accountId = await makeAccount(db, clientId);
  const made = await makePost(db, {
    clientId,
    accountIds: [accountId],
    parts: ['Rye'],
    scheduledAt: core.clock.now(),
  });
  const targetId = made.targets[accountId] ?? '';
  const lifecycle = createPostLifecycle(
    db,
    () => core.clock.now(),
    () => undefined,
  );
  const target = () =>
    db
      .selectFrom('post_targets')
      .select(['status', 'attempts'])
      .where('id', '=', targetId)
      .executeTakeFirstOrThrow();
  return { core, postId: made.postId, targetId, lifecycle, target };
}

describe('beginning to send a post', () => {
  it('counts the attempt of a post due now', async () => {
    const { postId, targetId, lifecycle, target } = await duePost();
    expect(await lifecycle.begin(postId, targetId)).toBe(1);
    expect(await target()).toEqual({ status: 'publishing', attempts: 1 });
  });

  it('declines a post cancelled since it was read, and leaves it cancelled', async () => {
    const { core, postId, targetId, lifecycle, target } = await duePost();
    expectOk(await core.invoke('posts:cancel', { id: postId }));
    expect(await lifecycle.begin(postId, targetId)).toBeNull();
    expect(await target()).toEqual({ status: 'cancelled', attempts: 0 });
    expect(expectOk(await core.invoke('posts:get', { id: postId })).status).toBe('cancelled');
  });

  it('declines a post moved to a later time since it was read', async () => {
    const { core, postId, targetId, lifecycle, target } = await duePost();
    await core.database.db
      .updateTable('posts')
      .set({ scheduled_at: core.clock.now() + 60 * 60_000 })
      .where('id', '=', postId)
      .execute();
    expect(await lifecycle.begin(postId, targetId)).toBeNull();
    expect(await target()).toEqual({ status: 'scheduled', attempts: 0 });
  });
});
