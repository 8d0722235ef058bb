// The Mastodon publisher under the fake instance's faults: gateway pages and server errors,
// 429 with X-RateLimit-Reset, a reset connection and a lost answer. Every retry carries
// the part's one Idempotency-Key, an attempt whose fate is unknown is looked up before any
// resend (also after the instance has forgotten the key), and no status is ever doubled.
import { describe, expect, it } from 'vitest';
import type { PartContext, PlatformAccount } from '../../main/core/platforms/port.ts';
import {
  eventTypes,
  faultOnPart,
  mastodonFixture,
  readTarget,
  sendingKeys,
  type MastodonFixture,
} from './mastodon-fixture.ts';

const statuses = '/api/v1/statuses';
const lookups = /^\/api\/v1\/accounts\/\d+\/statuses$/;
const minute = 60_000;

async function onlyKey(fx: MastodonFixture, postId: string): Promise<string> {
  const keys = new Set((await sendingKeys(fx, postId)).map((k) => k.key));
  expect(keys.size).toBe(1);
  return [...keys][0] ?? '';
}

describe('Mastodon faults: retried without duplicates', () => {
  it('retries gateway pages and server errors with the same Idempotency-Key', async () => {
    const fx = await mastodonFixture();
    fx.fake.fault({ path: statuses, method: 'POST', kind: 'status', status: 503 });
    fx.fake.fault({ path: statuses, method: 'POST', kind: 'status', status: 500 });
    const { postId, targetId } = await fx.post(['Open late on Friday']);

    const first = await fx.publish(targetId);
    expect(first).toMatchObject({ kind: 'retry', code: 'UNAVAILABLE' });
    expect(first.kind === 'retry' && first.reason).toMatch(/error page/);
    expect(await fx.publish(targetId)).toMatchObject({
      kind: 'retry',
      reason: 'Waiting for Mastodon to recover. The instance had a server error (500).',
    });
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });

    expect(fx.requests('POST', statuses)).toBe(3);
    expect(await sendingKeys(fx, postId)).toHaveLength(3);
    expect(fx.statuses().map((s) => s.idempotencyKey)).toEqual([await onlyKey(fx, postId)]);
  });

  it('waits for X-RateLimit-Reset after a 429, then posts once', async () => {
    const fx = await mastodonFixture();
    fx.fake.fault({ path: statuses, method: 'POST', kind: 'rate-limit', resetInSeconds: 120 });
    const { targetId } = await fx.post(['Croissants are back']);

    expect(await fx.publish(targetId)).toEqual({
      kind: 'retry',
      code: 'RATE_LIMITED',
      at: fx.core.clock.now() + 120_000,
      reason:
        "Waiting for Mastodon's rate limit to reset. The instance's rate limit was reached (429).",
      mayBeOut: false,
    });
    fx.core.advance(2 * minute);
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });
    expect(fx.statuses()).toHaveLength(1);
  });

  it('looks a reset connection up, then sends again with the same key', async () => {
    const fx = await mastodonFixture();
    fx.fake.fault({ path: statuses, method: 'POST', kind: 'reset' });
    const { postId, targetId } = await fx.post(['Rye today']);

    expect(await fx.publish(targetId)).toMatchObject({ kind: 'retry', code: 'UNCONFIRMED' });
    expect(fx.requests('GET', lookups)).toBe(1);
    expect(fx.statuses()).toEqual([]);
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });

    // The second run looked again before it sent.
    expect(fx.requests('GET', lookups)).toBe(2);
    expect(fx.requests('POST', statuses)).toBe(2);
    expect(fx.statuses().map((s) => s.idempotencyKey)).toEqual([await onlyKey(fx, postId)]);
  });

  it('finds a status whose answer was lost instead of posting it again', async () => {
    const fx = await mastodonFixture();
    const { postId, targetId } = await fx.post(['Lost & found: <b>one</b> loaf'], {
      contentWarning: 'bread',
    });
    fx.fake.fault({ path: statuses, method: 'POST', kind: 'drop-after-record' });

    const outcome = await fx.publish(targetId);

    const [status] = fx.statuses();
    expect(fx.statuses()).toHaveLength(1);
    expect(outcome).toMatchObject({ kind: 'published', remoteId: status?.id });
    expect(fx.requests('POST', statuses)).toBe(1);
    expect(await eventTypes(fx, postId)).toContain('target.reconciled');
  });

  it('resends with the same key within the hour and gets the same status back', async () => {
    const fx = await mastodonFixture();
    const mastodon = fx.core.platforms.get('mastodon');
    const { account: a } = fx;
    const account: PlatformAccount = { ...a, serviceUrl: a.serviceUrl, settings: {} };
    const context: PartContext = {
      postId: 'post',
      targetId: 'target',
      account,
      options: {},
      part: { id: 'part', position: 0, text: 'Lost answer', media: [] },
      partCount: 1,
      root: null,
      parent: null,
      key: mastodon.publish.newKey?.() ?? null,
      uploads: [],
    };
    fx.fake.fault({ path: statuses, method: 'POST', kind: 'drop-after-record' });

    const lost = await mastodon.publish.send(context, []).catch((error: unknown) => error);
    expect(mastodon.publish.classify(lost, fx.core.clock.now())).toMatchObject({
      kind: 'ambiguous',
    });
    fx.core.advance(30 * minute);
    const again = await mastodon.publish.send(context, []);

    expect(fx.statuses()).toEqual([
      expect.objectContaining({ id: again.id, idempotencyKey: context.key }),
    ]);
    expect(fx.requests('POST', statuses)).toBe(2);
  });

  it('after more than an hour, finds an unconfirmed status by lookup and does not resend', async () => {
    const fx = await mastodonFixture();
    const { targetId } = await fx.post(['Sourdough workshop on Sunday']);
    fx.fake.fault({ path: statuses, method: 'POST', kind: 'drop-after-record' });
    fx.fake.fault({ path: lookups, method: 'GET', kind: 'status', status: 502 });

    expect(await fx.publish(targetId)).toMatchObject({ kind: 'retry' });
    expect(fx.statuses()).toHaveLength(1);
    // The instance has forgotten the Idempotency-Key by now: only the lookup prevents a copy.
    fx.core.advance(61 * minute);
    const outcome = await fx.publish(targetId);

    expect(outcome).toMatchObject({ kind: 'published', remoteId: fx.statuses()[0]?.id });
    expect(fx.statuses()).toHaveLength(1);
    expect(fx.requests('POST', statuses)).toBe(1);
  });

  it('sends a lost part to review when the account posted more since than it reads back', async () => {
    const fx = await mastodonFixture();
    const { targetId } = await fx.post(['Rye is back on Tuesday']);
    fx.fake.fault({ path: statuses, method: 'POST', kind: 'drop-after-record' });
    fx.fake.fault({ path: lookups, method: 'GET', kind: 'status', status: 502 });
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'retry' });
    // From the web and a phone meanwhile: 400 statuses, ten full pages, all newer.
    for (let i = 0; i < 400; i += 1) fx.fake.postElsewhere(fx.user.id, `Elsewhere ${String(i)}`);
    fx.core.advance(61 * minute);

    const outcome = await fx.publish(targetId);

    const profile = `${fx.fake.origin}/@${fx.user.username}`;
    expect(outcome).toMatchObject({ kind: 'failed', code: 'UNCHECKABLE' });
    expect(await readTarget(fx, targetId)).toMatchObject({
      status: 'needs_review',
      error_code: 'UNCHECKABLE',
      error_message: expect.stringContaining(`more than 400 statuses since`),
    });
    expect((await readTarget(fx, targetId)).error_message).toContain(profile);
    expect(fx.requests('POST', statuses)).toBe(1);
    expect(fx.statuses().filter((s) => s.text === 'Rye is back on Tuesday')).toHaveLength(1);
  });

  it('resumes a thread after a failed middle part, keeping the reply chain', async () => {
    const fx = await mastodonFixture();
    const { postId, targetId } = await fx.post(['One (1/3)', 'Two (2/3)', 'Three (3/3)']);
    faultOnPart(fx, 1, { path: statuses, method: 'POST', kind: 'status', status: 502 });

    expect(await fx.publish(targetId)).toMatchObject({ kind: 'retry' });
    expect(fx.statuses().map((s) => s.text)).toEqual(['One (1/3)']);
    expect(await fx.publish(targetId)).toMatchObject({ kind: 'published' });

    const thread = fx.statuses();
    expect(thread.map((s) => s.text)).toEqual(['One (1/3)', 'Two (2/3)', 'Three (3/3)']);
    expect(thread.map((s) => s.inReplyToId)).toEqual([null, thread[0]?.id, thread[1]?.id]);
    const keys = await sendingKeys(fx, postId);
    // Part 2 was sent twice, both times with its own one key.
    expect(keys.filter((k) => k.position === 1).map((k) => k.key)).toEqual([
      thread[1]?.idempotencyKey,
      thread[1]?.idempotencyKey,
    ]);
  });
});
