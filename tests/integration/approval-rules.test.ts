// Client approval's rules on a real database through dispatch: off by default and set per
// client; a post's approval counts only for the version it was given for (text of every
// part and variant, media and alt text, accounts, time), so any such edit sends it back
// to needing review while anything else (its campaign) does not; a request for changes
// stays; every decision is in the post's history; a draft scheduled as reviewed keeps
// its approval. And the CLI sets the client and shows the approval field.
import { describe, expect, it } from 'vitest';
import type { Decision } from '../../main/core/approval/decisions.ts';
import { hashVersion } from '../../main/core/approval/version-hash.ts';
import type { ReviewDecision } from '../../shared/approval.ts';
import type { PostSummary } from '../../shared/posts.ts';
import { decide } from '../helpers/approval.ts';
import { runCli } from '../helpers/cli.ts';
import { expectOk, makeCore, type TestCore } from '../helpers/core.ts';
import { makeAccount, makeClient, makeMediaAsset, pngBytes } from '../helpers/post-factories.ts';
import { tempDataDir } from '../helpers/temp-dir.ts';

async function setup() {
  const core = await makeCore();
  const db = core.database.db;
  const client = expectOk(await core.invoke('clients:create', { name: 'Bright Bakes' }));
  const a = await makeAccount(db, client.id, { handle: 'bakery' });
  const b = await makeAccount(db, client.id, { handle: 'bakery_de' });
  const media = () =>
    makeMediaAsset(db, core.dataDir, {
      bytes: pngBytes(),
      kind: 'image',
      mime: 'image/png',
      clientId: client.id,
    });
  return { core, db, client, a, b, image: await media(), media };
}

const decideNow = (
  core: TestCore,
  postId: string,
  decision: ReviewDecision,
  extra: Partial<Decision> = {},
) => decide(core.database.db, postId, decision, core.clock.now(), extra);

const approvalOf = async (core: TestCore, id: string) => {
  const post = expectOk(await core.invoke('posts:get', { id }));
  return { approval: post.approval, needsApproval: post.needsApproval };
};

describe('client approval', () => {
  it('is off by default, set per client, and marks the posts that need it', async () => {
    const { core, db, client, a } = await setup();
    expect(client.requireApproval).toBe(false);
    const other = await makeClient(db);
    const otherAccount = await makeAccount(db, other);
    const when = { at: '2026-12-01 09:00' };
    const ours = expectOk(
      await core.invoke('posts:schedule', {
        clientId: client.id,
        accountIds: [a],
        parts: [{ text: 'Fresh bread' }],
        when,
      }),
    );
    const theirs = expectOk(
      await core.invoke('posts:schedule', {
        clientId: other,
        accountIds: [otherAccount],
        parts: [{ text: 'Other news' }],
        when,
      }),
    );
    expect(ours).toMatchObject({ approval: 'none', needsApproval: false });

    const updated = expectOk(
      await core.invoke('clients:update', { id: client.id, requireApproval: true }),
    );
    expect(updated.requireApproval).toBe(true);
    const listed = expectOk(await core.invoke('posts:list', {}));
    const by = (id: string) => listed.find((p) => p.id === id);
    expect(by(ours.id)).toMatchObject({ approval: 'none', needsApproval: true });
    expect(by(theirs.id)).toMatchObject({ approval: 'none', needsApproval: false });
    const calendar = expectOk(
      await core.invoke('calendar:range', {
        from: ours.scheduledAt ?? 0,
        to: Date.UTC(2026, 11, 2),
      }),
    );
    expect(calendar.items.map((i) => [i.id, i.needsApproval])).toEqual(
      expect.arrayContaining([
        [ours.id, true],
        [theirs.id, false],
      ]),
    );

    const refused = await core.dispatch('clients:update', {
      id: client.id,
      requireApproval: 'yes',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('counts an approval only for the version approved: each edit sends it back', async () => {
    const { core, client, a, b, image, media } = await setup();
    await core.invoke('clients:update', { id: client.id, requireApproval: true });
    const base = {
      clientId: client.id,
      accountIds: [a, b],
      localTime: '2026-12-01T09:00',
      parts: [
        {
          text: 'Fresh bread',
          variants: { [b]: 'Frisches Brot' },
          media: [{ mediaId: image, altText: 'A loaf' }],
        },
        { text: 'Open at nine' },
      ],
    };
    const draft = expectOk(await core.invoke('drafts:save', base));
    const save = (change: Partial<typeof base>) =>
      core.invoke('drafts:save', { ...base, ...change, id: draft.id });
    const [first, second] = base.parts;
    if (first === undefined || second === undefined) throw new Error('two parts');
    const otherImage = await media();
    const edits: [string, Partial<typeof base>][] = [
      ['text', { parts: [{ ...first, text: 'Fresh rye' }, second] }],
      ['a later part', { parts: [first, { text: 'Open at ten' }] }],
      ['a variant', { parts: [{ ...first, variants: { [b]: 'Frisches Roggenbrot' } }, second] }],
      ['alt text', { parts: [{ ...first, media: [{ mediaId: image, altText: 'Rye' }] }, second] }],
      [
        'media',
        { parts: [{ ...first, media: [{ mediaId: otherImage, altText: 'A loaf' }] }, second] },
      ],
      ['accounts', { accountIds: [a] }],
      ['time', { localTime: '2026-12-01T10:00' }],
    ];
    for (const [what, change] of edits) {
      expectOk(await save({}));
      await decideNow(core, draft.id, 'approved');
      expect(await approvalOf(core, draft.id), `before editing ${what}`).toEqual({
        approval: 'approved',
        needsApproval: false,
      });
      expectOk(await save(change));
      expect(await approvalOf(core, draft.id), `after editing ${what}`).toEqual({
        approval: 'none',
        needsApproval: true,
      });
    }
    // Saving the same content again (the composer's autosave rewrites every row) keeps it.
    expectOk(await save({}));
    await decideNow(core, draft.id, 'approved');
    expectOk(await save({}));
    expect((await approvalOf(core, draft.id)).approval).toBe('approved');
  });

  it('keeps a request for changes through edits, and tells every decision in the history', async () => {
    const { core, client, a } = await setup();
    await core.invoke('clients:update', { id: client.id, requireApproval: true });
    const post = expectOk(
      await core.invoke('posts:schedule', {
        clientId: client.id,
        accountIds: [a],
        parts: [{ text: 'Fresh bread' }],
        when: { at: '2026-12-01 09:00' },
      }),
    );
    core.clock.advance(60_000);
    await decideNow(core, post.id, 'changes_requested', { decidedAt: core.clock.now() - 5_000 });
    expectOk(
      await core.invoke('posts:reschedule', { id: post.id, when: { at: '2026-12-01 10:00' } }),
    );
    expect(await approvalOf(core, post.id)).toEqual({
      approval: 'changes_requested',
      needsApproval: true,
    });
    core.clock.advance(60_000);
    await decideNow(core, post.id, 'approved', { by: 'Ben Baker', comment: 'Lovely.' });
    const detail = expectOk(await core.invoke('posts:get', { id: post.id }));
    expect(detail.approval).toBe('approved');
    const decisions = detail.events.filter((e) => e.type.startsWith('approval.'));
    expect(decisions).toEqual([
      expect.objectContaining({
        type: 'approval.changes-requested',
        at: core.clock.now() - 60_000,
        detail: expect.objectContaining({
          by: 'Anna Baker',
          comment: 'Say sourdough, not bread.',
          packetId: `packet-${client.id}`,
          decidedAt: core.clock.now() - 65_000,
        }),
      }),
      expect.objectContaining({
        type: 'approval.approved',
        at: core.clock.now(),
        detail: expect.objectContaining({ by: 'Ben Baker', comment: 'Lovely.' }),
      }),
    ]);
    // Moving it to another campaign changes nothing the client approved.
    const campaign = expectOk(
      await core.invoke('campaigns:create', { clientId: client.id, name: 'Winter' }),
    );
    const moved: PostSummary = expectOk(
      await core.invoke('posts:set-campaign', { postId: post.id, campaignId: campaign.id }),
    );
    expect(moved.approval).toBe('approved');
  });

  it('carries a reviewed draft’s approval to the post it is scheduled as', async () => {
    const { core, client, a } = await setup();
    await core.invoke('clients:update', { id: client.id, requireApproval: true });
    const parts = [{ text: 'Fresh bread' }];
    const draft = expectOk(
      await core.invoke('drafts:save', {
        clientId: client.id,
        accountIds: [a],
        parts,
        localTime: '2026-12-01T09:00',
      }),
    );
    await decideNow(core, draft.id, 'approved');
    const post = { clientId: client.id, accountIds: [a], parts };
    const scheduled = expectOk(
      await core.invoke('drafts:schedule', {
        draftId: draft.id,
        post: { ...post, when: { at: '2026-12-01 09:00' } },
      }),
    );
    expect(scheduled).toMatchObject({ approval: 'approved', needsApproval: false });
    const detail = expectOk(await core.invoke('posts:get', { id: scheduled.id }));
    expect(detail.events.map((e) => e.type)).toContain('approval.approved');

    // Scheduled for another time than the one approved: it needs review again.
    const other = expectOk(
      await core.invoke('drafts:save', {
        clientId: client.id,
        accountIds: [a],
        parts,
        localTime: '2026-12-02T09:00',
      }),
    );
    await decideNow(core, other.id, 'approved');
    const moved = expectOk(
      await core.invoke('drafts:schedule', {
        draftId: other.id,
        post: { ...post, when: { at: '2026-12-02 11:00' } },
      }),
    );
    expect(moved).toMatchObject({ approval: 'none', needsApproval: true });
  });

  it('hashes what the client sees in a fixed order', () => {
    const version = {
      time: '2026-12-01T09:00 Europe/Berlin',
      accounts: ['a', 'b'],
      parts: [
        {
          text: 'Fresh bread',
          variants: [['b', 'Frisches Brot']] as [string, string][],
          media: [['m1', 'A loaf']] as [string, string][],
        },
      ],
    };
    const hash = hashVersion(version);
    expect(hash).toMatch(/^[0-9a-f]{32}$/);
    expect(hashVersion(structuredClone(version))).toBe(hash);
    expect(hashVersion({ ...version, time: null })).not.toBe(hash);
    expect(hashVersion({ ...version, accounts: ['a'] })).not.toBe(hash);
  });

  it('is set from the CLI, and posts list and show print the approval', async () => {
    const dataDir = tempDataDir();
    const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args]);
    const added = cli(
      '--json',
      'clients',
      'add',
      '--name',
      'Bakery',
      '--timezone',
      'Europe/Berlin',
    );
    expect(added.status, added.stderr).toBe(0);
    const { id, requireApproval } = added.json() as { id: string; requireApproval: boolean };
    expect(requireApproval).toBe(false);
    const on = cli('--json', 'clients', 'update', id, '--require-approval', 'true');
    expect(on.status, on.stderr).toBe(0);
    expect(on.json()).toMatchObject({ requireApproval: true });
    const bad = cli('clients', 'update', id, '--require-approval', 'yes');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/true or false/);

    const core = await makeCore({ dataDir });
    const account = await makeAccount(core.database.db, id, { handle: 'bakery' });
    const scheduled = cli(
      '--json',
      'posts',
      'schedule',
      '--account',
      account,
      '--at',
      '2030-12-01 09:00',
      '--text',
      'Fresh bread',
    );
    expect(scheduled.status, scheduled.stderr).toBe(0);
    const postId = (scheduled.json() as PostSummary).id;
    const listed = cli('--json', 'posts', 'list', '--client', id);
    expect(listed.json()).toEqual([
      expect.objectContaining({ id: postId, approval: 'none', needsApproval: true }),
    ]);
    expect(cli('posts', 'list', '--client', id).stdout).toMatch(/APPROVAL[\s\S]*needed/);
    expect(cli('--json', 'posts', 'show', postId).json()).toMatchObject({ approval: 'none' });
    expect(cli('posts', 'show', postId).stdout).toMatch(
      /approval none \(needed before it can go out\)/,
    );
  });
});
