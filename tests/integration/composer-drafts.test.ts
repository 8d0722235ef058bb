// Drafts on a real database through dispatch: saved as typed and replaced whole on each
// save, scheduled with X's per-file media limits checked first, removed only once the
// post exists; a post that is no longer a draft cannot be overwritten by a late autosave.
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { dumpDatabase, makeCore, expectOk } from '../helpers/core.ts';
import { makeAccount, makeClient, makeMediaAsset, pngBytes } from '../helpers/post-factories.ts';

async function setup() {
  const core = await makeCore();
  const db = core.database.db;
  const clientId = await makeClient(db, { timezone: 'Europe/Berlin' });
  const a = await makeAccount(db, clientId, { handle: 'bakery' });
  const b = await makeAccount(db, clientId, { handle: 'bakery_de' });
  const image = await makeMediaAsset(db, core.dataDir, {
    bytes: pngBytes(),
    kind: 'image',
    mime: 'image/png',
    clientId,
  });
  return { core, db, clientId, a, b, image };
}

describe('drafts', () => {
  it('refuses a save over a draft changed since the editor read it, and changes nothing', async () => {
    const { core, clientId, a } = await setup();
    const read = expectOk(
      await core.invoke('drafts:save', { clientId, accountIds: [a], parts: [{ text: 'v1' }] }),
    );
    // Two editors read that version; one saves first.
    core.clock.advance(1000);
    const other = expectOk(
      await core.invoke('drafts:save', {
        id: read.id,
        clientId,
        accountIds: [a],
        parts: [{ text: 'written in the other window' }],
        baseUpdatedAt: read.updatedAt,
      }),
    );
    expect(other.updatedAt).toBe(read.updatedAt + 1000);
    core.clock.advance(1000);
    const before = dumpDatabase(core);
    const late = await core.dispatch('drafts:save', {
      id: read.id,
      clientId,
      accountIds: [a],
      parts: [{ text: 'written here' }],
      baseUpdatedAt: read.updatedAt,
    });
    expect(late).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { draftChanged: true } },
    });
    expect(dumpDatabase(core)).toEqual(before);
    // Saved from the version it now has, or with no base ("keep mine"), it goes in.
    const mine = expectOk(
      await core.invoke('drafts:save', {
        id: read.id,
        clientId,
        accountIds: [a],
        parts: [{ text: 'written here' }],
      }),
    );
    expect(mine).toMatchObject({
      parts: [{ text: 'written here' }],
      updatedAt: read.updatedAt + 2000,
    });

    // Scheduling from the stale version is refused too: no post, the draft kept whole.
    const beforeSchedule = dumpDatabase(core);
    const schedule = await core.dispatch('drafts:schedule', {
      draftId: read.id,
      baseUpdatedAt: other.updatedAt,
      post: {
        clientId,
        accountIds: [a],
        parts: [{ text: 'old' }],
        when: { at: '2026-12-01 09:00' },
      },
    });
    expect(schedule).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { draftChanged: true } },
    });
    expect(dumpDatabase(core)).toEqual(beforeSchedule);
    expectOk(
      await core.invoke('drafts:schedule', {
        draftId: read.id,
        baseUpdatedAt: mine.updatedAt,
        post: {
          clientId,
          accountIds: [a],
          parts: [{ text: 'written here' }],
          when: { at: '2026-12-01 09:00' },
        },
      }),
    );
    expect(expectOk(await core.invoke('drafts:list', {}))).toEqual([]);
  });

  it('is no conflict for an open composer when the command line puts the draft in a campaign, and the post keeps it', async () => {
    const { core, clientId, a } = await setup();
    const read = expectOk(
      await core.invoke('drafts:save', { clientId, accountIds: [a], parts: [{ text: 'v1' }] }),
    );
    const campaign = expectOk(await core.invoke('campaigns:create', { clientId, name: 'Winter' }));
    core.clock.advance(1000);
    expectOk(await core.invoke('posts:set-campaign', { postId: read.id, campaignId: campaign.id }));
    core.clock.advance(1000);
    const saved = expectOk(
      await core.invoke('drafts:save', {
        id: read.id,
        clientId,
        accountIds: [a],
        parts: [{ text: 'v2' }],
        baseUpdatedAt: read.updatedAt,
      }),
    );
    expect(saved.parts).toMatchObject([{ text: 'v2' }]);
    const row = await core.database.db
      .selectFrom('posts')
      .select('campaign_id')
      .where('id', '=', read.id)
      .executeTakeFirstOrThrow();
    expect(row.campaign_id).toBe(campaign.id);
    // Scheduled from the composer, which names no campaign, the post keeps the draft's.
    const post = expectOk(
      await core.invoke('drafts:schedule', {
        draftId: read.id,
        baseUpdatedAt: saved.updatedAt,
        post: {
          clientId,
          accountIds: [a],
          parts: [{ text: 'v2' }],
          when: { at: '2026-12-01 09:00' },
        },
      }),
    );
    expect(post).toMatchObject({ status: 'scheduled', campaignId: campaign.id });
  });

  it('saves as typed, replaces parts/targets on update and lists newest first', async () => {
    const { core, clientId, a, b, image } = await setup();
    const first = expectOk(
      await core.invoke('drafts:save', {
        clientId,
        accountIds: [a],
        parts: [{ text: 'x'.repeat(300) }, { text: '' }],
      }),
    );
    expect(first).toMatchObject({ status: 'draft', scheduledAt: null, parts: [{}, {}] });
    core.clock.advance(1000);
    const second = expectOk(
      await core.invoke('drafts:save', {
        id: first.id,
        clientId,
        accountIds: [a, b],
        parts: [
          {
            text: 'Fresh bread',
            variants: { [b]: 'Frisches Brot' },
            media: [{ mediaId: image, altText: 'A loaf' }],
          },
        ],
        localTime: '2026-12-01T09:00',
      }),
    );
    expect(second).toMatchObject({
      id: first.id,
      localTime: '2026-12-01T09:00',
      parts: [
        {
          text: 'Fresh bread',
          variants: { [b]: 'Frisches Brot' },
          media: [{ mediaId: image, altText: 'A loaf' }],
        },
      ],
    });
    expect(second.targets.map((t) => t.handle).sort()).toEqual(['bakery', 'bakery_de']);
    const rows = dumpDatabase(core);
    expect(rows.post_parts).toHaveLength(1);
    expect(rows.publish_jobs).toEqual([]);
    expect(rows.post_event_log).toEqual([]);

    core.clock.advance(1000);
    const other = expectOk(
      await core.invoke('drafts:save', {
        clientId,
        accountIds: [],
        parts: [{ text: 'later' }],
      }),
    );
    const listed = expectOk(await core.invoke('drafts:list', { clientId }));
    expect(listed.map((p) => p.id)).toEqual([other.id, first.id]);
  });

  it('keeps each account’s network options with the draft; bad ones change nothing', async () => {
    const { core, db, clientId, a, b } = await setup();
    const saved = expectOk(
      await core.invoke('drafts:save', {
        clientId,
        accountIds: [a],
        parts: [{ text: 'Tonight only' }],
        networkOptions: {
          [a]: { visibility: 'unlisted', contentWarning: 'Food talk' },
        },
      }),
    );
    const target = saved.targets[0];
    expect(target).toMatchObject({
      accountId: a,
      platform: 'x',
      options: { visibility: 'unlisted', contentWarning: 'Food talk' },
    });
    const read = expectOk(await core.invoke('posts:get', { id: saved.id }));
    expect(read.targets[0]?.options).toEqual({
      visibility: 'unlisted',
      contentWarning: 'Food talk',
    });

    // Bad options are refused whole; the draft keeps what it had.
    const bad = await core.dispatch('drafts:save', {
      id: saved.id,
      clientId,
      accountIds: [a, b],
      parts: [{ text: 'Tonight only' }],
      networkOptions: { [b]: { visibility: 'everyone' } },
    });
    expect(bad).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/Visibility must be public, unlisted or private/) },
    });
    const rows = await sql`SELECT a.id AS account_id, t.options FROM post_targets t
      JOIN social_accounts a ON a.seq = t.account_seq`.execute(db);
    expect(rows.rows).toEqual([
      {
        account_id: a,
        options: JSON.stringify({ visibility: 'unlisted', contentWarning: 'Food talk' }),
      },
    ]);
  });

  it('refuses another client’s account or media, and changes nothing', async () => {
    const { core, db, clientId, image } = await setup();
    const otherClient = await makeClient(db);
    const stranger = await makeAccount(db, otherClient, { handle: 'stranger' });
    const before = dumpDatabase(core);
    const result = await core.invoke('drafts:save', {
      clientId,
      accountIds: [stranger],
      parts: [{ text: 'x' }],
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('@stranger') },
    });
    const media = await core.invoke('drafts:save', {
      clientId: otherClient,
      accountIds: [],
      parts: [{ text: 'x', media: [{ mediaId: image }] }],
    });
    expect(media).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(dumpDatabase(core)).toEqual(before);
    expectOk(await core.invoke('drafts:list', { clientId }));
  });

  it('schedules a draft into a post with jobs and removes the draft; a late autosave is refused', async () => {
    const { core, clientId, a, image } = await setup();
    const draft = expectOk(
      await core.invoke('drafts:save', {
        clientId,
        accountIds: [a],
        parts: [{ text: 'soon' }],
      }),
    );
    const deleted: unknown[] = [];
    core.events.subscribe((event, payload) => {
      if (event === 'draft:deleted') deleted.push(payload);
    });
    const post = expectOk(
      await core.invoke('drafts:schedule', {
        draftId: draft.id,
        post: {
          clientId,
          accountIds: [a],
          parts: [
            { text: 'Part one' },
            { text: 'Part two', media: [{ mediaId: image, altText: 'Loaf' }] },
          ],
          when: { at: '2026-12-01 09:00' },
        },
      }),
    );
    expect(post).toMatchObject({ status: 'scheduled', scheduledAt: Date.UTC(2026, 11, 1, 8, 0) });
    expect(deleted).toEqual([{ id: draft.id, clientId }]);
    const rows = dumpDatabase(core);
    expect(rows.posts).toHaveLength(1);
    expect(rows.publish_jobs).toHaveLength(1);
    expect(expectOk(await core.invoke('drafts:list', {}))).toEqual([]);
    const late = await core.invoke('drafts:save', {
      id: draft.id,
      clientId,
      accountIds: [],
      parts: [{ text: 'x' }],
    });
    expect(late).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const notDraft = await core.invoke('drafts:save', {
      id: post.id,
      clientId,
      accountIds: [],
      parts: [{ text: 'x' }],
    });
    expect(notDraft).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('not a draft') },
    });
    expect(await core.invoke('drafts:delete', { id: post.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });

  it('refuses a file X would refuse before writing anything, and keeps the draft', async () => {
    const { core, db, clientId, a } = await setup();
    const huge = await makeMediaAsset(db, core.dataDir, {
      bytes: pngBytes(4096),
      kind: 'image',
      mime: 'image/png',
      clientId,
    });
    // The library records an over-size image (X's limit is 5 MB); the composer must not schedule it.
    await db
      .updateTable('media_assets')
      .set({ bytes: 6 * 1024 * 1024 })
      .where('id', '=', huge)
      .execute();
    const draft = expectOk(
      await core.invoke('drafts:save', {
        clientId,
        accountIds: [a],
        parts: [{ text: 'big' }],
      }),
    );
    const before = dumpDatabase(core);
    const result = await core.invoke('drafts:schedule', {
      draftId: draft.id,
      post: {
        clientId,
        accountIds: [a],
        parts: [{ text: 'big', media: [{ mediaId: huge }] }],
        when: { at: '2026-12-01 09:00' },
      },
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('Fit for X') },
    });
    expect(dumpDatabase(core)).toEqual(before);
  });

  it('keeps templates and hashtag groups per client', async () => {
    const { core, db, clientId } = await setup();
    const otherClient = await makeClient(db);
    const t = expectOk(
      await core.invoke('templates:save', {
        clientId,
        name: 'Hours',
        body: 'Open 8–18',
      }),
    );
    expectOk(
      await core.invoke('templates:save', { id: t.id, clientId, name: 'Hours', body: 'Open 7–18' }),
    );
    expect(expectOk(await core.invoke('templates:list', { clientId }))).toEqual([
      expect.objectContaining({ body: 'Open 7–18' }),
    ]);
    expect(expectOk(await core.invoke('templates:list', { clientId: otherClient }))).toEqual([]);
    const moved = await core.invoke('templates:save', {
      id: t.id,
      clientId: otherClient,
      name: 'n',
      body: 'b',
    });
    expect(moved).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const g = expectOk(
      await core.invoke('hashtag-groups:save', {
        clientId,
        name: 'Bread',
        hashtags: ['bread', '#Bread', '#sourdough'],
      }),
    );
    expect(g.hashtags).toEqual(['#bread', '#sourdough']);
    expectOk(await core.invoke('hashtag-groups:delete', { id: g.id }));
    expect(await core.invoke('hashtag-groups:delete', { id: g.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});
