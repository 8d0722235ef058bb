// Soak, small enough for every test run: 60 posts over 12 accounts (4 each on X, Bluesky
// and Mastodon) published by the daemon process through faults on every network, a
// revoked token and 5 SIGKILLs. `npm run soak` runs the same scenario bigger.
import { describe, expect, it } from 'vitest';
import { runSoak } from './soak-scenario.ts';

describe('soak', () => {
  it('publishes nothing twice and loses nothing on any network while they fail and the daemon is killed', async () => {
    const report = await runSoak({
      posts: 60,
      accounts: 4,
      spreadMs: 15_000,
      kills: 5,
      settleMs: 20_000,
    });
    console.log(`soak: ${JSON.stringify(report)}`);
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ duplicates: 0, lost: 0, brokenThreads: 0, unrecorded: 0 });
    expect(report.kills).toBe(5);
    expect(report.published).toBeGreaterThan(report.targets / 2);
    for (const network of ['x', 'bluesky', 'mastodon']) {
      expect(report.onNetworks[network]).toBeGreaterThan(0);
    }
  }, 90_000);
});
