// Deleting a published post from its networks (posts:unpublish): a two-part thread that
// went out on X, Bluesky and Mastodon is deleted from each fake, replies before the posts
// they answer; a network that refuses or has a limit is named and keeps its copy, and
// deleting again finishes the job; a post already deleted on the network by hand counts
// as deleted; the post stays in Starling as 'deleted' and is not sent again.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { PostDetail } from '../../shared/posts.ts';
import { expectOk } from '../helpers/core.ts';
import { threeNetworks } from './networks-fixture.ts';
import { postSeqOf } from '../../main/core/db/post-numbers.ts';

type Setup = Awaited<ReturnType<typeof threeNetworks>>;

/** Schedules a thread two seconds ahead to `accountIds` and waits until it is out. */
async function publishThread(setup: Setup, parts: string[]): Promise<PostDetail> {
  const { core, clientId, accountIds } = setup;
  const post = expectOk(
    await core.invoke('posts:schedule', {
      clientId,
      accountIds,
      parts: parts.map((text) => ({ text })),
      when: { at: new Date(Date.now() + 2_000).toISOString() },
    }),
  );
  await core.scheduler.start();
  for (let waited = 0; waited < 30_000; waited += 250) {
    const now = expectOk(await core.invoke('posts:get', { id: post.id }));
    if (now.status === 'published') return now;
    await sleep(250);
  }
  throw new Error('the thread was not published in 30 s');
}

const live = (setup: Setup) => ({
  x: setup.x.posts().length,
  bluesky: setup.bluesky.posts().length,
  mastodon: setup.mastodon.posts().length,
});

describe('deleting a published post from its networks', () => {
  it('deletes a thread from X, Bluesky and Mastodon, last part first, and keeps it here', async () => {
    const setup = await threeNetworks();
    const { core, x } = setup;
    const post = await publishThread(setup, ['Rye is back', 'From 8 tomorrow']);
    expect(live(setup)).toEqual({ x: 2, bluesky: 2, mastodon: 2 });
    const [firstTweet, secondTweet] = x.posts().map((p) => p.id);

    const result = expectOk(await core.invoke('posts:unpublish', { id: post.id }));
    expect(result).toMatchObject({ deleted: 3, failures: [], post: { status: 'deleted' } });
    expect(result.post.targets.map((t) => t.status)).toEqual(['deleted', 'deleted', 'deleted']);
    expect(live(setup)).toEqual({ x: 0, bluesky: 0, mastodon: 0 });
    // The reply went before the post it answers.
    const deletes = x.fake.ledger
      .requests()
      .filter((r) => r.method === 'DELETE')
      .map((r) => r.path);
    expect(deletes).toEqual([`/2/tweets/${secondTweet ?? ''}`, `/2/tweets/${firstTweet ?? ''}`]);

    const detail = expectOk(await core.invoke('posts:get', { id: post.id }));
    expect(detail.parts.map((p) => p.text)).toEqual(['Rye is back', 'From 8 tomorrow']);
    expect(detail.events.filter((e) => e.type === 'part.removed')).toHaveLength(6);
    expect(detail.events.filter((e) => e.type === 'target.deleted')).toHaveLength(3);

    // Nothing left to delete, and nothing to send again.
    const again = await core.invoke('posts:unpublish', { id: post.id });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(again.ok ? '' : again.error.message).toMatch(/already deleted/);
    const retry = await core.invoke('posts:retry', { id: post.id });
    expect(retry).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // The metric sync no longer reads it.
    const polled = await core.database.db
      .selectFrom('post_targets')
      .select('id')
      .where('post_seq', '=', postSeqOf(post.id))
      .where('status', '=', 'published')
      .execute();
    expect(polled).toEqual([]);
  }, 60_000);

  it('names a network that failed, keeps its copy, and finishes when asked again', async () => {
    const setup = await threeNetworks();
    const { core, bluesky, mastodon, accountIds } = setup;
    const post = await publishThread(setup, ['Oven repairs', 'Closed on Monday']);
    // Mastodon fails the first delete; X says its limit is spent; Bluesky's reply was
    // already deleted by hand.
    mastodon.fault({ method: 'DELETE', path: '/api/v1/statuses/:id', kind: 'status', status: 503 });
    setup.x.fault({
      method: 'DELETE',
      path: '/2/tweets/:id',
      kind: 'rate-limit',
      resetInSeconds: 60,
    });
    const reply = bluesky.posts().find((p) => p.text === 'Closed on Monday');
    bluesky.fake.deleteRecord(reply?.id ?? '');

    const first = expectOk(await core.invoke('posts:unpublish', { id: post.id }));
    expect(first.deleted).toBe(1);
    expect(first.failures).toEqual([
      expect.objectContaining({
        accountId: accountIds[0],
        message: expect.stringMatching(/^X did not take the delete/),
        retryAt: expect.any(Number),
      }),
      expect.objectContaining({
        accountId: accountIds[2],
        message: expect.stringMatching(/^Mastodon /),
      }),
    ]);
    // X and Mastodon still have the whole thread up; the others' state is kept.
    expect(live(setup)).toEqual({ x: 2, bluesky: 0, mastodon: 2 });
    expect(first.post.status).toBe('published');
    const statusOf = (id: string | undefined) =>
      first.post.targets.find((t) => t.accountId === id)?.status;
    expect(accountIds.map(statusOf)).toEqual(['published', 'deleted', 'published']);
    const detail = expectOk(await core.invoke('posts:get', { id: post.id }));
    const gone = detail.events.find((e) => e.type === 'part.removed' && e.detail.alreadyGone);
    expect(gone).toBeDefined();
    expect(detail.events.filter((e) => e.type === 'target.delete-failed')).toHaveLength(2);

    // Only from Mastodon this time: X stays as it is.
    const mastodonOnly = expectOk(
      await core.invoke('posts:unpublish', { id: post.id, accountIds: [accountIds[2] ?? ''] }),
    );
    expect(mastodonOnly).toMatchObject({ deleted: 1, failures: [] });
    expect(live(setup)).toEqual({ x: 2, bluesky: 0, mastodon: 0 });

    // X's limit has passed: everything is gone, and the post is deleted.
    setup.x.follow(Date.now() + 61_000);
    const last = expectOk(await core.invoke('posts:unpublish', { id: post.id }));
    expect(last).toMatchObject({ deleted: 1, failures: [], post: { status: 'deleted' } });
    expect(live(setup)).toEqual({ x: 0, bluesky: 0, mastodon: 0 });
  }, 60_000);

  it('refuses a post that has not gone out, and an account the post was not made for', async () => {
    const setup = await threeNetworks();
    const { core, clientId, accountIds } = setup;
    const waiting = expectOk(
      await core.invoke('posts:schedule', {
        clientId,
        accountIds: [accountIds[0] ?? ''],
        parts: [{ text: 'Next week' }],
        when: { at: new Date(Date.now() + 86_400_000).toISOString() },
      }),
    );
    const notOut = await core.invoke('posts:unpublish', { id: waiting.id });
    expect(notOut).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(notOut.ok ? '' : notOut.error.message).toMatch(/scheduled/);
    const stranger = await core.invoke('posts:unpublish', {
      id: waiting.id,
      accountIds: [accountIds[1] ?? ''],
    });
    expect(stranger).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const missing = await core.invoke('posts:unpublish', { id: 'no-such-post' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  }, 30_000);
});
