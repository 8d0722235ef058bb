// The calendar's channels through dispatch on a real database: the range query with its
// filters and compact items (and its plan on indexes), ghost-cell slots in real zones,
// campaigns and putting a post in one; refusals change nothing.
import { describe, expect, it } from 'vitest';
import { rangeQuery } from '../../main/core/services/calendar.ts';

import type { PostSummary } from '../../shared/posts.ts';
import { localTimeOf } from '../../shared/schedule-time.ts';
import { dumpDatabase, makeCore, expectOk } from '../helpers/core.ts';
import { makeAccount, makeClient, makePost } from '../helpers/post-factories.ts';

const day = (d: number, h = 9) => Date.UTC(2026, 11, d, h, 0);

async function setup() {
  const core = await makeCore();
  const db = core.database.db;
  const acme = await makeClient(db, { name: 'Acme', timezone: 'Europe/Berlin' });
  const beta = await makeClient(db, { name: 'Beta', timezone: 'America/New_York' });
  const acmeX = await makeAccount(db, acme, { handle: 'acme' });
  const acmeDe = await makeAccount(db, acme, { handle: 'acme_de' });
  const betaX = await makeAccount(db, beta, { handle: 'beta' });
  return { core, db, acme, beta, acmeX, acmeDe, betaX };
}

describe('calendar:range', () => {
  it('gives compact items in time order with colour, handles, first line and thread length', async () => {
    const { core, db, acme, beta, acmeX, acmeDe, betaX } = await setup();
    await db.updateTable('clients').set({ color: '#db2777' }).where('id', '=', beta).execute();
    const thread = await makePost(db, {
      clientId: acme,
      accountIds: [acmeX, acmeDe],
      parts: ['Launch day\nmore detail', 'second', 'third'],
      scheduledAt: day(3),
    });
    const single = await makePost(db, {
      clientId: beta,
      accountIds: [betaX],
      parts: ['x'.repeat(300)],
      scheduledAt: day(2),
      status: 'published',
    });
    await makePost(db, {
      clientId: acme,
      accountIds: [acmeX],
      parts: ['Jan'],
      scheduledAt: day(40),
    });
    const range = expectOk(
      await core.invoke('calendar:range', {
        from: day(1, 0),
        to: day(31, 0),
      }),
    );
    expect(range.truncated).toBe(false);
    expect(range.items.map((i) => i.id)).toEqual([single.postId, thread.postId]);
    expect(range.items[1]).toEqual({
      id: thread.postId,
      clientId: acme,
      color: '#0f766e',
      campaignId: null,
      status: 'scheduled',
      at: day(3),
      firstLine: 'Launch day',
      parts: 3,
      accounts: expect.arrayContaining([
        { id: acmeX, handle: 'acme' },
        { id: acmeDe, handle: 'acme_de' },
      ]) as unknown,
    });
    expect(range.items[0]).toMatchObject({ color: '#db2777', status: 'published', parts: 1 });
    expect(range.items[0]?.firstLine).toHaveLength(140);
  });

  it('filters by client, account, campaign and statuses, and hides archived clients', async () => {
    const { core, db, acme, beta, acmeX, acmeDe, betaX } = await setup();
    const campaign = expectOk(
      await core.invoke('campaigns:create', {
        clientId: acme,
        name: 'Winter sale',
        startsOn: '2026-12-01',
        endsOn: '2026-12-24',
      }),
    );
    const a1 = await makePost(db, {
      clientId: acme,
      accountIds: [acmeX],
      parts: ['a1'],
      scheduledAt: day(1),
    });
    const a2 = await makePost(db, {
      clientId: acme,
      accountIds: [acmeDe],
      parts: ['a2'],
      scheduledAt: day(2),
      status: 'failed',
    });
    const b1 = await makePost(db, {
      clientId: beta,
      accountIds: [betaX],
      parts: ['b1'],
      scheduledAt: day(3),
    });
    expectOk(
      await core.invoke('posts:set-campaign', {
        postId: a2.postId,
        campaignId: campaign.id,
      }),
    );
    const ids = async (filter: Record<string, unknown>) =>
      expectOk(
        await core.invoke('calendar:range', {
          from: day(1, 0),
          to: day(31, 0),
          ...filter,
        }),
      ).items.map((i) => i.id);
    expect(await ids({})).toEqual([a1.postId, a2.postId, b1.postId]);
    expect(await ids({ clientId: acme })).toEqual([a1.postId, a2.postId]);
    expect(await ids({ accountId: acmeDe })).toEqual([a2.postId]);
    expect(await ids({ campaignId: campaign.id })).toEqual([a2.postId]);
    expect(await ids({ statuses: ['scheduled'] })).toEqual([a1.postId, b1.postId]);
    expect(await ids({ statuses: ['failed', 'published'], clientId: acme })).toEqual([a2.postId]);
    expectOk(await core.invoke('clients:archive', { id: beta }));
    expect(await ids({})).toEqual([a1.postId, a2.postId]);
    expect(await ids({ clientId: beta })).toEqual([b1.postId]);
  });

  it('reads a month over all clients from the covering index alone', async () => {
    const { core } = await setup();
    const { sql, parameters } = rangeQuery(core.database.db, { from: 1, to: 2 }).compile();
    const plan = core.database.sqlite
      .prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...(parameters as unknown[])) as { detail: string }[];
    expect(plan.map((p) => p.detail)).toEqual([
      'SEARCH p USING COVERING INDEX posts_calendar (scheduled_at>? AND scheduled_at<?)',
      expect.stringMatching(/^SEARCH c USING INDEX sqlite_autoindex_clients_1 \(id=\?\)$/),
    ]);
  });

  it('keeps each chip current when its parts, accounts or handles change', async () => {
    const { core, db, acme, acmeX, acmeDe } = await setup();
    const post = await makePost(db, {
      clientId: acme,
      accountIds: [acmeX],
      parts: ['Old first\nline two', 'second'],
      scheduledAt: day(3),
    });
    const item = async () =>
      expectOk(await core.invoke('calendar:range', { from: day(1, 0), to: day(31, 0) })).items[0];
    await db
      .updateTable('post_parts')
      .set({ text: 'New first' })
      .where('post_id', '=', post.postId)
      .where('position', '=', 0)
      .execute();
    await db
      .deleteFrom('post_parts')
      .where('post_id', '=', post.postId)
      .where('position', '=', 1)
      .execute();
    await db
      .updateTable('social_accounts')
      .set({ handle: 'acme_renamed' })
      .where('id', '=', acmeX)
      .execute();
    await db
      .insertInto('post_targets')
      .values({
        id: 't-extra',
        post_id: post.postId,
        account_id: acmeDe,
        remote_id: null,
        remote_url: null,
        error_code: null,
        error_message: null,
        published_at: null,
        created_at: 0,
        updated_at: 0,
      })
      .execute();
    expect(await item()).toMatchObject({ firstLine: 'New first', parts: 1 });
    expect((await item())?.accounts).toEqual(
      expect.arrayContaining([
        { id: acmeX, handle: 'acme_renamed' },
        { id: acmeDe, handle: 'acme_de' },
      ]),
    );
    await db.deleteFrom('post_targets').where('id', '=', 't-extra').execute();
    expect((await item())?.accounts).toEqual([{ id: acmeX, handle: 'acme_renamed' }]);
  });

  it('refuses a backwards or too-long range with a sentence', async () => {
    const { core } = await setup();
    const backwards = await core.invoke('calendar:range', { from: day(5), to: day(1) });
    expect(backwards).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: expect.stringContaining('"from" must not be after "to"'),
      },
    });
    const long = await core.invoke('calendar:range', {
      from: day(1),
      to: day(1) + 90 * 86_400_000,
    });
    expect(long).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('at most 62 days') },
    });
    const status = await core.dispatch('calendar:range', { from: 0, to: 1, statuses: ['sent'] });
    expect(status).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('walks posts on an index for every filter combination', async () => {
    const { core } = await setup();
    const combos = [
      {},
      { clientId: 'c' },
      { accountId: 'a' },
      { campaignId: 'k' },
      { statuses: ['scheduled' as const, 'failed' as const] },
      { clientId: 'c', statuses: ['draft' as const] },
      { clientId: 'c', accountId: 'a', campaignId: 'k' },
    ];
    for (const filter of combos) {
      const { sql, parameters } = rangeQuery(core.database.db, {
        from: 1,
        to: 2,
        ...filter,
      }).compile();
      const plan = core.database.sqlite
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all(...(parameters as unknown[])) as { detail: string }[];
      const details = plan.map((p) => p.detail).join(' | ');
      expect(details, JSON.stringify(filter)).toMatch(/SEARCH p USING (COVERING )?INDEX posts_/);
      // No table is read end to end: every subquery is an index lookup too.
      expect(details, JSON.stringify(filter)).not.toMatch(/\bSCAN\b(?! CONSTANT)/);
      // Already in time order, except when several statuses' ranges are merged.
      if (!('statuses' in filter)) {
        expect(details, JSON.stringify(filter)).not.toMatch(/TEMP B-TREE/);
      }
    }
  });
});

describe('calendar:free-slots', () => {
  it('offers each account’s free slots in its client’s zone, moved out of a DST gap with a note', async () => {
    const { core, db, acme, acmeX, betaX } = await setup();
    expectOk(
      await core.invoke('slots:replace', {
        accountId: acmeX,
        slots: [{ weekday: 6, minuteOfDay: 150 }],
      }),
    );
    expectOk(
      await core.invoke('slots:replace', {
        accountId: betaX,
        slots: [{ weekday: 6, minuteOfDay: 9 * 60 }],
      }),
    );
    const from = Date.UTC(2027, 2, 26);
    const to = Date.UTC(2027, 2, 30);
    const free = expectOk(await core.invoke('calendar:free-slots', { from, to }));
    expect(
      free.map((f) => [
        f.accountId,
        localTimeOf(f.at, f.accountId === acmeX ? 'Europe/Berlin' : 'America/New_York'),
      ]),
    ).toEqual([
      [acmeX, '2027-03-28T03:30'],
      [betaX, '2027-03-28T09:00'],
    ]);
    expect(free[0]?.note).toContain('does not exist in Europe/Berlin');
    // A post already there takes the slot; a filter narrows the accounts.
    await makePost(db, {
      clientId: acme,
      accountIds: [acmeX],
      parts: ['x'],
      scheduledAt: free[0]?.at ?? 0,
    });
    expect(
      expectOk(await core.invoke('calendar:free-slots', { from, to, clientId: acme })),
    ).toEqual([]);
  });
});

describe('campaigns', () => {
  it('creates, edits and archives a client’s campaign, pushing campaign:saved', async () => {
    const { core, acme } = await setup();
    const pushed: string[] = [];
    core.events.subscribe((...[event]) => {
      pushed.push(event);
    });
    const made = expectOk(
      await core.invoke('campaigns:create', {
        clientId: acme,
        name: ' Spring ',
        color: '#DC2626',
      }),
    );
    expect(made).toMatchObject({ name: 'Spring', color: '#dc2626', startsOn: null, endsOn: null });
    const edited = expectOk(
      await core.invoke('campaigns:update', {
        id: made.id,
        startsOn: '2027-03-01',
        endsOn: '2027-03-31',
      }),
    );
    expect(edited).toMatchObject({ startsOn: '2027-03-01', endsOn: '2027-03-31' });
    const archived = expectOk(await core.invoke('campaigns:archive', { id: made.id }));
    expect(archived.archivedAt).toBe(core.clock.now());
    expect(expectOk(await core.invoke('campaigns:list', { clientId: acme }))).toEqual([]);
    expect(expectOk(await core.invoke('campaigns:list', { includeArchived: true }))).toHaveLength(
      1,
    );
    expect(pushed.filter((e) => e === 'campaign:saved')).toHaveLength(3);
  });

  it('refuses bad dates, unknown clients and another client’s campaign, changing nothing', async () => {
    const { core, db, acme, beta, betaX } = await setup();
    const made = expectOk(
      await core.invoke('campaigns:create', {
        clientId: acme,
        name: 'A',
        startsOn: '2027-03-10',
      }),
    );
    const post = await makePost(db, {
      clientId: beta,
      accountIds: [betaX],
      parts: ['b'],
      scheduledAt: day(3),
    });
    const published = await makePost(db, {
      clientId: acme,
      accountIds: [],
      parts: ['p'],
      scheduledAt: day(2),
      status: 'published',
    });
    const before = dumpDatabase(core);
    const refusals = [
      [
        'campaigns:create',
        { clientId: acme, name: 'B', startsOn: '2027-03-10', endsOn: '2027-03-01' },
        'VALIDATION',
        'cannot end before it starts',
      ],
      [
        'campaigns:create',
        { clientId: acme, name: 'B', startsOn: '2027-02-30' },
        'VALIDATION',
        'not a real date',
      ],
      ['campaigns:create', { clientId: acme, name: '' }, 'VALIDATION', 'Name cannot be empty'],
      ['campaigns:create', { clientId: 'nobody', name: 'B' }, 'NOT_FOUND', 'No client'],
      ['campaigns:update', { id: made.id, endsOn: '2027-03-01' }, 'VALIDATION', 'before it starts'],
      ['campaigns:update', { id: 'nope', name: 'C' }, 'NOT_FOUND', 'No campaign'],
      [
        'posts:set-campaign',
        { postId: post.postId, campaignId: made.id },
        'VALIDATION',
        'belongs to another client',
      ],
      [
        'posts:set-campaign',
        { postId: published.postId, campaignId: made.id },
        'CONFLICT',
        'published',
      ],
      ['posts:set-campaign', { postId: 'nope', campaignId: null }, 'NOT_FOUND', 'No post'],
    ] as const;
    for (const [channel, input, code, message] of refusals) {
      const result = await core.invoke(channel, input);
      expect(result, `${channel} ${JSON.stringify(input)}`).toMatchObject({
        ok: false,
        error: { code, message: expect.stringContaining(message) },
      });
    }
    expect(dumpDatabase(core)).toEqual(before);
  });

  it('puts a post in a campaign and takes it out again, pushing post:saved', async () => {
    const { core, db, acme, acmeX } = await setup();
    const made = expectOk(
      await core.invoke('campaigns:create', { clientId: acme, name: 'Launch' }),
    );
    const post = await makePost(db, {
      clientId: acme,
      accountIds: [acmeX],
      parts: ['p'],
      scheduledAt: day(2),
    });
    const saved: PostSummary[] = [];
    core.events.on('post:saved', ({ post }) => saved.push(post));
    expect(
      expectOk(
        await core.invoke('posts:set-campaign', {
          postId: post.postId,
          campaignId: made.id,
        }),
      ),
    ).toMatchObject({ campaignId: made.id });
    expect(
      expectOk(await core.invoke('posts:set-campaign', { postId: post.postId, campaignId: null })),
    ).toMatchObject({ campaignId: null });
    expect(saved.map((p) => p.campaignId)).toEqual([made.id, null]);
  });
});

describe('slots channels', () => {
  it('replaces and lists an account’s week, refusing bad times', async () => {
    const { core, acmeX } = await setup();
    const saved = expectOk(
      await core.invoke('slots:replace', {
        accountId: acmeX,
        slots: [
          { weekday: 1, minuteOfDay: 600 },
          { weekday: 0, minuteOfDay: 540 },
          { weekday: 1, minuteOfDay: 600 },
        ],
      }),
    );
    expect(saved).toEqual(expectOk(await core.invoke('slots:list', { accountId: acmeX })));
    expect(saved).toHaveLength(2);
    const bad = await core.invoke('slots:replace', {
      accountId: acmeX,
      slots: [{ weekday: 0, minuteOfDay: 1440 }],
    });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('0 to 1439') },
    });
    expect(expectOk(await core.invoke('slots:list', { accountId: acmeX }))).toEqual(saved);
  });
});
