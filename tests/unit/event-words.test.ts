// The post panel's history in words (renderer/src/features/composer/event-words.ts): each
// event the core appends reads as a sentence naming the account, the part and the reason,
// and an event this version does not know never shows its internal name.
import { describe, expect, it } from 'vitest';
import type { PostDetail, PostEventView } from '../../shared/posts.ts';
import { eventWords } from '../../renderer/src/features/composer/event-words.ts';

const at = Date.UTC(2026, 2, 30, 7, 0);

function post(parts: number): PostDetail {
  return {
    id: 'p1',
    clientId: 'c1',
    campaignId: null,
    status: 'published',
    scheduledAt: at,
    timezone: 'Europe/Berlin',
    localTime: '2026-03-30T09:00',
    firstLine: 'Fresh bread',
    updatedAt: at,
    approval: 'none',
    needsApproval: false,
    targets: [
      {
        id: 't1',
        accountId: 'a1',
        handle: 'brightbakes',
        platform: 'mastodon',
        options: {},
        heldUntil: null,
        status: 'published',
        remoteId: '1',
        remoteUrl: null,
        errorCode: null,
        errorMessage: null,
        attempts: 1,
        publishedAt: at,
      },
    ],
    parts: Array.from({ length: parts }, (_, position) => ({
      position,
      text: `part ${String(position)}`,
      variants: {},
      media: [],
    })),
    events: [],
  };
}

const event = (type: string, detail: Record<string, unknown>, targetId: string | null = 't1') =>
  ({ id: 1, type, detail, targetId, at }) satisfies PostEventView;

describe('a post history in words', () => {
  it('names the time, account, part and reason', () => {
    const thread = post(3);
    expect(
      eventWords(
        thread,
        event('post.scheduled', { scheduledAt: at, timezone: 'Europe/Berlin' }, null),
      ),
    ).toMatch(/^Scheduled for .*9:00/);
    expect(eventWords(thread, event('part.posted', { position: 1, remoteId: 'x' }))).toBe(
      'Posted part 2 to @brightbakes',
    );
    expect(
      eventWords(thread, event('target.retry', { code: 'OFFLINE', message: 'Mastodon is down' })),
    ).toBe('Will try again to @brightbakes: Mastodon is down');
    expect(eventWords(thread, event('target.late', { lateByMs: 25 * 60_000 }))).toBe(
      'Sending late to @brightbakes (25 min late)',
    );
    expect(
      eventWords(thread, event('post.status', { from: 'publishing', to: 'needs_review' }, null)),
    ).toBe('Now needs review');
    expect(eventWords(thread, event('part.removed', { partId: 'x' }))).toBe(
      'Deleted a part of @brightbakes',
    );
    // A restore's reconciliation, in its three kinds.
    expect(
      eventWords(thread, event('target.restored', { from: 'scheduled', to: 'published' })),
    ).toBe('Restored from a backup: published (@brightbakes)');
    expect(
      eventWords(
        thread,
        event('target.restored', { from: 'scheduled', to: 'scheduled', held: true }),
      ),
    ).toBe('Restored from a backup: its network still holds it (@brightbakes)');
    expect(
      eventWords(
        thread,
        event('target.restored', { from: 'scheduled', to: 'needs_review', unknown: true }),
      ),
    ).toBe('Restored from a backup: not known whether it went out (@brightbakes)');
  });

  it('tells the client’s approval: who decided and what they said', () => {
    const one = post(1);
    expect(eventWords(one, event('approval.sent', { packetId: 'k' }, null))).toBe(
      'Sent to the client for review',
    );
    expect(eventWords(one, event('approval.approved', { by: 'Anna', comment: '' }, null))).toBe(
      'Approved by Anna',
    );
    expect(
      eventWords(
        one,
        event('approval.changes-requested', { by: 'Anna', comment: 'Say rye.' }, null),
      ),
    ).toBe('Changes requested by Anna: “Say rye.”');
    expect(
      eventWords(one, event('post.missed', { heldFor: 'approval', lateByMs: 3 * 3_600_000 }, null)),
    ).toBe('Missed: the client had not approved it in time (3 h late)');
    // Each cause the missed sweep records, in words; none recorded: nothing ran it.
    const missed = (detail: Record<string, unknown>) =>
      eventWords(one, event('post.missed', { lateByMs: 3 * 3_600_000, ...detail }, null));
    expect(missed({ heldFor: 'reconnect' })).toBe(
      'Missed: its account needed reconnecting (3 h late)',
    );
    expect(missed({ failing: 'Waiting for X to recover. X had a server error (503).' })).toBe(
      'Missed (3 h late): Waiting for X to recover. X had a server error (503).',
    );
    expect(eventWords(one, event('target.not-sent', { message: 'X did not have it.' }))).toMatch(
      /^Not sent to @\w+: X did not have it\.$/,
    );
    expect(missed({})).toBe('Missed: Starling was closed, asleep or paused at its time (3 h late)');
  });

  it('names a Facebook Page by its name, without an @', () => {
    const page = post(1);
    const [target] = page.targets;
    if (target === undefined) throw new Error('the post has a target');
    page.targets = [{ ...target, platform: 'facebook', handle: 'Bright Bakery' }];
    expect(eventWords(page, event('part.posted', { position: 0, remoteId: 'x' }))).toBe(
      'Posted the post to Bright Bakery',
    );
  });

  it('calls a single part "the post"', () => {
    expect(eventWords(post(1), event('part.sending', { position: 0 }))).toBe(
      'Sending the post to @brightbakes',
    );
  });

  it('reads an unknown event as words, not its name', () => {
    const words = eventWords(post(1), event('target.needs-a-look', {}));
    expect(words).toBe('Needs a look (@brightbakes)');
    expect(words).not.toContain('.');
  });
});
