// Scheduling through dispatch on a real database: the post, its parts, targets and jobs
// written together (or not at all), DST wall times refused, and list queries on indexes.
import type { ChannelInput } from '../../shared/ipc/contract.ts';
import { describe, expect, it } from 'vitest';
import { listQuery } from '../../main/core/services/posts-read.ts';
import type { PostSummary } from '../../shared/posts.ts';
import { dumpDatabase, makeCore, expectOk } from '../helpers/core.ts';
import { makeAccount, makeClient, makeMediaAsset, pngBytes } from '../helpers/post-factories.ts';

async function setup() {
  const core = await makeCore();
  const db = core.database.db;
  const clientId = await makeClient(db, { timezone: 'Europe/Berlin' });
  const a = await makeAccount(db, clientId, { handle: 'acme' });
  const b = await makeAccount(db, clientId, { handle: 'acme_de' });
  const pushed: PostSummary[] = [];
  core.events.on('post:saved', ({ post }) => pushed.push(post));
  return { core, db, clientId, a, b, pushed };
}

describe('posts:schedule', () => {
  it('writes the post, parts, variants, media, one target and one pending job per account', async () => {
    const { core, db, clientId, a, b, pushed } = await setup();
    const image = await makeMediaAsset(db, core.dataDir, {
      bytes: pngBytes(),
      kind: 'image',
      mime: 'image/png',
      clientId,
    });
    const result = await core.invoke('posts:schedule', {
      clientId,
      accountIds: [a, b],
      parts: [
        { text: 'Open at nine', variants: { [b]: 'Ab neun geöffnet' } },
        { text: 'Fresh bread', media: [{ mediaId: image, altText: 'A loaf' }] },
      ],
      when: { at: '2026-12-01 09:00' },
    });
    expect(result).toMatchObject({ ok: true });
    const rows = dumpDatabase(core);
    expect(rows.posts).toEqual([
      expect.objectContaining({
        status: 'scheduled',
        scheduled_at: Date.UTC(2026, 11, 1, 8, 0),
        timezone: 'Europe/Berlin',
        local_time: '2026-12-01T09:00',
      }),
    ]);
    expect(rows.post_parts).toHaveLength(2);
    expect(rows.post_part_variants).toEqual([expect.objectContaining({ account_id: b })]);
    expect(rows.post_part_media).toEqual([
      expect.objectContaining({ media_id: image, alt_text: 'A loaf', position: 0 }),
    ]);
    expect(rows.post_targets).toHaveLength(2);
    expect(rows.publish_jobs).toEqual(
      [a, b].map((accountId): unknown =>
        expect.objectContaining({
          kind: 'publish',
          status: 'pending',
          account_id: accountId,
          run_at: Date.UTC(2026, 11, 1, 8, 0),
          attempts: 0,
          max_attempts: 5,
        }),
      ),
    );
    expect(core.database.sqlite.prepare('SELECT type FROM post_events').all()).toEqual([
      { type: 'post.scheduled' },
    ]);
    expect(pushed).toHaveLength(1);
    expect(pushed[0]?.targets.map((t) => t.handle).sort()).toEqual(['acme', 'acme_de']);
  });

  it('leaves nothing behind when a write fails half-way', async () => {
    const { core, clientId, a, b, pushed } = await setup();
    const before = dumpDatabase(core);
    // The second job insert fails: the post, parts and first target must go too.
    core.database.sqlite.exec(`CREATE TEMP TRIGGER fail_second_job BEFORE INSERT ON publish_jobs
      WHEN (SELECT count(*) FROM publish_jobs) >= 1
      BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    const result = await core.invoke('posts:schedule', {
      clientId,
      accountIds: [a, b],
      parts: [{ text: 'One' }, { text: 'Two' }],
      when: { at: '2026-12-01 09:00' },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(dumpDatabase(core)).toEqual(before);
    expect(pushed).toEqual([]);
  });

  it('refuses DST-skipped and repeated wall times with the choices, writing nothing', async () => {
    const { core, clientId, a } = await setup();
    core.clock.set(Date.UTC(2026, 2, 1));
    const before = dumpDatabase(core);
    const at = (when: ChannelInput<'posts:schedule'>['when']) =>
      core.invoke('posts:schedule', {
        clientId,
        accountIds: [a],
        parts: [{ text: 'Hi' }],
        when,
      });
    expect(await at({ at: '2026-03-29 02:30' })).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: expect.stringContaining(
          'does not exist in Europe/Berlin (clocks jump from 02:00 to 03:00)',
        ),
      },
    });
    expect(await at({ at: '2026-10-25 02:30' })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('+02:00 (first, CEST) or +01:00 (second, CET)') },
    });
    expect(await at({ at: '2026-11-01 01:30', timezone: 'America/New_York' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('happens twice') },
    });
    expect(dumpDatabase(core)).toEqual(before);
    // The offset picks one of the two.
    expect(await at({ at: '2026-10-25T02:30+01:00' })).toMatchObject({
      ok: true,
      value: { scheduledAt: Date.UTC(2026, 9, 25, 1, 30), localTime: '2026-10-25T02:30' },
    });
  });

  it("refuses a time past the year 9999 in the post's zone, as text or epoch ms", async () => {
    const { core, clientId, a } = await setup();
    const before = dumpDatabase(core);
    const at = (when: ChannelInput<'posts:schedule'>['when']) =>
      core.invoke('posts:schedule', { clientId, accountIds: [a], parts: [{ text: 'Hi' }], when });
    // Each is year 10000 where the post is shown; its local time could not be YYYY-MM-DD.
    const refused = {
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('before the year 10000') },
    };
    expect(await at(8_640_000_000_000_000)).toMatchObject(refused);
    expect(await at({ at: Date.UTC(9999, 11, 31, 23, 30) })).toMatchObject(refused);
    expect(
      await at({ at: '9999-12-31T23:00-14:00', timezone: 'Pacific/Kiritimati' }),
    ).toMatchObject(refused);
    expect(dumpDatabase(core)).toEqual(before);
    // The last evening of 9999 in Berlin is still a time.
    expect(await at({ at: '9999-12-31 21:00' })).toMatchObject({
      ok: true,
      value: { localTime: '9999-12-31T21:00' },
    });
  });

  it('refuses a time in the past, accounts of another client, disconnected accounts and bad media', async () => {
    const { core, db, clientId, a } = await setup();
    const other = await makeClient(db);
    const foreign = await makeAccount(db, other);
    const gone = await makeAccount(db, clientId);
    await db
      .updateTable('social_accounts')
      .set({ status: 'disconnected' })
      .where('id', '=', gone)
      .execute();
    const video = await makeMediaAsset(db, core.dataDir, {
      bytes: pngBytes(),
      kind: 'video',
      mime: 'video/mp4',
      clientId,
    });
    const image = await makeMediaAsset(db, core.dataDir, {
      bytes: pngBytes(),
      kind: 'image',
      mime: 'image/png',
      clientId,
    });
    const before = dumpDatabase(core);
    const base = { clientId, parts: [{ text: 'Hi' }], when: { at: '2026-12-01 09:00' } };
    const refusals: [unknown, string, RegExp][] = [
      [
        { ...base, accountIds: [a], when: core.clock.now() - 3 * 3_600_000 },
        'VALIDATION',
        /3 hours in the past/,
      ],
      // Just past the minute of tolerance: one minute, not "1 minutes".
      [
        { ...base, accountIds: [a], when: core.clock.now() - 80_000 },
        'VALIDATION',
        /is 1 minute in the past:/,
      ],
      [{ ...base, accountIds: [a, foreign] }, 'VALIDATION', /belongs to another client/],
      [{ ...base, accountIds: [gone] }, 'VALIDATION', /disconnected/],
      [{ ...base, accountIds: ['nope'] }, 'NOT_FOUND', /No account/],
      [
        {
          ...base,
          accountIds: [a],
          parts: [{ text: 'Hi', media: [{ mediaId: video }, { mediaId: image }] }],
        },
        'VALIDATION',
        /one video/,
      ],
      [
        { ...base, accountIds: [a], parts: [{ text: 'Hi', media: [{ mediaId: 'missing' }] }] },
        'NOT_FOUND',
        /no media/,
      ],
      [
        { ...base, accountIds: [a], parts: [{ text: '🎉'.repeat(141) }] },
        'VALIDATION',
        /2 characters over X's 280/,
      ],
    ];
    for (const [input, code, message] of refusals) {
      const result = await core.dispatch('posts:schedule', input);
      expect(result, JSON.stringify(input)).toMatchObject({
        ok: false,
        error: { code, message: expect.stringMatching(message) },
      });
    }
    expect(dumpDatabase(core)).toEqual(before);
    // A minute late is still "now".
    expect(
      await core.invoke('posts:schedule', {
        ...base,
        accountIds: [a],
        when: core.clock.now() - 50_000,
      }),
    ).toMatchObject({ ok: true });
  });
});

describe('posts:list', () => {
  it('filters by range, client and status, ordered by scheduled time', async () => {
    const { core, db, clientId, a } = await setup();
    const other = await makeClient(db, { timezone: 'America/New_York' });
    const b = await makeAccount(db, other);
    const schedule = async (client: string, account: string, at: string) => {
      const r = await core.invoke('posts:schedule', {
        clientId: client,
        accountIds: [account],
        parts: [{ text: `At ${at}` }],
        when: { at },
      });
      return expectOk(r).id;
    };
    const p3 = await schedule(clientId, a, '2026-12-03 09:00');
    const p1 = await schedule(clientId, a, '2026-12-01 09:00');
    const p2 = await schedule(other, b, '2026-12-02 09:00');
    await core.invoke('posts:cancel', { id: p3 });
    const ids = async (input: ChannelInput<'posts:list'>) =>
      expectOk(await core.invoke('posts:list', input)).map((p) => p.id);
    expect(await ids({})).toEqual([p1, p2, p3]);
    expect(await ids({ clientId })).toEqual([p1, p3]);
    expect(await ids({ status: 'cancelled' })).toEqual([p3]);
    expect(await ids({ from: Date.UTC(2026, 11, 2), to: Date.UTC(2026, 11, 3) })).toEqual([p2]);
    expect(await ids({ clientId: other, status: 'scheduled' })).toEqual([p2]);
  });

  it('uses an index for every filter combination', async () => {
    const { core } = await setup();
    const combos = [
      {},
      { from: 1, to: 2 },
      { clientId: 'c', from: 1 },
      { status: 'scheduled' as const, to: 5 },
      { clientId: 'c', status: 'failed' as const },
    ];
    for (const input of combos) {
      const { sql, parameters } = listQuery(core.database.db, input).compile();
      const plan = core.database.sqlite
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all(...(parameters as unknown[])) as { detail: string }[];
      const details = plan.map((p) => p.detail).join(' | ');
      // Any index of posts in time order (posts_calendar starts with the time too), and
      // the client by its number ([Note: posts by number]).
      expect(details, JSON.stringify(input)).toMatch(/ p USING INDEX posts_/);
      expect(details, JSON.stringify(input)).not.toMatch(/SCAN p(?! USING)/);
    }
  });
});
