// Reminders for posts due within a day without their client's approval, on a real core:
// the publishing hosts push review:reminded once per version of such a post (and not for
// approved posts, posts further off, or clients that do not require approval); a restart
// does not remind again, a new version does.
import { describe, expect, it, vi } from 'vitest';
import { dueReminders } from '../../main/core/approval/reminders.ts';
import { decide } from '../helpers/approval.ts';
import { expectOk, makeCore, payloadsOf, recordEvents } from '../helpers/core.ts';
import { makeAccount } from '../helpers/post-factories.ts';

const hour = 3_600_000;

describe('approval reminders', () => {
  it('reminds once per version of a post due within a day without approval', async () => {
    const core = await makeCore();
    const db = core.database.db;
    const strict = expectOk(
      await core.invoke('clients:create', { name: 'Bright Bakes', requireApproval: true }),
    );
    const relaxed = expectOk(await core.invoke('clients:create', { name: 'Easy Going' }));
    const a = await makeAccount(db, strict.id);
    const b = await makeAccount(db, relaxed.id);
    const now = core.clock.now();
    const schedule = async (clientId: string, accountId: string, text: string, at: number) =>
      expectOk(
        await core.invoke('posts:schedule', {
          clientId,
          accountIds: [accountId],
          parts: [{ text }],
          when: at,
        }),
      ).id;
    const soon = await schedule(strict.id, a, 'Rye tomorrow', now + 23 * hour);
    const approved = await schedule(strict.id, a, 'Buns tonight', now + 2 * hour);
    await schedule(strict.id, a, 'Cake next week', now + 30 * hour);
    await schedule(relaxed.id, b, 'No approval needed', now + hour);
    await decide(db, approved, 'approved', now);

    const seen = recordEvents(core.events);
    await core.startBackground();
    await vi.waitFor(() => {
      expect(payloadsOf(seen, 'review:reminded')).toHaveLength(1);
    });
    expect(payloadsOf(seen, 'review:reminded')[0]).toMatchObject({
      clientName: 'Bright Bakes',
      post: { id: soon, needsApproval: true },
    });
    const history = expectOk(await core.invoke('posts:get', { id: soon })).events;
    expect(history.map((e) => e.type)).toContain('approval.reminded');

    // Looked at again (another process, a restart): nothing new to say.
    core.clock.advance(hour);
    expect(await dueReminders(db, core.clock.now())).toEqual([]);
    // Moved: a new version that needs approval again, so it reminds again.
    expectOk(await core.invoke('posts:reschedule', { id: soon, when: now + 22 * hour }));
    const again = await dueReminders(db, core.clock.now());
    expect(again.map((r) => r.post.id)).toEqual([soon]);
  });
});
