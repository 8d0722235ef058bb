// Notification texts, built without Electron: one per publish (which the user may turn
// off), always one per failure, missed post, post to check, or account to reconnect, and
// none when a post is saved again in the same state.
import { describe, expect, it } from 'vitest';
import { notificationFor, shouldNotify } from '../../main/shell/notification-texts.ts';
import type { SocialAccount } from '../../shared/accounts.ts';
import type { PostSummary, PostTargetView } from '../../shared/posts.ts';

function makeTarget(overrides: Partial<PostTargetView> = {}): PostTargetView {
  return {
    id: 't1',
    accountId: 'a1',
    handle: 'acme',
    platform: 'x',
    options: {},
    heldUntil: null,
    status: 'published',
    remoteId: null,
    remoteUrl: null,
    errorCode: null,
    errorMessage: null,
    attempts: 1,
    publishedAt: null,
    ...overrides,
  };
}

function makeSummary(overrides: Partial<PostSummary> = {}): PostSummary {
  return {
    id: 'post-1',
    clientId: 'client-1',
    campaignId: null,
    status: 'published',
    scheduledAt: 0,
    timezone: 'UTC',
    localTime: null,
    firstLine: 'Spring sale starts today',
    targets: [makeTarget()],
    updatedAt: 0,
    approval: 'none',
    needsApproval: false,
    ...overrides,
  };
}

function makeAccount(overrides: Partial<SocialAccount> = {}): SocialAccount {
  return {
    id: 'a1',
    clientId: 'client-1',
    platform: 'x',
    platformUserId: '1',
    handle: 'acme',
    displayName: 'Acme',
    avatarUrl: null,
    serviceUrl: null,
    textLimit: null,
    status: 'needs_reauth',
    statusReason: null,
    authKind: 'oauth2',
    credentialsExpireAt: null,
    handOff: false,
    createdAt: 0,
    updatedAt: 0,
    ...overrides,
  };
}

describe('notification texts', () => {
  it('announces a publish, which the user can turn off', () => {
    const text = notificationFor({ type: 'post', post: makeSummary(), previous: 'publishing' });
    expect(text).toEqual({
      kind: 'publish',
      title: 'Published',
      body: '“Spring sale starts today” is live on @acme.',
      postId: 'post-1',
    });
    expect(text !== null && shouldNotify(text, false)).toBe(false);
    expect(text !== null && shouldNotify(text, true)).toBe(true);
  });

  it('always reports a failure, with its reason', () => {
    const post = makeSummary({
      status: 'failed',
      targets: [
        makeTarget({ status: 'failed', errorMessage: 'X refused the post as a duplicate.' }),
      ],
    });
    const text = notificationFor({ type: 'post', post, previous: 'publishing' });
    expect(text).toMatchObject({
      kind: 'problem',
      title: 'Post failed',
      body: '“Spring sale starts today” could not be published. X refused the post as a duplicate.',
    });
    expect(text !== null && shouldNotify(text, false)).toBe(true);
  });

  it('reports missed, partly published and to-be-checked posts as problems', () => {
    const missed = notificationFor({
      type: 'post',
      post: makeSummary({ status: 'missed' }),
      previous: 'scheduled',
    });
    expect(missed).toMatchObject({ kind: 'problem', title: 'Post missed' });
    expect(missed?.body).toBe(
      '“Spring sale starts today” did not go out in time. It was due while Starling was closed, asleep or paused, past its grace window. Reschedule it.',
    );
    // Missed through an outage or a hold, it says so rather than blaming a closed app.
    const outage = notificationFor({
      type: 'post',
      post: makeSummary({
        status: 'missed',
        targets: [
          makeTarget({
            status: 'missed',
            errorMessage:
              'Missed: the grace window closed while it was still failing. Waiting for X to recover. X had a server error (503)',
          }),
        ],
      }),
      previous: 'scheduled',
    });
    expect(outage?.body).toBe(
      '“Spring sale starts today” did not go out in time. The grace window closed while it was still failing. Waiting for X to recover. X had a server error (503). Reschedule it.',
    );

    const partial = notificationFor({
      type: 'post',
      post: makeSummary({
        status: 'partially_published',
        targets: [
          makeTarget(),
          makeTarget({ id: 't2', handle: 'acme_de', status: 'failed', errorMessage: 'Gone.' }),
          // A Page's handle is its name: no @ before it.
          makeTarget({ id: 't3', handle: 'Acme Bakery', platform: 'facebook' }),
        ],
      }),
      previous: 'publishing',
    });
    expect(partial).toMatchObject({
      kind: 'problem',
      body: '“Spring sale starts today” is live on @acme, Acme Bakery but not on @acme_de. Gone.',
    });

    const review = notificationFor({
      type: 'post',
      post: makeSummary({ status: 'needs_review' }),
      previous: 'publishing',
    });
    expect(review).toMatchObject({ kind: 'problem', title: 'Post needs a check' });
  });

  it('stays quiet for a post saved again in the same state, and for ordinary changes', () => {
    expect(
      notificationFor({ type: 'post', post: makeSummary(), previous: 'published' }),
    ).toBeNull();
    for (const status of ['draft', 'scheduled', 'publishing', 'cancelled'] as const) {
      expect(
        notificationFor({ type: 'post', post: makeSummary({ status }), previous: 'failed' }),
      ).toBeNull();
    }
  });

  it('asks to reconnect an account once, when it starts needing it', () => {
    const text = notificationFor({ type: 'account', account: makeAccount(), previous: 'active' });
    expect(text).toMatchObject({ kind: 'problem', title: 'Reconnect an account', postId: null });
    expect(text?.body).toBe(
      'X no longer accepts Starling for @acme. Its posts wait until you reconnect it.',
    );
    // Each network's own name, and its handle as it shows handles.
    const page = makeAccount({ platform: 'facebook', handle: 'Acme Bakery' });
    expect(notificationFor({ type: 'account', account: page, previous: 'active' })?.body).toBe(
      'Facebook no longer accepts Starling for Acme Bakery. Its posts wait until you reconnect it.',
    );
    const toot = makeAccount({ platform: 'mastodon', handle: 'acme@mastodon.social' });
    expect(notificationFor({ type: 'account', account: toot, previous: 'active' })?.body).toContain(
      'Mastodon no longer accepts Starling for @acme@mastodon.social.',
    );
    expect(
      notificationFor({ type: 'account', account: makeAccount(), previous: 'needs_reauth' }),
    ).toBeNull();
    expect(
      notificationFor({
        type: 'account',
        account: makeAccount({ status: 'active' }),
        previous: 'needs_reauth',
      }),
    ).toBeNull();
  });

  it('reminds of a post due within a day that its client has not approved', () => {
    const text = notificationFor({
      type: 'approval-reminder',
      post: makeSummary({ status: 'scheduled', approval: 'in_review', needsApproval: true }),
      clientName: 'Acme',
    });
    expect(text).toEqual({
      kind: 'problem',
      title: 'Waiting for approval',
      body: '“Spring sale starts today” is due within a day and Acme has not approved it. It will not go out until they do.',
      postId: 'post-1',
    });
    expect(text !== null && shouldNotify(text, false)).toBe(true);
  });

  it('quotes only the first line of a long post', () => {
    const post = makeSummary({ firstLine: `${'a'.repeat(100)}\nsecond line` });
    const text = notificationFor({ type: 'post', post, previous: undefined });
    expect(text?.body).not.toContain('second');
    expect(text?.body).toContain('…”');
  });
});
