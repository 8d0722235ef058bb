// The fake Mastodon instance's statuses (idempotency, threads, counting, media, scheduled
// statuses) and its faults and limits, driven by the real masto 8 client: it must answer
// in the shapes clients parse, so tests of Starling against it mean something.
import { describe, expect, it } from 'vitest';
import {
  minute,
  fakeMastodon,
  postJson,
  connect,
  user,
  failure,
  httpError,
} from './fake-mastodon-fixture.ts';

describe('fake Mastodon: statuses', () => {
  it('makes one status for a repeated Idempotency-Key, and a new one after an hour', async () => {
    const fake = await fakeMastodon();
    const { masto } = await user(fake);
    const meta = { requestInit: { headers: { 'Idempotency-Key': 'part-1-attempt' } } };
    const first = await masto.v1.statuses.create({ status: 'Hello fediverse' }, meta);
    const second = await masto.v1.statuses.create({ status: 'Hello fediverse' }, meta);
    expect(second.id).toBe(first.id);
    expect(fake.ledger.statuses()).toMatchObject([
      { id: first.id, idempotencyKey: 'part-1-attempt' },
    ]);
    fake.clock.advance(60 * minute);
    const third = await masto.v1.statuses.create({ status: 'Hello fediverse' }, meta);
    expect(third.id).not.toBe(first.id);
    expect(fake.ledger.statuses()).toHaveLength(2);
    expect(first).toMatchObject({
      content: '<p>Hello fediverse</p>',
      visibility: 'public',
      url: `${fake.origin}/@alice/${first.id}`,
    });
  });

  it('threads replies, counts them and lists them newest first', async () => {
    const fake = await fakeMastodon();
    const { alice, masto } = await user(fake);
    const root = await masto.v1.statuses.create({ status: '1/3 A thread' });
    const middle = await masto.v1.statuses.create({ status: '2/3', inReplyToId: root.id });
    const last = await masto.v1.statuses.create({ status: '3/3', inReplyToId: middle.id });
    expect([middle.inReplyToId, last.inReplyToId]).toEqual([root.id, middle.id]);
    expect((await masto.v1.statuses.$select(root.id).fetch()).repliesCount).toBe(1);
    fake.setStatusCounts(root.id, { favourites: 7, reblogs: 3 });
    const listed = await masto.v1.accounts
      .$select(alice.id)
      .statuses.list({ excludeReplies: true });
    expect(listed.map((s) => s.id)).toEqual([last.id, middle.id, root.id]);
    expect(listed[2]).toMatchObject({ favouritesCount: 7, reblogsCount: 3 });
    const page = await fetch(`${fake.origin}/api/v1/accounts/${alice.id}/statuses?limit=2`);
    expect(page.headers.get('link')).toContain(`max_id=${middle.id}>; rel="next"`);
    const deleted = await masto.v1.statuses.$select(last.id).remove();
    expect(deleted.text).toBe('3/3');
    expect((await httpError(masto.v1.statuses.$select(last.id).fetch())).statusCode).toBe(404);
    const orphan = await httpError(masto.v1.statuses.create({ status: 'x', inReplyToId: last.id }));
    expect(orphan.statusCode).toBe(404);
    expect(fake.ledger.statuses().find((s) => s.id === last.id)?.deleted).toBe(true);
  });

  it('counts URLs as 23 characters and refuses text over the limit with 422', async () => {
    const fake = await fakeMastodon();
    const { masto } = await user(fake);
    const url = `https://example.com/${'a'.repeat(80)}`;
    await masto.v1.statuses.create({ status: `${'x'.repeat(476)} ${url}` });
    const tooLong = await httpError(masto.v1.statuses.create({ status: 'x'.repeat(501) }));
    expect([tooLong.statusCode, tooLong.message]).toEqual([
      422,
      'Validation failed: Text character limit of 500 exceeded',
    ]);
    const small = await fakeMastodon({ maxCharacters: 10 });
    const bob = small.addUser({ username: 'bob' });
    const client = (await connect(small, bob.id)).masto;
    const over = await httpError(client.v1.statuses.create({ status: 'eleven char' }));
    expect(over.message).toBe('Validation failed: Text character limit of 10 exceeded');
  });

  it('uploads media: images at once, video 202 then polled, alt text and focus kept', async () => {
    const fake = await fakeMastodon();
    const { token, masto } = await user(fake);
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('fake png')], { type: 'image/png' }), 'a.png');
    form.append('description', 'A heron');
    const image = await fetch(`${fake.origin}/api/v2/media`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    expect(image.status).toBe(200);
    const video = await masto.v2.media.create({
      file: new Blob([Buffer.from('fake mp4')], { type: 'video/mp4' }),
      description: 'A heron taking off',
      focus: '0.5,-0.25',
      skipPolling: true,
    });
    expect(video.url).toBeNull();
    const notReady = await httpError(
      masto.v1.statuses.create({ status: 'clip', mediaIds: [video.id] }),
    );
    expect(notReady.message).toMatch(/have not finished processing/);
    expect((await masto.v1.media.$select(video.id).fetch()).url).toBeNull();
    const done = await masto.v1.media.$select(video.id).fetch();
    expect(done.url).toMatch(/\.mp4$/);
    const posted = await masto.v1.statuses.create({ status: 'clip', mediaIds: [video.id] });
    expect(posted.mediaAttachments[0]).toMatchObject({
      description: 'A heron taking off',
      meta: { focus: { x: 0.5, y: -0.25 } },
    });
    expect(fake.ledger.media().map((m) => [m.type, m.processing])).toEqual([
      ['image', 'done'],
      ['video', 'done'],
    ]);
  });

  it('schedules a status, reschedules and cancels, and publishes when the clock passes', async () => {
    const fake = await fakeMastodon({ startAt: Date.parse('2026-03-01T12:00:00Z') });
    const { alice, masto } = await user(fake);
    const at = (minutes: number) => new Date(fake.clock.now() + minutes * minute).toISOString();
    const soon = await httpError(masto.v1.statuses.create({ status: 'soon', scheduledAt: at(2) }));
    expect(soon.message).toBe(
      'Validation failed: Scheduled at The scheduled date must be in the future',
    );
    const root = await masto.v1.statuses.create({ status: 'root' });
    const later = await masto.v1.statuses.create({
      status: 'later',
      scheduledAt: at(10),
      inReplyToId: root.id,
    });
    const raw = await (
      await fetch(`${fake.origin}/api/v1/scheduled_statuses/${later.id}`, {
        headers: { authorization: `Bearer ${(await connect(fake, alice.id)).token}` },
      })
    ).text();
    // Mastodon stores the reply id as an integer: it arrives as a bare JSON number.
    expect(raw).toContain(`"in_reply_to_id":${root.id}`);
    await masto.v1.scheduledStatuses.$select(later.id).update({ scheduledAt: at(20) });
    const key = { requestInit: { headers: { 'Idempotency-Key': 'doomed' } } };
    const doomed = await masto.v1.statuses.create({ status: 'doomed', scheduledAt: at(30) }, key);
    const repeat = await masto.v1.statuses.create({ status: 'doomed', scheduledAt: at(30) }, key);
    expect(repeat.id).toBe(doomed.id);
    await masto.v1.scheduledStatuses.$select(doomed.id).remove();
    expect((await masto.v1.scheduledStatuses.list()).map((s) => s.id)).toEqual([later.id]);
    fake.clock.advance(15 * minute);
    expect(fake.runScheduled()).toEqual([]);
    fake.clock.advance(45 * minute);
    const listed = await masto.v1.accounts.$select(alice.id).statuses.list();
    expect(listed.map((s) => s.content)).toEqual(['<p>later</p>', '<p>root</p>']);
    expect(listed[0]?.inReplyToId).toBe(root.id);
    expect(fake.ledger.scheduled().map((s) => s.state)).toEqual(['published', 'cancelled']);
    const past = await masto.v1.statuses.create({ status: 'now', scheduledAt: at(-1) });
    expect(past).toHaveProperty('content', '<p>now</p>');
  });
});

describe('fake Mastodon: faults and limits', () => {
  it('makes every fault kind observable', async () => {
    const fake = await fakeMastodon();
    const { token, masto } = await user(fake);
    const path = '/api/v1/statuses';
    fake.fault({ path, method: 'POST', kind: 'status', status: 500 });
    expect((await httpError(masto.v1.statuses.create({ status: 'a' }))).statusCode).toBe(500);
    fake.fault({ path, method: 'POST', kind: 'status', status: 503 });
    const gateway = await postJson(fake, path, { status: 'a' }, token);
    expect([gateway.status, gateway.headers.get('content-type')]).toEqual([
      503,
      'text/html; charset=utf-8',
    ]);
    // masto 8 cannot read nginx's HTML error page: it throws a TypeError, not a MastoHttpError.
    fake.fault({ path, method: 'POST', kind: 'status', status: 502 });
    expect(await failure(masto.v1.statuses.create({ status: 'a' }))).toBeInstanceOf(TypeError);
    fake.fault({ path, method: 'POST', kind: 'rate-limit', resetInSeconds: 60 });
    const limited = await postJson(fake, path, { status: 'a' }, token);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Date.parse(limited.headers.get('x-ratelimit-reset') ?? '')).toBe(
      fake.clock.now() + 60_000,
    );
    fake.fault({ path, method: 'POST', kind: 'revoked' });
    expect((await httpError(masto.v1.statuses.create({ status: 'a' }))).message).toBe(
      'The access token was revoked',
    );
    fake.fault({ path, method: 'POST', kind: 'reset' });
    await expect(postJson(fake, path, { status: 'reset' }, token)).rejects.toThrow();
    expect(fake.ledger.statuses()).toEqual([]);
    fake.fault({ path, method: 'POST', kind: 'latency', ms: 60 });
    const started = performance.now();
    await masto.v1.statuses.create({ status: 'slow' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    // The answer is lost but the status exists; the same key finds it instead of posting twice.
    const meta = { requestInit: { headers: { 'Idempotency-Key': 'dropped' } } };
    fake.fault({ path, method: 'POST', kind: 'drop-after-record' });
    await expect(masto.v1.statuses.create({ status: 'lost answer' }, meta)).rejects.toThrow();
    const retried = await masto.v1.statuses.create({ status: 'lost answer' }, meta);
    expect(fake.ledger.statuses().filter((s) => s.text === 'lost answer')).toMatchObject([
      { id: retried.id },
    ]);
    expect(fake.ledger.requests().filter((r) => !r.delivered)).toHaveLength(2);
  });

  it('throttles media uploads at 30 per 30 minutes and 404s what does not exist', async () => {
    const fake = await fakeMastodon();
    const { token, masto } = await user(fake);
    const upload = () => {
      const form = new FormData();
      form.append('file', new Blob([Buffer.from('png')], { type: 'image/png' }), 'a.png');
      return fetch(`${fake.origin}/api/v2/media`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      });
    };
    for (let i = 0; i < 30; i += 1) expect((await upload()).status).toBe(200);
    const throttled = await upload();
    expect([throttled.status, throttled.headers.get('x-ratelimit-limit')]).toEqual([429, '30']);
    expect(await throttled.json()).toEqual({ error: 'Too many requests' });
    fake.clock.advance(30 * minute);
    expect((await upload()).status).toBe(200);
    const missing = await httpError(masto.v1.statuses.$select('1234').fetch());
    expect([missing.statusCode, missing.message]).toEqual([404, 'Record not found']);
    const nowhere = await fetch(`${fake.origin}/api/v1/nowhere`);
    expect([nowhere.status, await nowhere.json()]).toEqual([404, { error: 'Record not found' }]);
  });
});
