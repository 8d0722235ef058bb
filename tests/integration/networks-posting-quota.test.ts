// The composer's posting-limit line (accounts:posting-quota) against the fakes: Instagram's
// content_publishing_limit and Threads' threads_publishing_limit, with the numbers each
// fake counts from its own ledger (posts Starling published, posts made elsewhere), kept
// for a minute, a warning when the post would not fit, and a plain line when the count
// cannot be read (connection reset, token expired).
import { describe, expect, it } from 'vitest';
import { expectOk } from '../helpers/core.ts';
import { instagramFixture } from './instagram-fixture.ts';
import { threadsFixture } from './threads-fixture.ts';

const limitReads = (requests: { path: string }[], edge: string) =>
  requests.filter((r) => r.path.endsWith(`/${edge}`)).length;

describe('the composer’s posting-limit line', () => {
  it('shows Instagram’s own count, kept for a minute, and warns when the post would not fit', async () => {
    const fx = await instagramFixture();
    for (const text of ['First loaf', 'Second loaf']) {
      const { targetId } = await fx.post({ text, media: [{ assetId: await fx.jpeg() }] });
      expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    }
    fx.ig.publishedElsewhere.set(fx.instagram.id, 45);
    const ask = async () =>
      expectOk(
        await fx.core.invoke('accounts:posting-quota', { accountIds: [fx.account.id], parts: 1 }),
      );
    const reads = () => limitReads(fx.fake.requests(), 'content_publishing_limit');
    const before = reads();

    expect(await ask()).toEqual([
      {
        accountId: fx.account.id,
        used: 47,
        total: 50,
        words: '47 of 50 posts used in the last 24 hours.',
        warning: null,
        readAt: fx.core.clock.now(),
      },
    ]);
    expect(reads()).toBe(before + 1);

    // Asked again within the minute (the composer reopened): the kept answer, no request.
    fx.ig.publishedElsewhere.set(fx.instagram.id, 48);
    fx.core.advance(30_000);
    expect((await ask())[0]?.used).toBe(47);
    expect(reads()).toBe(before + 1);

    fx.core.advance(31_000);
    const full = (await ask())[0];
    expect(full).toMatchObject({
      used: 50,
      total: 50,
      words: '50 of 50 posts used in the last 24 hours.',
    });
    expect(full?.warning).toBe(
      'Instagram allows 50 posts in any 24 hours and none are left. ' +
        'If that is still so at its time, it waits until older posts are more than 24 hours old.',
    );
    expect(reads()).toBe(before + 2);
  });

  it('says plainly when Instagram’s count cannot be read: no answer, then an expired token', async () => {
    const fx = await instagramFixture({ relay: false });
    const ask = async () =>
      expectOk(
        await fx.core.invoke('accounts:posting-quota', { accountIds: [fx.account.id], parts: 1 }),
      )[0];
    fx.fake.faults.add({ path: /\/content_publishing_limit$/, kind: 'reset' });
    expect(await ask()).toMatchObject({
      used: null,
      total: null,
      warning: null,
      words:
        'Instagram’s posting limit could not be read: Instagram could not be reached ' +
        '(offline?). Starling asks again before publishing.',
    });

    // A failed read is tried again after 15 seconds, not a minute.
    fx.core.advance(16_000);
    expect(await ask()).toMatchObject({ used: 0, total: 50 });

    fx.core.advance(61_000);
    fx.fake.faults.add({ path: /\/content_publishing_limit$/, kind: 'expired' });
    expect((await ask())?.words).toBe(
      'Instagram’s posting limit could not be read: the account needs reconnecting. ' +
        'Starling asks again before publishing.',
    );
    const account = expectOk(await fx.core.invoke('accounts:list', { clientId: fx.clientId })).find(
      (a) => a.id === fx.account.id,
    );
    expect(account?.status).toBe('needs_reauth');
  });

  it('shows Threads’ posts and, for a thread, its replies, and warns when they run out', async () => {
    const fx = await threadsFixture();
    const { targetId } = await fx.post(['One: the dough', 'Two: the proof', 'Three: the bake']);
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    fx.fake.postElsewhere(fx.user.id, 'Posted from the Threads app');
    const ask = async (parts: number) =>
      expectOk(
        await fx.core.invoke('accounts:posting-quota', { accountIds: [fx.account.id], parts }),
      )[0];

    expect(await ask(1)).toMatchObject({
      used: 2,
      total: 250,
      words: '2 of 250 posts used in the last 24 hours.',
      warning: null,
    });
    // Same minute, a longer thread: the kept answer, now with the replies it takes.
    expect(await ask(3)).toMatchObject({
      words: '2 of 250 posts used in the last 24 hours; 2 of 1,000 replies used.',
      warning: null,
    });
    expect(limitReads(fx.fake.ledger.requests(), 'threads_publishing_limit')).toBe(4);

    fx.fake.setQuota({ replies: 3 });
    fx.core.advance(61_000);
    expect((await ask(3))?.warning).toBe(
      'Threads allows 3 replies in any 24 hours; this thread needs 2 and only 1 is left. ' +
        'If that is still so at its time, it waits until older replies are more than 24 hours old.',
    );
    expect((await ask(2))?.warning).toBeNull();
  });
});
