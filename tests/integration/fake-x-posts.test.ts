// The fake X server's posts and users, driven by twitter-api-v2 through the real routing
// agent: replies, duplicates, length, deletion, metrics with partial errors, user
// timelines, and users with counts set by the test.
import { type Tweetv2FieldsParams } from 'twitter-api-v2';
import { describe, expect, it } from 'vitest';
import { fakeX, responseError, setUp, clientFor } from './fake-x-fixture.ts';

describe('fake X: posts', () => {
  it('posts, replies, and refuses duplicates, long text, and replies to missing posts', async () => {
    const fake = await fakeX();
    const user = setUp(fake);
    const v2 = clientFor(fake, user.id);
    const first = await v2.tweet('Opening at 8 tomorrow');
    const reply = await v2.reply('And closing at 6', first.data.id);
    expect(BigInt(reply.data.id)).toBeGreaterThan(BigInt(first.data.id));
    expect(fake.ledger.tweets()[1]).toMatchObject({
      replyToId: first.data.id,
      text: 'And closing at 6',
    });

    const duplicate = await responseError(v2.tweet('Opening at 8 tomorrow'));
    expect(duplicate.code).toBe(403);
    expect(duplicate.data).toEqual({
      detail: 'You are not allowed to create a Tweet with duplicate content.',
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
    });

    // 280 weighted characters fit; a URL counts 23 and an emoji 2.
    await v2.tweet('a'.repeat(280));
    await v2.tweet(`${'b'.repeat(256)} https://example.com/${'x'.repeat(100)}`);
    await v2.tweet(`${'c'.repeat(278)}😀`);
    const tooLong = await responseError(v2.tweet(`${'d'.repeat(279)}😀`));
    expect(tooLong.code).toBe(400);
    expect(tooLong.data).toMatchObject({
      title: 'Invalid Request',
      type: 'https://api.twitter.com/2/problems/invalid-request',
      errors: [{ message: expect.stringMatching(/text is too long/) }],
    });

    const orphan = await responseError(v2.reply('hello?', '1234567890123456789'));
    expect(orphan.code).toBe(403);
    expect(orphan.data).toMatchObject({
      title: 'Forbidden',
      detail: expect.stringMatching(/reply to a Tweet that is deleted/),
    });
    expect(fake.ledger.tweets()).toHaveLength(5);
  });

  it('deletes only the author’s posts; a deleted post no longer blocks the same text', async () => {
    const fake = await fakeX();
    const user = setUp(fake);
    const stranger = fake.addUser({ username: 'stranger' });
    const v2 = clientFor(fake, user.id);
    const posted = await v2.tweet('Typo in ths post');
    const notYours = await responseError(clientFor(fake, stranger.id).deleteTweet(posted.data.id));
    expect(notYours.code).toBe(403);
    expect(await v2.deleteTweet(posted.data.id)).toEqual({ data: { deleted: true } });
    expect(fake.ledger.tweets()[0]?.deleted).toBe(true);
    expect((await responseError(v2.deleteTweet(posted.data.id))).code).toBe(404);
    await v2.tweet('Typo in ths post');
    const reply = await responseError(v2.reply('late reply', posted.data.id));
    expect(reply.code).toBe(403);
  });

  it('returns metrics with partial errors for missing, deleted and unauthorized posts', async () => {
    const fake = await fakeX();
    const user = setUp(fake);
    const other = fake.addUser({ username: 'other_shop' });
    const v2 = clientFor(fake, user.id);
    const kept = await v2.tweet('Latte art class on Friday');
    const gone = await v2.tweet('Wrong date, sorry');
    await v2.deleteTweet(gone.data.id);
    const theirs = await clientFor(fake, other.id).tweet('Not mine');
    fake.setMetrics(kept.data.id, {
      impressions: 1500,
      likes: 40,
      reposts: 5,
      replies: 3,
      quotes: 1,
      bookmarks: 7,
      urlClicks: 12,
      profileClicks: 9,
    });
    const missing = '1999999999999999999';

    const fields: Partial<Tweetv2FieldsParams> = {
      'tweet.fields': ['public_metrics', 'non_public_metrics', 'organic_metrics', 'created_at'],
    };
    const result = await v2.tweets([kept.data.id, gone.data.id, missing, theirs.data.id], fields);
    expect(result.data).toEqual([
      {
        id: kept.data.id,
        text: 'Latte art class on Friday',
        edit_history_tweet_ids: [kept.data.id],
        created_at: new Date(fake.clock.now()).toISOString(),
        public_metrics: {
          retweet_count: 5,
          reply_count: 3,
          like_count: 40,
          quote_count: 1,
          bookmark_count: 7,
          impression_count: 1500,
        },
        non_public_metrics: { impression_count: 1500, url_link_clicks: 12, user_profile_clicks: 9 },
        organic_metrics: {
          impression_count: 1500,
          like_count: 40,
          reply_count: 3,
          retweet_count: 5,
          url_link_clicks: 12,
          user_profile_clicks: 9,
        },
      },
    ]);
    const errors = result.errors ?? [];
    expect(errors).toContainEqual(
      expect.objectContaining({
        resource_id: gone.data.id,
        title: 'Not Found Error',
        type: 'https://api.twitter.com/2/problems/resource-not-found',
        detail: `Could not find tweet with ids: [${gone.data.id}].`,
      }),
    );
    expect(errors).toContainEqual(
      expect.objectContaining({ resource_id: missing, title: 'Not Found Error' }),
    );
    expect(errors).toContainEqual(
      expect.objectContaining({
        resource_id: theirs.data.id,
        field: 'non_public_metrics',
        title: 'Field Authorization Error',
        type: 'https://api.twitter.com/2/problems/not-authorized-for-field',
      }),
    );

    // Public metrics of anyone's post are fine.
    const publicOnly = await v2.tweets([theirs.data.id], { 'tweet.fields': ['public_metrics'] });
    expect(publicOnly.data[0]?.public_metrics?.like_count).toBe(0);
    // Private metrics stop after 30 days.
    fake.clock.advance(30 * 24 * 3600 * 1000);
    const old = await clientFor(fake, user.id).tweets([kept.data.id], fields);
    expect(old.data).toBeUndefined();
    expect(old.errors?.map((e) => (e as { field?: string }).field)).toEqual([
      'non_public_metrics',
      'organic_metrics',
    ]);

    const later = clientFor(fake, user.id);
    const badIds = await responseError(later.tweets(['abc']));
    expect(badIds.code).toBe(400);
    const badField = await responseError(
      later.get('tweets', { ids: kept.data.id, 'tweet.fields': 'likes' }),
    );
    expect(badField.code).toBe(400);
  });

  it('pages a user timeline newest first with meta and since_id', async () => {
    const fake = await fakeX();
    const user = setUp(fake);
    const v2 = clientFor(fake, user.id);
    const ids: string[] = [];
    for (let i = 1; i <= 12; i += 1) {
      ids.push((await v2.tweet(`Post number ${i}`)).data.id);
      fake.clock.advance(1000);
    }
    await v2.deleteTweet(ids[5] ?? '');
    const newestFirst = ids.filter((_, i) => i !== 5).reverse();

    const page = await v2.userTimeline(user.id, {
      max_results: 5,
      'tweet.fields': ['created_at', 'public_metrics'],
    });
    expect(page.tweets.map((t) => t.id)).toEqual(newestFirst.slice(0, 5));
    expect(page.meta).toMatchObject({
      result_count: 5,
      newest_id: newestFirst[0],
      oldest_id: newestFirst[4],
      next_token: expect.any(String),
    });
    await page.fetchNext();
    await page.fetchNext();
    expect(page.tweets.map((t) => t.id)).toEqual(newestFirst);
    expect(page.done).toBe(true);

    const since = await v2.get(
      'users/:id/tweets',
      { since_id: ids[9] ?? '' },
      { params: { id: user.id } },
    );
    expect(since).toMatchObject({
      data: [{ id: ids[11] }, { id: ids[10] }],
      meta: { result_count: 2 },
    });
    const none = await v2.get(
      'users/:id/tweets',
      { since_id: ids[11] ?? '' },
      { params: { id: user.id } },
    );
    expect(none).toEqual({ meta: { result_count: 0 } });
    expect((await responseError(v2.userTimeline(user.id, { max_results: 4 }))).code).toBe(400);

    // start_time is inclusive and end_time exclusive, at second granularity.
    const createdAt = (id: string | undefined) =>
      fake.ledger.tweets().find((t) => t.id === id)?.createdAt ?? 0;
    const second = (ms: number) =>
      new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
    const window = await v2.userTimeline(user.id, {
      start_time: second(createdAt(ids[9])),
      end_time: second(createdAt(ids[11])),
    });
    expect(window.tweets.map((t) => t.id)).toEqual([ids[10], ids[9]]);
    expect((await responseError(v2.userTimeline(user.id, { start_time: 'yesterday' }))).code).toBe(
      400,
    );
  });
});

describe('fake X: users', () => {
  it('reads users by id with counts set by the test', async () => {
    const fake = await fakeX();
    const user = setUp(fake);
    const v2 = clientFor(fake, user.id);
    await v2.tweet('one');
    const found = await v2.user(user.id, { 'user.fields': ['public_metrics', 'created_at'] });
    expect(found.data.public_metrics).toMatchObject({ followers_count: 120, tweet_count: 1 });
    fake.setFollowers(user.id, { followers: 5000, following: 10, tweets: 321, listed: 4 });
    const after = await v2.me({ 'user.fields': ['public_metrics'] });
    expect(after.data.public_metrics).toMatchObject({
      followers_count: 5000,
      following_count: 10,
      tweet_count: 321,
      listed_count: 4,
    });
    const missing = await v2.user('1');
    expect(missing.errors?.[0]).toMatchObject({ title: 'Not Found Error', resource_type: 'user' });
  });
});
