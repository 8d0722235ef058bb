// Mastodon metrics through the analytics sync, against the fake instance: favourites,
// reblogs and replies per published status into post_metric_snapshots, a deleted status
// marked gone, followers into account_metric_snapshots, no read billed; a revoked token
// marks the account for a reconnect.
import { describe, expect, it } from 'vitest';
import { createPassphraseCipher } from '../../main/core/adapters/passphrase-cipher.ts';
import { mastodonCredentials } from '../../main/core/platforms/mastodon/settings.ts';
import { createCredentialStore } from '../../main/core/vault/credential-store.ts';

import { testPassphrase } from '../helpers/x-accounts.ts';
import { mastodonFixture, type MastodonFixture } from './mastodon-fixture.ts';
import { expectOk } from '../helpers/core.ts';

const hour = 60 * 60_000;

async function published(fx: MastodonFixture, text: string) {
  const { targetId } = await fx.post([text]);
  const outcome = await fx.publish(targetId);
  if (outcome.kind !== 'published') throw new Error(`not published: ${outcome.kind}`);
  return { targetId, statusId: outcome.remoteId };
}

/** Deletes a status as the user would in another app, with the account's own token. */
async function deleteStatus(fx: MastodonFixture, statusId: string): Promise<void> {
  const cipher = createPassphraseCipher(fx.core.dataDir, testPassphrase);
  const store = createCredentialStore(fx.db, cipher, fx.core.clock);
  const credentials = await store.read(fx.account.id, mastodonCredentials);
  const res = await fetch(`${fx.fake.origin}/api/v1/statuses/${statusId}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${credentials?.accessToken ?? ''}` },
  });
  expect(res.status).toBe(200);
}

const sync = async (fx: MastodonFixture) =>
  expectOk(await fx.core.invoke('analytics:sync-now', { dueOnly: true }));

describe('Mastodon metrics', () => {
  it('reads favourites, reblogs, replies and followers into the local history', async () => {
    const fx = await mastodonFixture();
    const kept = await published(fx, 'Focaccia Friday');
    const removed = await published(fx, 'Typo, deleting this');
    fx.fake.setStatusCounts(kept.statusId, { favourites: 7, reblogs: 3, replies: 2 });
    fx.fake.setFollowers(fx.user.id, 42);
    await deleteStatus(fx, removed.statusId);
    fx.core.advance(hour + 60_000);

    const result = await sync(fx);

    expect(result).toMatchObject({ postsRead: 1, deleted: 1, accountsRead: 1, problems: [] });
    const snapshots = await fx.db.selectFrom('post_metric_snapshots').selectAll().execute();
    expect(snapshots).toEqual([
      expect.objectContaining({
        target_id: kept.targetId,
        account_id: fx.account.id,
        fetched_at: fx.core.clock.now(),
        likes: 7,
        reposts: 3,
        replies: 2,
        quotes: 0,
        impressions: null,
        clicks: null,
      }),
    ]);
    const gone = await fx.db
      .selectFrom('metric_polls')
      .select(['gone_at', 'due_at'])
      .where('subject_id', '=', removed.targetId)
      .executeTakeFirstOrThrow();
    expect(gone).toEqual({ gone_at: fx.core.clock.now(), due_at: null });
    const followers = await fx.db.selectFrom('account_metric_snapshots').selectAll().execute();
    expect(followers).toEqual([
      expect.objectContaining({
        account_id: fx.account.id,
        followers: 42,
        following: 0,
        posts_count: 1,
      }),
    ]);
    // One GET per status (the API has no batch read), and nothing counted against a cap.
    expect(fx.requests('GET', /^\/api\/v1\/statuses\/\d+$/)).toBe(2);
    expect(await fx.db.selectFrom('x_read_usage').selectAll().execute()).toEqual([]);
  });

  it('marks the account for a reconnect when the instance refuses its token', async () => {
    const fx = await mastodonFixture();
    await published(fx, 'Bagels');
    fx.fake.revokeUser(fx.user.id);
    fx.core.advance(hour + 60_000);

    const result = await sync(fx);

    expect(result.problems).toEqual([
      { accountId: fx.account.id, message: expect.stringMatching(/refused the account's token/) },
    ]);
    const account = await fx.db
      .selectFrom('social_accounts')
      .select('status')
      .where('id', '=', fx.account.id)
      .executeTakeFirstOrThrow();
    expect(account.status).toBe('needs_reauth');
    expect(await fx.db.selectFrom('post_metric_snapshots').selectAll().execute()).toEqual([]);
  });
});
