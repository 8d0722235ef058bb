// LinkedIn's answer to the scheduler's "am I offline?": reached when its API host answers
// at all (the fake's 404 counts), not when nothing listens there. Without a probe of its
// own the scheduler asked only X, so a LinkedIn user who cannot reach X had every post
// held as offline after LinkedIn's first passing failure.
import { describe, expect, it } from 'vitest';
import { createNetworkProbe } from '../../main/core/scheduler/network-probe.ts';
import { makeLinkedInCore, routeTo, startLinkedIn } from '../helpers/linkedin-accounts.ts';

describe('LinkedIn network probe', () => {
  it('is reached when the LinkedIn host answers and not when nothing listens', async () => {
    const fake = await startLinkedIn();
    const core = await makeLinkedInCore(fake);
    const probe = core.platforms.get('linkedin').probe;
    expect(probe).toBeDefined();
    expect(await probe?.()).toBe(true);
    expect(fake.ledger.requests().map((r) => `${r.method} ${r.host}`)).toEqual([
      'HEAD api.linkedin.com',
    ]);
    // LinkedIn alone is enough for the scheduler to call itself online.
    expect(await createNetworkProbe(probe === undefined ? [] : [probe]).isOnline()).toBe(true);

    const gone = await startLinkedIn();
    routeTo(gone);
    await gone.close();
    expect(await probe?.()).toBe(false);
  });
});
