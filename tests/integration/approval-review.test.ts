// Review packets on a real database through dispatch: the packet is one self-contained
// page (strict CSP, inline style and script only, media as data URLs, every network's
// preview, times in the client's zone, the named controls), recorded with each post's
// version hash; a reply records each decision in the post's history, all or nothing,
// except posts changed since the packet, which are refused and named; hostile replies
// (wrong hashes, 5 MB, another client's posts, an unknown packet, a broken code) write
// nothing.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeReply } from '../../main/core/approval/reply-code.ts';
import type { ReviewSendResult } from '../../shared/approval.ts';
import { packetToken, replyFor } from '../helpers/approval.ts';
import { dumpDatabase, expectOk, makeCore } from '../helpers/core.ts';
import { makeNetworkAccount } from '../helpers/network-account-rows.ts';
import { makeMediaAsset, pngBytes } from '../helpers/post-factories.ts';

async function setup() {
  const core = await makeCore();
  const db = core.database.db;
  const client = expectOk(
    await core.invoke('clients:create', {
      name: 'Bright Bakes',
      timezone: 'America/New_York',
      requireApproval: true,
    }),
  );
  const x = await makeNetworkAccount(db, client.id, { platform: 'x', handle: 'brightbakes' });
  const sky = await makeNetworkAccount(db, client.id, {
    platform: 'bluesky',
    handle: 'brightbakes.bsky.social',
  });
  const image = await makeMediaAsset(db, core.dataDir, {
    bytes: pngBytes(),
    kind: 'image',
    mime: 'image/png',
    clientId: client.id,
    width: 4,
    height: 4,
  });
  const schedule = async (text: string, at: string, extra: Record<string, unknown> = {}) =>
    expectOk(
      await core.invoke('posts:schedule', {
        clientId: client.id,
        accountIds: [x, sky],
        parts: [{ text }],
        when: { at },
        ...extra,
      }),
    ).id;
  const posts = [
    await schedule('Sourdough Saturday', '2026-12-05 09:00', {
      parts: [
        {
          text: 'Sourdough Saturday <script>alert(1)</script>',
          variants: { [sky]: 'Sourdough Saturday on Bluesky' },
          media: [{ mediaId: image, altText: 'A crusty loaf' }],
        },
        { text: 'Doors open at nine' },
      ],
    }),
    await schedule('Rye Sunday', '2026-12-06 10:00'),
    await schedule('Bagel Monday', '2026-12-07 08:30'),
  ];
  return { core, db, client, x, sky, posts };
}

const send = async (core: Awaited<ReturnType<typeof setup>>['core'], clientId: string) =>
  expectOk(await core.invoke('review:send', { clientId }));

describe('review packets', () => {
  it('writes one self-contained page, records it, and puts each post in review', async () => {
    const { core, client, posts } = await setup();
    const sent: ReviewSendResult = await send(core, client.id);
    const { html, packet } = sent;

    // Self-contained: no network, nothing from elsewhere, only its own style and script.
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain('img-src data:');
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    const hash = (text: string) => crypto.createHash('sha256').update(text).digest('base64');
    expect(csp).toContain(`script-src 'sha256-${hash(script)}'`);
    expect(csp).toContain(`style-src 'sha256-${hash(style)}'`);
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html).not.toMatch(/(src|href)="(?!data:)/);
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).toMatch(/<img src="data:image\/webp;base64,[A-Za-z0-9+/=]+" alt="A crusty loaf">/);
    // What the client approves, as each network will show it, in their own time zone.
    expect(html).toContain('Saturday 5 December 2026, 09:00 (America/New_York)');
    expect(html).toContain('Sourdough Saturday &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Sourdough Saturday on Bluesky');
    expect(html).toContain('aria-label="On X as @brightbakes"');
    expect(html).toContain('aria-label="On Bluesky as @brightbakes.bsky.social"');
    expect(html.match(/>Approve<\/button>/g)).toHaveLength(3);
    expect(html.match(/>Request changes<\/button>/g)).toHaveLength(3);
    expect(html.match(/<label class="comment">Comment /g)).toHaveLength(3);
    expect(html).toContain('<label for="reply-code">Reply code</label>');
    expect(packetToken(html)).toMatch(/^[A-Za-z0-9_-]{22}$/);

    // Recorded, kept in the data folder, and each post in review.
    expect(fs.readFileSync(packet.filePath, 'utf8')).toBe(html);
    expect(packet).toMatchObject({ clientId: client.id, clientName: 'Bright Bakes', pending: 3 });
    expect(packet.posts.map((p) => p.postId)).toEqual(posts);
    const listed = expectOk(await core.invoke('review:list', { clientId: client.id }));
    expect(listed).toEqual([packet]);
    for (const id of posts) {
      const post = expectOk(await core.invoke('posts:get', { id }));
      expect(post).toMatchObject({ approval: 'in_review', needsApproval: true });
      expect(post.events.at(-1)).toMatchObject({
        type: 'approval.sent',
        detail: { packetId: packet.id },
      });
    }
  });

  it('records a reply: approvals, a request for changes, who, when and why', async () => {
    const { core, client, posts } = await setup();
    const sent = await send(core, client.id);
    const [a = '', b = '', c = ''] = posts;
    core.clock.advance(3_600_000);
    const reply = replyFor(sent, {
      [a]: { a: 'approved' },
      [b]: { a: 'approved', c: 'Lovely' },
      [c]: { a: 'changes_requested', c: 'Bagels on Tuesday, please.' },
    });
    // Wrapped by an email program and quoted among other words, it still reads.
    const email = `Hi!\n\n${reply.replace(/(.{60})/g, '$1\n')}\n\nAnna`;
    const result = expectOk(await core.invoke('review:import', { reply: email }));
    expect(result).toMatchObject({
      packetId: sent.packet.id,
      applied: [
        { postId: a, decision: 'approved', firstLine: expect.stringContaining('Sourdough') },
        { postId: b, decision: 'approved' },
        { postId: c, decision: 'changes_requested', firstLine: 'Bagel Monday' },
      ],
      refused: [],
    });
    const approval = async (id: string) => expectOk(await core.invoke('posts:get', { id }));
    expect(await approval(a)).toMatchObject({ approval: 'approved', needsApproval: false });
    const changed = await approval(c);
    expect(changed).toMatchObject({ approval: 'changes_requested', needsApproval: true });
    expect(changed.events.at(-1)).toMatchObject({
      type: 'approval.changes-requested',
      at: core.clock.now(),
      detail: {
        by: 'Anna Baker',
        comment: 'Bagels on Tuesday, please.',
        packetId: sent.packet.id,
        decidedAt: Date.UTC(2026, 10, 25, 10, 0),
      },
    });
    const [packet] = expectOk(await core.invoke('review:list', {}));
    expect(packet?.pending).toBe(0);
    expect(packet?.posts.map((p) => p.decision)).toEqual([
      'approved',
      'approved',
      'changes_requested',
    ]);

    // The same reply again records nothing twice.
    const again = expectOk(await core.invoke('review:import', { reply }));
    expect(again).toMatchObject({ applied: [], refused: [] });
    expect(again.unchanged).toHaveLength(3);
    expect((await approval(a)).events.filter((e) => e.type === 'approval.approved')).toHaveLength(
      1,
    );
  });

  it('refuses a post edited after sending, names it, and records the others', async () => {
    const { core, client, posts } = await setup();
    const sent = await send(core, client.id);
    const [a = '', b = ''] = posts;
    expectOk(await core.invoke('posts:reschedule', { id: b, when: { at: '2026-12-06 11:00' } }));
    const result = expectOk(
      await core.invoke('review:import', {
        reply: replyFor(sent, { [a]: { a: 'approved' }, [b]: { a: 'approved' } }),
      }),
    );
    expect(result.applied.map((p) => p.postId)).toEqual([a]);
    expect(result.refused).toEqual([
      expect.objectContaining({
        postId: b,
        firstLine: 'Rye Sunday',
        reason: expect.stringMatching(/changed since the packet was sent/),
      }),
    ]);
    const moved = expectOk(await core.invoke('posts:get', { id: b }));
    expect(moved).toMatchObject({ approval: 'none', needsApproval: true });
    expect(moved.events.map((e) => e.type)).not.toContain('approval.approved');
    const [packet] = expectOk(await core.invoke('review:list', {}));
    expect(packet?.posts.find((p) => p.postId === b)).toMatchObject({
      changedSince: true,
      decision: null,
    });
  });

  it('writes nothing for a hostile or broken reply', async () => {
    const { core, client, posts } = await setup();
    const other = expectOk(await core.invoke('clients:create', { name: 'Other Shop' }));
    const otherAccount = await makeNetworkAccount(core.database.db, other.id, {
      platform: 'x',
      handle: 'othershop',
    });
    const theirs = expectOk(
      await core.invoke('posts:schedule', {
        clientId: other.id,
        accountIds: [otherAccount],
        parts: [{ text: 'Not yours' }],
        when: { at: '2026-12-05 09:00' },
      }),
    );
    const sent = await send(core, client.id);
    const theirPacket = expectOk(await core.invoke('review:send', { clientId: other.id }));
    const [a = '', b = ''] = posts;
    const before = dumpDatabase(core);
    const theirHash = theirPacket.packet.posts[0]?.versionHash ?? '';
    const hostile: [string, string, RegExp][] = [
      [
        'a wrong version hash',
        replyFor(sent, { [a]: { a: 'approved' }, [b]: { a: 'approved', h: 'f'.repeat(32) } }),
        /not the one packet .* showed/,
      ],
      [
        'another client’s post',
        replyFor(sent, { [a]: { a: 'approved' }, [theirs.id]: { a: 'approved', h: theirHash } }),
        /did not hold/,
      ],
      [
        'an unknown packet',
        replyFor(sent, { [a]: { a: 'approved' } }, { p: 'packet-that-never-was' }),
        /was not sent from this Starling/,
      ],
      [
        'a forged key',
        replyFor(sent, { [a]: { a: 'approved' } }, { t: 'x'.repeat(22) }),
        /does not carry the key/,
      ],
      [
        'a 5 MB reply',
        `${replyFor(sent, { [a]: { a: 'approved' } })}${' '.repeat(5 * 1024 * 1024)}`,
        /over 256 KB/,
      ],
      [
        'a code cut short',
        replyFor(sent, { [a]: { a: 'approved' } }).replace(/.{10}(\.[0-9a-f]{8})$/, '$1'),
        /checksum does not match/,
      ],
      [
        'a request for changes without a comment',
        replyFor(sent, { [a]: { a: 'changes_requested' } }),
        /not a reply/,
      ],
      ['nothing but words', 'Looks good to me, go ahead!', /no reply code/],
      [
        'a valid code around forged JSON',
        encodeReply({ p: sent.packet.id, t: packetToken(sent.html), n: 'X', d: [] }),
        /not a reply/,
      ],
    ];
    for (const [what, reply, message] of hostile) {
      const result = await core.dispatch('review:import', { reply });
      expect(result, what).toMatchObject({ ok: false, error: { message } });
    }
    expect(dumpDatabase(core)).toEqual(before);
  });
});
