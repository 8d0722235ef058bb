// Campaigns and queue slots through the core on a real database: a client's campaigns,
// putting a post in one, each account's weekly slots; refusals change nothing.
import { describe, expect, it } from 'vitest';
import type { PostSummary } from '../../shared/posts.ts';
import { dumpDatabase, expectOk } from '../helpers/core.ts';
import { makePost } from '../helpers/post-factories.ts';
import { calendarSetup as setup, day } from './calendar-fixture.ts';

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
