// `starling daemon` as a user runs it: publishes what is due, logs each event as a line,
// and on SIGTERM lets the post being published finish before it exits 0.
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { spawnDaemon } from '../helpers/daemon.ts';
import { makeJob, findJob } from '../helpers/job-factories.ts';
import { makePost } from '../helpers/post-factories.ts';
import { connectX, testPassphrase } from '../helpers/x-accounts.ts';

describe('starling daemon', () => {
  it('publishes a due post, and on SIGTERM finishes the one in flight and exits 0', async () => {
    const { core, fake, clientId, account, user } = await connectX();
    const db = core.database.db;
    const now = Date.now();
    const first = await makePost(db, { clientId, accountIds: [account.id], parts: ['Daemon one'] });
    const firstJob = await makeJob(db, { targetId: first.targets[account.id] ?? '', runAt: now });
    const second = await makePost(db, {
      clientId,
      accountIds: [account.id],
      parts: ['Daemon two'],
    });
    // Due a little later, so the fault below is set before it goes out.
    const secondJob = await makeJob(db, {
      targetId: second.targets[account.id] ?? '',
      runAt: now + 4_000,
    });

    const daemon = spawnDaemon(core.dataDir, {
      STARLING_X_API_ORIGIN: fake.origin,
      STARLING_VAULT_PASSPHRASE: testPassphrase,
    });
    onTestFinished(() => {
      daemon.child.kill('SIGKILL');
    });
    await daemon.waitFor((l) => l.type === 'target.published' && l.post === first.postId);
    await vi.waitFor(async () => {
      expect(await findJob(db, firstJob)).toBeUndefined();
    });

    // A slow X: the second post is in flight when the signal comes.
    fake.fault({ method: 'POST', path: '/2/tweets', kind: 'latency', ms: 1_500 });
    await daemon.waitFor((l) => l.type === 'part.sending' && l.post === second.postId, 30_000);
    daemon.child.kill('SIGTERM');
    expect(await daemon.exited).toEqual({ code: 0, signal: null });

    expect(daemon.lines.map((l) => l.type)).toEqual(
      expect.arrayContaining(['daemon.started', 'daemon.stopping', 'daemon.stopped']),
    );
    // The second post was in flight; the first may be too, its job done in the file but
    // still waiting for the disk sync of that commit ([Note: group commit]). Both finish.
    const stopped = daemon.lines.at(-1);
    expect(stopped).toMatchObject({ type: 'daemon.stopped', released: 0 });
    expect([1, 2]).toContain(stopped?.finished);
    expect(await findJob(db, secondJob)).toBeUndefined();
    const texts = fake.ledger
      .tweets()
      .filter((t) => t.authorId === user.id)
      .map((t) => t.text);
    expect(texts).toEqual(['Daemon one', 'Daemon two']);
  });
});
